import { z } from 'zod';
import { NotificationMethod, type NotificationsActive, type NotificationsReadiness, type NotificationsUnavailable } from '../../contract/notifications';
import type { VerifiedProtectionStatus } from '../../contract/protection';
import type { MemoValue, ProtectedSession, Protection, ProtectionMemo } from '../protection/protection';
import { createAdapter, detectMethod, type DndEnvironment } from './detect-adapter';
import { DndUnavailable, type DndAdapter } from './dnd-adapter';

/**
 * What the journal keeps for notifications: the adapter, the state found, the state written (null: already muted,
 * nothing written, nothing to restore), and whether it was already put back on quit (then a restart that finds
 * the session still running mutes again from scratch).
 */
const NotificationsMemo = z
  .object({ method: NotificationMethod, found: z.json(), wrote: z.json().nullable(), restored: z.boolean() })
  .strict();
type NotificationsMemo = z.infer<typeof NotificationsMemo>;

export interface NotificationsProtectionOptions {
  readonly environment: DndEnvironment;
  /** Settings → Notifications: false leaves the system's notifications alone. */
  readonly enabled: () => boolean;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * What the host hands the core for notifications (CoreHost.notifications): the protection a session turns on after
 * blocking, and the question Settings asks before a session starts.
 */
export interface NotificationsMuting extends Protection {
  readonly id: 'notifications';
  check(): Promise<NotificationsReadiness>;
}

/**
 * Muting the system's notifications for a session, through whichever adapter this desktop needs. The rules:
 * already muted → change nothing, restore nothing; the memo (state found, state to write) is journaled before the
 * write; after it, the state is read back and only a verified mute is reported active; at the end the found state
 * is written back only if the current state is still the one we wrote (a change the user made meanwhile wins).
 */
export class NotificationsProtection implements NotificationsMuting {
  readonly id = 'notifications' as const;
  private readonly adapters = new Map<NotificationMethod, DndAdapter>();
  /** The running session's memo, for `suspend` on quit. */
  private memo: ProtectionMemo | null = null;
  private watching: (() => void) | null = null;
  private readonly listeners = new Set<(status: VerifiedProtectionStatus) => void>();

  constructor(private readonly options: NotificationsProtectionOptions) {}

  async activate(session: ProtectedSession, memo: ProtectionMemo): Promise<VerifiedProtectionStatus> {
    const status = await this.mute(session, memo);
    if (status.state === 'active') this.startWatching(memo);
    return status;
  }

  private async mute(_session: ProtectedSession, memo: ProtectionMemo): Promise<VerifiedProtectionStatus> {
    this.memo = memo;
    this.stopWatching();
    if (!this.options.enabled()) return this.unavailable({ reason: 'turned-off' });
    const method = await detectMethod(this.options.environment);
    if (typeof method !== 'string') return this.unavailable(method);
    const adapter = this.adapter(method);
    return this.known(async () => {
      const found = await adapter.read();
      if (adapter.isMuted(found)) {
        await memo.record(this.memoValue({ method, found, wrote: null, restored: false }));
        return this.active({ method, verified: adapter.known?.(found) ?? true, alreadyMuted: true });
      }
      const wrote = adapter.muted(found);
      await memo.record(this.memoValue({ method, found, wrote, restored: false }));
      await adapter.write(wrote);
      const after = await adapter.read();
      if (!adapter.same(after, wrote)) return this.unavailable({ reason: 'not-verified', method });
      return this.active({ method, verified: adapter.known?.(after) ?? true, alreadyMuted: false });
    });
  }

  /**
   * Settings asks before a session: the method this desktop would get and whether its state can be read (a missing
   * program, an unknown server, a missing Shortcut show here already). It only reads; nothing is written.
   */
  async check(): Promise<NotificationsReadiness> {
    if (!this.options.enabled()) return { state: 'unavailable', unavailable: { reason: 'turned-off' } };
    const method = await detectMethod(this.options.environment);
    if (typeof method !== 'string') return { state: 'unavailable', unavailable: method };
    const adapter = this.adapter(method);
    try {
      return { state: 'ready', method, alreadyMuted: adapter.isMuted(await adapter.read()) };
    } catch (error) {
      if (error instanceof DndUnavailable) return { state: 'unavailable', unavailable: error.unavailable };
      throw error;
    }
  }

  /** The session's end moved; the mute has no end of its own, so this re-reads what holds now. */
  async extend(_session: ProtectedSession, memo: ProtectionMemo): Promise<VerifiedProtectionStatus> {
    this.memo = memo;
    const saved = this.saved(memo);
    // The transaction extends only an active protection, and activating records the memo first.
    if (!saved) throw new Error('notifications: the journal holds no record of this session\'s mute');
    return this.statusNow(saved);
  }

