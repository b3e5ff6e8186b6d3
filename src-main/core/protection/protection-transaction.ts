import type { ProtectionStatus, VerifiedProtectionStatus } from '../../contract/protection';
import type { Clock } from '../clock';
import { ProtectionJournal, type ProtectionStep } from './protection-journal';
import type { ProtectedSession, Protection, ProtectionMemo } from './protection';

export interface ProtectionTransactionOptions {
  readonly clock: Clock;
  /** A protection that has not answered by then is reported failed (it may still be half-done: it is undone later). */
  readonly stepTimeoutMs?: number;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

const DEFAULT_STEP_TIMEOUT_MS = 20_000;

/**
 * Turns a session's protections on and off as one journaled transaction. Every step is written to the journal
 * before the protection acts, so after a crash at any point `recover` undoes exactly what was begun (or resumes
 * it when the session still runs), and never touches a protection that was not.
 */
export class ProtectionTransaction {
  private readonly journal: ProtectionJournal;
  private steps: ProtectionStep[] = [];
  private readonly stepTimeoutMs: number;

  constructor(
    journalPath: string,
    private readonly protections: readonly Protection[],
    private readonly options: ProtectionTransactionOptions,
  ) {
    this.journal = new ProtectionJournal(journalPath);
    this.stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    if (new Set(protections.map((protection) => protection.id)).size !== protections.length) {
      throw new Error('Each protection may be registered once');
    }
  }

  /** Statuses as they will look while the protections are being turned on. */
  pending(): ProtectionStatus[] {
    return this.protections.map((protection) => ({ id: protection.id, state: 'pending' }));
  }

  /**
   * Called once at start-up, before anything else: replays the journal left by the previous run. Steps of a
   * session that still runs are resumed and any protection not yet begun is turned on; everything else is undone.
   * Returns the running session's statuses (empty when none runs). `remembered`: the statuses the running session
   * last showed, handed to the protections it resumes.
   */
  async recover(running: ProtectedSession | null, remembered: readonly ProtectionStatus[] = []): Promise<ProtectionStatus[]> {
    const read = await this.journal.read();
    if (read.kind === 'corrupt') this.log('error', `protection journal unreadable (${read.reason}); kept at ${read.movedTo}`);
    if (read.kind === 'newer') {
      this.log('error', `protection journal written by a newer Stillroom (version ${read.version}); not replayed, kept unchanged at ${read.movedTo}: that version undoes its own changes`);
    }
    this.steps = read.kind === 'steps' ? read.steps : [];

    const statuses = new Map<string, VerifiedProtectionStatus>();
    for (const step of [...this.steps].reverse()) {
      const protection = this.protections.find((candidate) => candidate.id === step.id);
      if (!protection) {
        this.log('warn', `journal names protection "${step.id}", which is not registered; dropping its step`);
        await this.saveWithout(step.id);
        continue;
      }
      const resumes = running !== null && step.session.sessionId === running.sessionId && step.phase !== 'deactivating';
      if (resumes) {
        const result = await this.settle(() => protection.recover(running, true, this.memoFor(protection), remembered.find((status) => status.id === protection.id)));
        if (!result.ok) statuses.set(protection.id, { id: protection.id, state: 'failed', error: result.error });
        else if (result.value) statuses.set(protection.id, result.value);
        else await this.saveWithout(protection.id);
        // Not `...step`: that is the memo as read at start-up, and recover may have recorded a newer one.
        if (result.ok && result.value) await this.save({ id: step.id, phase: 'active', session: running });
      } else {
        await this.undo(protection, step.session, (session) => protection.recover(session, false, this.memoFor(protection)).then(() => undefined));
      }
    }
    if (!running) return [];

    // Protections the crash stopped before they began (or that chose to undo) are turned on now.
    const result: ProtectionStatus[] = [];
    for (const protection of this.protections) result.push(statuses.get(protection.id) ?? (await this.activateOne(protection, running)));
    return result;
  }

  /** Turns every protection on, in order; each reports what is verifiably true. Never throws. */
  async activate(session: ProtectedSession, onProgress?: (statuses: ProtectionStatus[]) => void): Promise<ProtectionStatus[]> {
    const result = this.pending();
    onProgress?.([...result]);
    for (const [index, protection] of this.protections.entries()) {
      result[index] = await this.activateOne(protection, session);
      onProgress?.([...result]);
    }
    return result;
  }

  /** The session's end moved: each active protection (and each begun one that asks, `extendsWhenInactive`) learns the new end. */
  async extend(session: ProtectedSession, current: readonly ProtectionStatus[]): Promise<ProtectionStatus[]> {
    const result: ProtectionStatus[] = [];
    for (const protection of this.protections) {
      const before = current.find((status) => status.id === protection.id);
      const wanted = before?.state === 'active' || protection.extendsWhenInactive === true;
      if (!this.steps.some((step) => step.id === protection.id) || !wanted) {
        if (before) result.push(before);
        continue;
      }
      await this.save({ id: protection.id, phase: 'active', session });
      const settled = await this.settle(() => protection.extend(session, this.memoFor(protection)));
      result.push(settled.ok ? settled.value : { id: protection.id, state: 'failed', error: settled.error });
    }
    return result;
  }

