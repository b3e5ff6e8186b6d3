import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ProtectionStatus, VerifiedProtectionStatus } from '../../contract/protection';
import type { ReachedHost } from '../../contract/reflections';
import {
  type EndRequest,
  type EndRequirement,
  type FocusSession,
  type SessionState,
  type ShortcutStatus,
  type StartRequest,
} from '../../contract/session';
import type { SessionBlocks } from '../../contract/session-window';
import type { Clock } from '../clock';
import { SerialQueue } from '../../base/serial-queue';
import type { Protection, ProtectedSession } from '../protection/protection';
import { ProtectionTransaction } from '../protection/protection-transaction';
import type { SettingsService } from '../settings/settings-service';
import { challengePhrase } from './challenge-phrase';
import {
  completeSession,
  endRequirement,
  endSession,
  extendSession,
  joinWindow,
  markReflected,
  parkThought,
  startScheduledSession,
  startSession,
  type SessionRecord,
  type WindowTerms,
} from './focus-session';
import { SessionJournal } from './session-journal';

export interface FocusSessionServiceOptions {
  /** The session's own folder in the app's data folder: journal and protection journal. */
  readonly folder: string;
  readonly clock: Clock;
  readonly settings: SettingsService;
  /** What a session turns on, in order (turned off in reverse). */
  readonly protections: readonly Protection[];
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Integers in [0, max); cryptographic unless a test needs a fixed phrase. */
  readonly random?: (max: number) => number;
  readonly newId?: () => string;
  readonly protectionTimeoutMs?: number;
  /**
   * Keeps an ended session for its reflection: the reflection log writes its file in the `pending` state. The one
   * record of ended sessions is that file, not a second history here; the journal keeps the ended session until
   * the next start, and recording is repeated (idempotently) on every open, so a failed write is tried again.
   */
  readonly recordEnded?: (ended: EndedSession) => Promise<void>;
  /**
   * The schedule window running at an instant, if any (docs/schedules.md): a session started by hand inside one
   * lasts at least to its end, in its mode if stricter, blocking what it blocks too. None: no schedule.
   */
  readonly windowAt?: (now: number) => Promise<WindowTerms | null>;
}

/** An ended session and what each protection did for it (empty when that is unknown: it ended while closed). */
export interface EndedSession {
  readonly session: FocusSession;
  readonly protections: readonly ProtectionStatus[];
  /** What the reach counter saw (Protection.reachedAtEnd); null when not counted or unknown (it ended while closed). */
  readonly reached?: readonly ReachedHost[] | null;
}

/**
 * The focus session as a service: the state machine, made durable by the journal, timed by the injected clock,
 * with the protection transaction run on every start and end. One operation at a time, in order.
 */
export class FocusSessionService {
  private record: SessionRecord = { phase: 'idle' };
  private protections: ProtectionStatus[] = [];
  private shortcut: ShortcutStatus = { state: 'unsupported' };
  private cancelTimer: (() => void) | null = null;
  /** The next try at turning off what an ended session left on (see retryRelease). */
  private cancelReleaseRetry: (() => void) | null = null;
  /** Transitions run one at a time, each journaled before the next begins. */
  private readonly steps = new SerialQueue();
  private readonly listeners = new Set<(state: SessionState) => void>();
  private readonly completedListeners = new Set<(session: FocusSession) => void>();
  private readonly settledListeners = new Set<() => void>();
  /** The reflection file of the session that ended last: written, or its write over (see endRecorded). */
  private recorded: Promise<void> = Promise.resolve();
  private readonly journal: SessionJournal;
  private readonly transaction: ProtectionTransaction;
  private readonly random: (max: number) => number;
  private readonly newId: () => string;
  private disposed = false;
  private readonly stopWatching: (() => void)[] = [];

