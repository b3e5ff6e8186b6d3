import type { ProtectionId, ProtectionStatus, VerifiedProtectionStatus } from '../../contract/protection';
import type { ReachedHost } from '../../contract/reflections';
import type { CommitmentMode } from '../../contract/session';
import type { SessionBlocks } from '../../contract/session-window';

/** What a protection needs to know about the session it protects. */
export interface ProtectedSession {
  readonly sessionId: string;
  readonly endsAt: number;
  readonly mode: CommitmentMode;
  /** What it blocks; null or absent: the lists in Settings as they are now (a session started by hand). */
  readonly blocks?: SessionBlocks | null;
  /** An allowlist session ("only these sites"); absent: an ordinary one. */
  readonly allowOnly?: boolean;
}

/** A JSON value a protection keeps in the journal. */
export type MemoValue = string | number | boolean | null | MemoValue[] | { [key: string]: MemoValue };

/**
 * A protection's own line in the protection journal, for what the transaction cannot know: the state it found
 * and the value it wrote. `record` is written (atomically) before it resolves, so a protection calls it *before*
 * each change; after a crash, `recover` finds the last recorded value in `saved()`.
 */
export interface ProtectionMemo {
  saved(): MemoValue | undefined;
  record(value: MemoValue): Promise<void>;
}

/**
 * One thing a session turns on and off (blocking, notification muting). The protection transaction journals
 * each step *before* calling these, so every method must be safe to call again after a crash: `deactivate`
 * and `recover` may run for an activation that never finished, or that already was undone.
 * A method that throws or does not settle in time is reported as `failed`; the transaction still calls
 * `deactivate` (or `recover(…, false)`) for it at the end, because it may have half-acted.
 */
export interface Protection {
  readonly id: ProtectionId;
  /**
   * Learns a new end even when its status is not active: blocking's lease carries the session's apps while it blocks
   * no site (its own status then says it blocks nothing), and the guard must go on closing them to the new end.
   */
  readonly extendsWhenInactive?: boolean;
  /** Turns the protection on and reports what is verifiably true afterwards. Never throws for a known condition. */
  activate(session: ProtectedSession, memo: ProtectionMemo): Promise<VerifiedProtectionStatus>;
  /** The session's end moved (extend); returns the new verified status. */
  extend(session: ProtectedSession, memo: ProtectionMemo): Promise<VerifiedProtectionStatus>;
  /** Turns it off and restores what was there before. */
  deactivate(session: ProtectedSession, memo: ProtectionMemo): Promise<void>;
  /**
   * After a crash or restart with a journal saying an activation began: resume it if still wanted (return the
   * status), or undo it (`stillRunning` false: return null once everything is restored). `last`, when resuming: the
   * status the session last showed for it (kept in the session journal), so what it counted goes on from there.
   */
  recover(session: ProtectedSession, stillRunning: boolean, memo: ProtectionMemo, last?: ProtectionStatus): Promise<VerifiedProtectionStatus | null>;
  /**
   * The app is quitting while the session runs. A protection that needs the app alive (a notification mute only
   * Stillroom would undo) restores now and notes it in its memo; the journal step stays, so the next start
   * resumes it (`recover(…, true)`) if the session still runs. Optional: the guard's block outlives the app.
   */
  suspend?(): Promise<void>;
  /**
   * A protection that watches the system (the user turning notifications back on) reports its new verified status
   * here while a session runs; the session shows it in place of the old one. Returns the unsubscribe function.
   */
  onStatusChange?(listener: (status: VerifiedProtectionStatus) => void): () => void;
  /**
   * The session is ending: what this protection counted of the user reaching for blocked sites, read *before*
   * `deactivate` (the guard forgets a lease's attempts when it is released). Null when nothing was counted.
   * Optional: only blocking counts. Must not throw; a failure is null.
   */
  reachedAtEnd?(session: ProtectedSession): Promise<ReachedHost[] | null>;
  /**
   * The session is ending: this protection's last status, read before `deactivate`, for the session's record (the
   * guard's final app launch counts). `held`: the status the session last showed (after a restart, for a session that
   * ended while the app was closed, the only one there is). Null: the status already held stands. Optional; must not throw.
   */
  statusAtEnd?(session: ProtectedSession, held: ProtectionStatus): Promise<VerifiedProtectionStatus | null>;
}
