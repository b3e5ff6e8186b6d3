// A real protection for tests: it changes a "system setting" (a file) and restores exactly what was there,
// the way blocking and notification muting do, and it can be told to fail, hang or crash at any point.
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtectionId, VerifiedProtectionStatus } from '../src-main/contract/protection';
import { writeFileAtomic } from '../src-main/base/atomic-file';
import type { ProtectedSession, Protection } from '../src-main/core/protection/protection';

export type FaultPoint = 'before' | 'mid' | 'after';
export type FaultMethod = 'activate' | 'deactivate' | 'extend' | 'recover';
export interface Fault {
  readonly method: FaultMethod;
  readonly point: FaultPoint;
  /** `crash` kills this process outright (SIGKILL: no exit handlers, no flushing), like a power cut. */
  readonly kind: 'throw' | 'hang' | 'crash';
  /** Fires only this many times, then the method works (a guard that answers again); every time when absent. */
  readonly times?: number;
}

export const USER_VALUE = 'user-value';

/** A valid status of each kind for either id. Extending reports a different detail, so a test sees extend's answer. */
export function testStatus(id: ProtectionId, kind: 'active' | 'extended' | 'unavailable'): VerifiedProtectionStatus {
  if (id === 'blocking') {
    if (kind === 'unavailable') return { id, state: 'unavailable', unavailable: { reason: 'guard-not-running' } };
    return { id, state: 'active', detail: { localServerPorts: kind === 'extended' ? [80] : [] } };
  }
  if (id === 'apps') {
    if (kind === 'unavailable') return { id, state: 'unavailable', unavailable: { reason: 'list-empty' } };
    return { id, state: 'active', detail: { by: 'app', appCount: kind === 'extended' ? 2 : 1, launches: [], installed: null } };
  }
  if (kind === 'unavailable') return { id, state: 'unavailable', unavailable: { reason: 'no-notification-server' } };
  return { id, state: 'active', detail: { method: 'dunst', verified: true, alreadyMuted: kind === 'extended' } };
}

export class FileSettingProtection implements Protection {
  readonly settingPath: string;
  readonly snapshotPath: string;
  private readonly logPath: string;
  private faultsFired = 0;

  constructor(
    readonly id: ProtectionId,
    folder: string,
    private readonly fault: Fault | null = null,
    private readonly unavailable = false,
    /** Called when a `hang` fault is reached, so a test can move its clock past the step's timeout. */
    private readonly onHang: () => void = () => undefined,
  ) {
    this.settingPath = join(folder, `${id}.setting`);
    this.snapshotPath = join(folder, `${id}.snapshot`);
    this.logPath = join(folder, 'calls.log');
  }

  /** Creates the user's own value, as it is before Stillroom ever runs. */
  static seed(folder: string, ids: readonly ProtectionId[]): void {
    for (const id of ids) appendFileSync(join(folder, `${id}.setting`), USER_VALUE);
  }

  async activate(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    this.record('activate', session);
    await this.point('activate', 'before');
    if (this.unavailable) return testStatus(this.id, 'unavailable');
    await this.apply(session, 'activate');
    await this.point('activate', 'after');
    return testStatus(this.id, 'active');
  }

  async extend(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    this.record('extend', session);
    await this.point('extend', 'before');
    return testStatus(this.id, 'extended');
  }

  async deactivate(session: ProtectedSession): Promise<void> {
    this.record('deactivate', session);
    await this.point('deactivate', 'before');
    await this.restore('deactivate');
    await this.point('deactivate', 'after');
  }

  async recover(session: ProtectedSession, stillRunning: boolean): Promise<VerifiedProtectionStatus | null> {
    this.record(stillRunning ? 'recover-resume' : 'recover-undo', session);
    await this.point('recover', 'before');
    if (!stillRunning) {
      await this.restore('recover');
      return null;
    }
    await this.apply(session, 'recover');
    return testStatus(this.id, 'active');
  }

  currentValue(): string {
    return readFileSync(this.settingPath, 'utf8');
  }

  hasSnapshot(): boolean {
    return existsSync(this.snapshotPath);
  }

  // Snapshot first (once), then change: a crash between the two still leaves what is needed to restore.
  private async apply(session: ProtectedSession, method: FaultMethod): Promise<void> {
    if (!existsSync(this.snapshotPath)) await writeFileAtomic(this.snapshotPath, readFileSync(this.settingPath));
    await this.point(method, 'mid');
    await writeFileAtomic(this.settingPath, `stillroom:${session.sessionId}`);
  }

  private async restore(method: FaultMethod): Promise<void> {
    if (!existsSync(this.snapshotPath)) return;
    await writeFileAtomic(this.settingPath, readFileSync(this.snapshotPath));
    await this.point(method, 'mid');
    rmSync(this.snapshotPath, { force: true });
  }

  private async point(method: FaultMethod, point: FaultPoint): Promise<void> {
    const fault = this.fault;
    if (!fault || fault.method !== method || fault.point !== point) return;
    if (fault.times !== undefined && this.faultsFired >= fault.times) return;
    this.faultsFired++;
    if (fault.kind === 'throw') throw new Error(`${this.id} ${method} failed at ${point}`);
    if (fault.kind === 'hang') {
      this.onHang();
      await new Promise<never>(() => undefined);
    }
    process.kill(process.pid, 'SIGKILL');
    await new Promise<never>(() => undefined);
  }

  // Written synchronously, so the record survives the SIGKILL that may follow.
  private record(call: string, session: ProtectedSession): void {
    appendFileSync(this.logPath, `${this.id} ${call} ${session.sessionId}\n`);
  }
}

/** The calls made so far, one `"<id> <call> <sessionId>"` per entry. */
export function readCalls(folder: string): string[] {
  const path = join(folder, 'calls.log');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}