  private constructor(private readonly options: FocusSessionServiceOptions) {
    this.journal = new SessionJournal(join(options.folder, 'current.json'));
    this.transaction = new ProtectionTransaction(join(options.folder, 'protections.json'), options.protections, {
      clock: options.clock,
      stepTimeoutMs: options.protectionTimeoutMs,
      log: options.log,
    });
    this.random = options.random ?? ((max) => randomInt(max));
    this.newId = options.newId ?? (() => randomUUID());
    for (const protection of options.protections) {
      const stop = protection.onStatusChange?.((status) => void this.steps.run(() => this.replaceStatus(status)));
      if (stop) this.stopWatching.push(stop);
    }
  }

  /** A protection saw the system change under it (the user's own switch): show what holds now. */
  private async replaceStatus(status: VerifiedProtectionStatus): Promise<void> {
    if (this.record.phase !== 'running' || this.disposed) return;
    const index = this.protections.findIndex((current) => current.id === status.id);
    if (index < 0 || JSON.stringify(this.protections[index]) === JSON.stringify(status)) return;
    this.protections = this.protections.map((current, at) => (at === index ? status : current));
    this.announce();
    await this.rememberProtections();
  }

  /** The running session's statuses go into its journal, for a reflection written after a crash or a restart. */
  private async rememberProtections(): Promise<void> {
    if (this.record.phase !== 'running') return;
    try {
      await this.journal.write(this.record, this.protections);
    } catch (error) {
      // The statuses are a courtesy to the reflection; the session itself is already journaled.
      this.options.log('warn', `could not journal the protections' statuses: ${String(error)}`);
    }
  }

  /**
   * Opens the service where the last run left it: a running session resumes with its remaining time (its
   * protections resumed too); one whose deadline passed while the app was closed is recorded completed and
   * waits for its reflection; protections left on by a crash are undone.
   */
  static async open(options: FocusSessionServiceOptions): Promise<FocusSessionService> {
    const service = new FocusSessionService(options);
    await service.recover();
    return service;
  }

  state(): SessionState {
    if (this.record.phase === 'idle') return { phase: 'idle', shortcut: this.shortcut };
    return { phase: this.record.phase, session: structuredClone(this.record.session), protections: [...this.protections], shortcut: this.shortcut };
  }

  start(request: StartRequest): Promise<SessionState> {
    return this.steps.run(async () => {
      const prefs = this.options.settings.get().session;
      const now = this.options.clock.now();
      const challenge = challengePhrase(this.random);
      const started = startSession(this.record, {
        id: this.newId(),
        now,
        minutes: request.minutes,
        intent: request.intent ?? prefs.lastIntent,
        mode: request.mode ?? prefs.defaultMode,
        allowOnly: request.allowOnly ?? false,
        challenge,
      });
      // Inside a schedule window the session extends the window, never shortens it.
      const window = await this.options.windowAt?.(now);
      return this.begin(window ? joinWindow(started, window, { blocksNow: this.blocksNow(), challenge }) : started);
    });
  }

  /**
   * Starts the session of a schedule window, from now to the window's end (ScheduledSessions calls it at the
   * window's start, or when the app starts inside it). The intent is the window's, else the last one.
   */
  startScheduled(terms: WindowTerms & { readonly intent: string }): Promise<SessionState> {
    return this.steps.run(() => {
      const intent = terms.intent || this.options.settings.get().session.lastIntent;
      const challenge = challengePhrase(this.random);
      return this.begin(startScheduledSession(this.record, { id: this.newId(), now: this.options.clock.now(), intent, challenge }, terms));
    });
  }

  /**
   * The running session meets a schedule window (it runs at the window's start): it runs at least to the window's
   * end, in the stricter mode, blocking what either blocks; the protections take the new terms as an extension.
   */
  joinWindow(terms: WindowTerms): Promise<SessionState> {
    return this.steps.run(async () => {
      const next = joinWindow(this.record, terms, { blocksNow: this.blocksNow(), challenge: challengePhrase(this.random) });
      // Looked at again (a restart, a change of the schedule): a session that already asks as much is left alone.
      if (JSON.stringify(next) === JSON.stringify(this.record)) return this.state();
      await this.journal.write(next, this.protections);
      this.record = next;
      this.armTimer();
      this.announce();
      this.protections = await this.transaction.extend(protectedSession(next.session), this.protections);
      await this.rememberProtections();
      return this.announce();
    });
  }