  onStatusChange(listener: (status: VerifiedProtectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async deactivate(_session: ProtectedSession, memo: ProtectionMemo): Promise<void> {
    this.memo = null;
    this.stopWatching();
    await this.restore(this.saved(memo));
  }

  async recover(session: ProtectedSession, stillRunning: boolean, memo: ProtectionMemo): Promise<VerifiedProtectionStatus | null> {
    const saved = this.saved(memo);
    if (!stillRunning) {
      await this.restore(saved);
      return null;
    }
    if (saved && saved.wrote !== null && !saved.restored) {
      // Still ours after the restart (GNOME's key, dunst's pause): keep it. Otherwise (restored on quit, or KDE's
      // inhibition that ended with the old process), mute again from the state as it is now.
      const adapter = this.adapter(saved.method);
      const wrote = adapter.parse(saved.wrote);
      const current = await adapter.read().catch(() => null);
      if (wrote !== null && current !== null && adapter.same(current, wrote)) {
        this.memo = memo;
        this.startWatching(memo);
        return this.active({ method: saved.method, verified: adapter.known?.(current) ?? true, alreadyMuted: false });
      }
    }
    return this.activate(session, memo);
  }

  /** Quitting mid-session: nothing would undo the mute while the app is closed, so it is put back now. */
  async suspend(): Promise<void> {
    const memo = this.memo;
    this.memo = null;
    this.stopWatching();
    const saved = memo ? this.saved(memo) : null;
    if (!memo || !saved || saved.wrote === null || saved.restored) return;
    await this.restore(saved);
    await memo.record(this.memoValue({ ...saved, restored: true }));
  }

  /** What holds now against the memo: ours (or the user's own mute) still in place, or changed by the user. */
  private statusNow(saved: NotificationsMemo): Promise<VerifiedProtectionStatus> {
    const adapter = this.adapter(saved.method);
    return this.known(async () => {
      const current = await adapter.read();
      const wrote = saved.wrote === null ? null : adapter.parse(saved.wrote);
      const holds = wrote === null ? adapter.isMuted(current) : adapter.same(current, wrote);
      if (!holds) return this.unavailable({ reason: 'changed-by-user', method: saved.method });
      return this.active({ method: saved.method, verified: adapter.known?.(current) ?? true, alreadyMuted: saved.wrote === null });
    });
  }

  /** Where the system tells of changes, the user's own switch during the session is shown at once. */
  private startWatching(memo: ProtectionMemo): void {
    this.stopWatching();
    const saved = this.saved(memo);
    const adapter = saved ? this.adapter(saved.method) : null;
    if (!saved || !adapter?.watch) return;
    let checking = Promise.resolve();
    const stop = adapter.watch(() => {
      checking = checking.then(async () => {
        try {
          const status = await this.statusNow(saved);
          if (this.watching === stop) for (const listener of this.listeners) listener(status);
        } catch (error) {
          this.options.log('warn', `notifications: could not re-read ${saved.method}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    });
    this.watching = stop;
  }

  private stopWatching(): void {
    this.watching?.();
    this.watching = null;
  }

  private async restore(saved: NotificationsMemo | null): Promise<void> {
    if (!saved || saved.wrote === null || saved.restored) return;
    const adapter = this.adapter(saved.method);
    const found = adapter.parse(saved.found);
    const wrote = adapter.parse(saved.wrote);
    try {
      if (found === null || wrote === null) {
        this.options.log('warn', `notifications: the journal's ${saved.method} state is not one Stillroom writes; left as it is`);
        return;
      }
      const current = await adapter.read();
      if (!adapter.same(current, wrote)) {
        this.options.log('info', `notifications: ${saved.method} was changed during the session; the user's choice stays`);
        return;
      }
      await adapter.write(found);
      const after = await adapter.read();
      if (!(adapter.restored?.(after, found) ?? adapter.same(after, found))) throw new Error(`notifications: ${saved.method} did not return to the state before the session`);
    } catch (error) {
      if (error instanceof DndUnavailable) throw new Error(`notifications could not be restored: ${JSON.stringify(error.unavailable)}`);
      throw error;
    } finally {
      await adapter.close?.();
    }
  }

  private adapter(method: NotificationMethod): DndAdapter {
    let adapter = this.adapters.get(method);
    if (!adapter) {
      adapter = createAdapter(method, this.options.environment);
      this.adapters.set(method, adapter);
    }
    return adapter;
  }

  private saved(memo: ProtectionMemo): NotificationsMemo | null {
    const parsed = NotificationsMemo.safeParse(memo.saved());
    return parsed.success ? parsed.data : null;
  }

  private memoValue(memo: NotificationsMemo): MemoValue {
    return memo as MemoValue;
  }

  /** A condition the adapter names (a program missing, a refusal) is a status, not a failure. */
  private async known(act: () => Promise<VerifiedProtectionStatus>): Promise<VerifiedProtectionStatus> {
    try {
      return await act();
    } catch (error) {
      if (error instanceof DndUnavailable) return this.unavailable(error.unavailable);
      throw error;
    }
  }

  private active(detail: NotificationsActive): VerifiedProtectionStatus {
    return { id: this.id, state: 'active', detail };
  }

  private unavailable(unavailable: NotificationsUnavailable): VerifiedProtectionStatus {
    return { id: this.id, state: 'unavailable', unavailable };
  }
}