  /**
   * Turns every begun protection off, in reverse order. Returns only what could not be turned off (the journal
   * keeps those, so the next start tries again); an empty list means everything is restored.
   */
  async deactivate(session: ProtectedSession): Promise<ProtectionStatus[]> {
    const failures: ProtectionStatus[] = [];
    for (const protection of [...this.protections].reverse()) {
      const step = this.steps.find((candidate) => candidate.id === protection.id);
      if (!step) continue;
      const failure = await this.undo(protection, step.session.sessionId === session.sessionId ? session : step.session, (target) =>
        protection.deactivate(target, this.memoFor(protection)),
      );
      if (failure) failures.push(failure);
    }
    return failures;
  }

  private async activateOne(protection: Protection, session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    const leftover = this.steps.find((step) => step.id === protection.id);
    if (leftover && leftover.session.sessionId !== session.sessionId) {
      // Left by an earlier session whose undo failed: one more try, then the new activation supersedes it.
      await this.undo(protection, leftover.session, (target) => protection.recover(target, false, this.memoFor(protection)).then(() => undefined));
    }
    try {
      await this.save({ id: protection.id, phase: 'activating', session });
    } catch (error) {
      // Without a journal entry a crash could not undo it, so it must not act at all.
      return { id: protection.id, state: 'failed', error: `not started: the journal could not be written (${message(error)})` };
    }
    const settled = await this.settle(() => protection.activate(session, this.memoFor(protection)));
    try {
      await this.save({ id: protection.id, phase: 'active', session });
    } catch (error) {
      this.log('error', `protection journal write failed after ${protection.id} activated: ${message(error)}`);
    }
    return settled.ok ? settled.value : { id: protection.id, state: 'failed', error: settled.error };
  }

  private async undo(
    protection: Protection,
    session: ProtectedSession,
    act: (session: ProtectedSession) => Promise<void>,
  ): Promise<ProtectionStatus | null> {
    try {
      await this.save({ id: protection.id, phase: 'deactivating', session });
    } catch (error) {
      this.log('error', `protection journal write failed before undoing ${protection.id}: ${message(error)}`);
    }
    const settled = await this.settle(() => act(session));
    if (!settled.ok) {
      this.log('error', `could not turn off ${protection.id}: ${settled.error}`);
      return { id: protection.id, state: 'failed', error: `could not be turned off: ${settled.error}` };
    }
    try {
      await this.saveWithout(protection.id);
    } catch (error) {
      this.log('error', `protection journal write failed after undoing ${protection.id}: ${message(error)}`);
    }
    return null;
  }

  /** Runs a protection's method, turning a throw, a rejection or silence past the timeout into an error value. */
  private settle<T>(run: () => Promise<T>): Promise<Settled<T>> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: Settled<T>) => {
        if (done) return;
        done = true;
        cancel();
        resolve(value);
      };
      const cancel = this.options.clock.setTimer(this.stepTimeoutMs, () =>
        finish({ ok: false, error: `no answer within ${Math.round(this.stepTimeoutMs / 1000)} s` }),
      );
      Promise.resolve()
        .then(run)
        .then(
          (value) => finish({ ok: true, value }),
          (error: unknown) => finish({ ok: false, error: message(error) }),
        );
    });
  }

  /** The app is quitting: protections that need it alive let go now; their steps stay for the next start. */
  async suspend(): Promise<void> {
    for (const protection of [...this.protections].reverse()) {
      if (!protection.suspend || !this.steps.some((step) => step.id === protection.id)) continue;
      const suspend = protection.suspend.bind(protection);
      const settled = await this.settle(() => suspend());
      if (!settled.ok) this.log('error', `could not let go of ${protection.id} on quit: ${settled.error}`);
    }
  }

  /** The protection's own journal line, bound to its current step (there is always one while it acts). */
  private memoFor(protection: Protection): ProtectionMemo {
    return {
      saved: () => this.steps.find((step) => step.id === protection.id)?.memo,
      record: async (memo) => {
        const step = this.steps.find((candidate) => candidate.id === protection.id);
        if (!step) throw new Error(`${protection.id} has no journal step to record into`);
        await this.save({ ...step, memo });
      },
    };
  }

  /** Writes a step; a phase change keeps the memo the protection recorded, unless the step brings its own. */
  private async save(change: ProtectionStep): Promise<void> {
    const memo = change.memo ?? this.steps.find((candidate) => candidate.id === change.id)?.memo;
    // What undoing needs of the session; what it blocks is the session journal's (a resumed session reads it there).
    const { sessionId, endsAt, mode } = change.session;
    const journaled = { ...change, session: { sessionId, endsAt, mode } };
    const step = memo === undefined ? journaled : { ...journaled, memo };
    const next = [...this.steps.filter((candidate) => candidate.id !== step.id), step];
    await this.journal.write(next);
    this.steps = next;
  }

  private async saveWithout(id: ProtectionStep['id']): Promise<void> {
    const next = this.steps.filter((candidate) => candidate.id !== id);
    await this.journal.write(next);
    this.steps = next;
  }

  private log(level: 'info' | 'warn' | 'error', text: string): void {
    this.options.log?.(level, text);
  }
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 1900);