  /** What a session with the lists in Settings blocks now, in a window's terms (for a session joining one). */
  private blocksNow(): Omit<SessionBlocks, 'allowOnly'> {
    const { blocking, apps } = this.options.settings.get();
    return { sites: [...blocking.enabledCategories], ownSites: true, apps: [...apps.enabledCategories], ownApps: true };
  }

  /** A new running session: journaled, shown at once, then its protections come on. */
  private async begin(next: Extract<SessionRecord, { phase: 'running' }>): Promise<SessionState> {
    await this.journal.write(next);
    this.record = next;
    // A new session's activation supersedes whatever the last one could not turn off.
    this.cancelReleaseRetry?.();
    this.cancelReleaseRetry = null;
    this.protections = this.transaction.pending();
    this.armTimer();
    this.announce();
    await this.rememberIntent(next.session.intent);
    this.protections = await this.transaction.activate(protectedSession(next.session), (statuses) => {
      this.protections = statuses;
      this.announce();
    });
    await this.rememberProtections();
    return this.announce();
  }

  extend(): Promise<SessionState> {
    return this.steps.run(async () => {
      const next = extendSession(this.record);
      await this.journal.write(next);
      this.record = next;
      this.armTimer();
      this.protections = await this.transaction.extend(protectedSession(next.session), this.protections);
      await this.rememberProtections();
      return this.announce();
    });
  }

  requestEnd(): EndRequirement {
    return endRequirement(this.record, this.options.clock.now());
  }

  end(request: EndRequest): Promise<SessionState> {
    return this.steps.run(() => this.finish(endSession(this.record, request, this.options.clock.now())));
  }

  /** Keeps a thought in the running session, journaled (with the statuses) before it is announced. */
  parkThought(text: string): Promise<SessionState> {
    return this.steps.run(async () => {
      const next = parkThought(this.record, text, this.options.clock.now());
      await this.journal.write(next, this.protections);
      this.record = next;
      return this.announce();
    });
  }

  markReflected(): Promise<SessionState> {
    return this.steps.run(async () => {
      const next = markReflected(this.record, this.options.clock.now());
      await this.journal.write(next);
      this.record = next;
      return this.announce();
    });
  }

  /** After sleep: timers may not have fired, so everything is recomputed from `endsAt`. */
  onWake(): Promise<SessionState> {
    return this.steps.run(() => this.completeIfDue());
  }

  /** The shell reports whether the OS accepted the global shortcut; the UI shows it with the session. */
  setShortcutStatus(status: ShortcutStatus): void {
    this.shortcut = status;
    this.announce();
  }

