import { appendFileSync, chmodSync, chownSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The guard's own log (guard invariant 10 in docs/ARCHITECTURE.md): one JSON line per event, in its root-owned state folder, so "why is
 * this site blocked?" always has an answer. It names sessions and end times, so only root and the installing user
 * may read it: on Unix the file is 0600 and owned by that user (`reader`), in the root-owned 0755 folder, where the
 * user can create, rename or replace nothing (a group would not do: on macOS every user's primary group is `staff`).
 * On Windows the state folder's ACL, set by the installer, does the same. Rotates at `maxBytes`, keeping `keep` old files.
 */
export type GuardEvent =
  | 'started'
  | 'stopped'
  | 'lease-taken'
  | 'lease-refused'
  | 'applied'
  | 're-applied-after-tampering'
  | 'released'
  | 'expired'
  | 'removed'
  | 'policy-written'
  | 'policy-restored'
  | 'woke'
  | 'reach-listening'
  | 'reach-fallback'
  | 'apps-enforcing'
  | 'apps-stopped'
  | 'apps-not-enforced'
  | 'schedule-held'
  | 'schedule-refused'
  | 'schedule-delay-changed'
  | 'window-started'
  | 'window-ended'
  | 'window-passed'
  | 'window-removed'
  | 'error';

export interface GuardLog {
  write(event: GuardEvent, fields?: Record<string, string | number | boolean | null>): void;
}

export interface GuardLogOptions {
  maxBytes?: number;
  keep?: number;
  /** The installing user's uid, who may read the log (Unix); without it only root can. */
  reader?: number;
}

export function createGuardLog(path: string, now: () => number, options: GuardLogOptions = {}): GuardLog {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  return {
    write(event, fields = {}) {
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
        if (sizeOf(path) >= maxBytes) rotate(path, keep);
        appendFileSync(path, `${JSON.stringify({ at: new Date(now()).toISOString(), event, ...fields })}\n`, { mode: 0o600 });
        // Also narrows a log an older guard left world-readable, and its rotated copies keep owner and mode.
        chmodSync(path, 0o600);
        if (options.reader !== undefined && process.platform !== 'win32') chownSync(path, options.reader, 0);
      } catch (error) {
        // The log must never stop the guard from doing its job.
        console.error(`stillroom-guard: cannot write the log: ${(error as Error).message}`);
      }
    },
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function rotate(path: string, keep: number): void {
  for (let i = keep - 1; i >= 1; i--) {
    try {
      renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    } catch {
      // That generation does not exist yet.
    }
  }
  renameSync(path, `${path}.1`);
}