  /**
   * Settles once the session that ended last has its reflection file (or its write failed). The end is announced
   * before that file is written, so "Write a reflection", clicked at once, waits here rather than finding nothing.
   */
  endRecorded(): Promise<void> {
    return this.recorded;
  }

  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once a session reached its deadline and its protections are off (the shell's "Session complete"). */
  onCompleted(listener: (session: FocusSession) => void): () => void {
    this.completedListeners.add(listener);
    return () => this.completedListeners.delete(listener);
  }

  /**
   * Called each time a session ended (completed or early) and its protections came off: the system's notifications
   * are the user's again, so the app may speak (HeldNotices). Before onCompleted's listeners.
   */
  onSettled(listener: () => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /**
   * Stops the timer and waits for the operation in progress. A running session is *not* ended: it stays in the
   * journal with its protections, and the next start resumes it. Protections that need the app alive (a
   * notification mute) restore now and are resumed on the next start if the session still runs.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.cancelReleaseRetry?.();
    this.cancelReleaseRetry = null;
    await this.steps.idle();
    for (const stop of this.stopWatching.splice(0)) stop();
    await this.transaction.suspend();
  }

  private async recover(): Promise<void> {
    const read = await this.journal.read();
    if (read.kind === 'corrupt') this.options.log('error', `session journal unreadable (${read.reason}); kept at ${read.movedTo}`);
    if (read.kind === 'newer') this.options.log('error', `session journal written by a newer Stillroom (version ${read.version}); not read, kept unchanged at ${read.movedTo}`);
    let record = read.kind === 'record' ? read.record : ({ phase: 'idle' } as const);
    const remembered = read.kind === 'record' ? (read.protections ?? []) : [];
    if (record.phase === 'running' && this.options.clock.now() >= record.session.endsAt) {
      // The deadline passed while the app was closed: it completed then, and the reflection is still to come.
      record = completeSession(record);
      await this.journal.write(record, remembered);
    }
    // Before the protections are recovered (undone): the guard may still hold what it counted for the session.
    if (record.phase === 'ended') {
      const reached = await this.reachedAtEnd(protectedSession(record.session));
      const protections = await this.statusesAtEnd(protectedSession(record.session), remembered);
      await this.recordEnded({ session: record.session, protections, reached });
    }
    this.record = record;
    this.protections = await this.transaction.recover(record.phase === 'running' ? protectedSession(record.session) : null, remembered);
    if (record.phase === 'running') this.armTimer();
  }

  private async completeIfDue(): Promise<SessionState> {
    if (this.record.phase !== 'running') return this.state();
    if (this.options.clock.now() < this.record.session.endsAt) {
      this.armTimer();
      return this.state();
    }
    const ended = completeSession(this.record);
    const state = await this.finish(ended);
    for (const listener of this.completedListeners) listener(ended.session);
    return state;
  }

  /** running -> ended: journal first, then the user sees it at once, then the protections come off. */
  private async finish(next: Extract<SessionRecord, { phase: 'ended' }>): Promise<SessionState> {
    // With its statuses, so a reflection file that could not be written now is written on the next start as true.
    await this.journal.write(next, this.protections);
    this.record = next;
    this.cancelTimer?.();
    this.cancelTimer = null;
    let held = this.protections;
    this.protections = [];
    let recorded = () => {};
    this.recorded = new Promise<void>((done) => (recorded = done));
    let left: ProtectionStatus[];
    try {
      this.announce();
      // Before anything is turned off: releasing the lease ends what the guard counted for it.
      const reached = await this.reachedAtEnd(protectedSession(next.session));
      held = await this.statusesAtEnd(protectedSession(next.session), held);
      // Side by side: a slow vault (a network folder) must not keep the protections on, nor they the reflection.
      // Only what could not be turned off stays visible, so the UI never claims a protection still runs.
      [, left] = await Promise.all([
        this.recordEnded({ session: next.session, protections: held, reached }).finally(recorded),
        this.transaction.deactivate(protectedSession(next.session)),
      ]);
    } finally {
      recorded();
    }
    this.protections = left;
    if (this.protections.length > 0) {
      this.options.log('warn', `protections left on after the session, retrying: ${JSON.stringify(this.protections)}`);
      this.scheduleReleaseRetry(protectedSession(next.session), 1);
    }
    const state = this.announce();
    // Settled once the first attempt is over: what it could restore is back (the user's notifications), so held
    // notices may show; what it could not is retried without holding them longer.
    for (const listener of this.settledListeners) listener();
    return state;
  }

  /**
   * What could not be turned off (the guard did not answer: a busy socket, a stopped guard) is tried again with
   * backoff until it is off; the failed statuses stay visible meanwhile. Blocking stops owing a release at the
   * lease's end (the guard ends it itself), so its retries end there too. A new session's start cancels them.
   */
  private scheduleReleaseRetry(session: ProtectedSession, attempt: number): void {
    this.cancelReleaseRetry?.();
    this.cancelReleaseRetry = null;
    if (this.disposed) return;
    const delay = Math.min(RELEASE_RETRY_MAX_MS, RELEASE_RETRY_FIRST_MS * 2 ** (attempt - 1));
    this.cancelReleaseRetry = this.options.clock.setTimer(delay, () => {
      this.cancelReleaseRetry = null;
      void this.steps.run(() => this.retryRelease(session, attempt)).catch((error: unknown) => {
        this.options.log('error', `retrying the release failed: ${String(error)}`);
        this.scheduleReleaseRetry(session, attempt + 1);
      });
    });
  }

  private async retryRelease(session: ProtectedSession, attempt: number): Promise<SessionState> {
    if (this.record.phase === 'running' || this.disposed) return this.state();
    this.protections = await this.transaction.deactivate(session);
    if (this.protections.length > 0) this.scheduleReleaseRetry(session, attempt + 1);
    else this.options.log('info', `protections turned off after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}`);
    return this.announce();
  }

  private armTimer(notBeforeMs = 0): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.record.phase !== 'running' || this.disposed) return;
    const remaining = this.record.session.endsAt - this.options.clock.now();
    this.cancelTimer = this.options.clock.setTimer(Math.max(notBeforeMs, remaining), () => {
      this.cancelTimer = null;
      void this.steps.run(() => this.completeIfDue()).catch((error: unknown) => {
        // The journal could not be written (a full disk): the session must still end, so try again shortly.
        this.options.log('error', `ending the session at its deadline failed, retrying: ${String(error)}`);
        this.armTimer(RETRY_END_MS);
      });
    });
  }

  private async rememberIntent(intent: string): Promise<void> {
    const { session } = this.options.settings.get();
    if (session.lastIntent === intent) return;
    try {
      await this.options.settings.update({ session: { ...session, lastIntent: intent } });
    } catch (error) {
      this.options.log('warn', `could not remember the last intent: ${String(error)}`);
    }
  }

  /** The first protection that counted reaches answers; any failure is "not counted", never a failed end. */
  private async reachedAtEnd(session: ProtectedSession): Promise<ReachedHost[] | null> {
    for (const protection of this.options.protections) {
      if (!protection.reachedAtEnd) continue;
      try {
        const reached = await protection.reachedAtEnd(session);
        if (reached) return reached;
      } catch (error) {
        this.options.log('warn', `could not read what ${protection.id} counted: ${String(error)}`);
      }
    }
    return null;
  }

  /** The statuses as each protection last sees them (Protection.statusAtEnd); a failure keeps the one held. */
  private async statusesAtEnd(session: ProtectedSession, held: readonly ProtectionStatus[]): Promise<ProtectionStatus[]> {
    const latest = new Map<string, VerifiedProtectionStatus>();
    for (const protection of this.options.protections) {
      const last = held.find((status) => status.id === protection.id);
      if (!protection.statusAtEnd || !last) continue;
      try {
        const status = await protection.statusAtEnd(session, last);
        if (status) latest.set(protection.id, status);
      } catch (error) {
        this.options.log('warn', `could not read the last status of ${protection.id}: ${String(error)}`);
      }
    }
    return held.map((status) => latest.get(status.id) ?? status);
  }

  // Failing to keep the reflection must not undo or block the end itself; the next open records it again.
  private async recordEnded(ended: EndedSession): Promise<void> {
    if (!this.options.recordEnded) return;
    try {
      await this.options.recordEnded(ended);
    } catch (error) {
      this.options.log('error', `could not keep the ended session for its reflection: ${String(error)}`);
    }
  }

  private announce(): SessionState {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
    return state;
  }
}

const RETRY_END_MS = 30_000;
const RELEASE_RETRY_FIRST_MS = 2000;
const RELEASE_RETRY_MAX_MS = 60_000;

const protectedSession = (session: FocusSession): ProtectedSession => ({
  sessionId: session.id,
  endsAt: session.endsAt,
  mode: session.mode,
  blocks: session.blocks,
  allowOnly: session.allowOnly,
});
