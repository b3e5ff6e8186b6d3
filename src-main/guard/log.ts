import { appendFileSync, chmodSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The guard's own log (GUARD.md invariant 10): one JSON line per event, in its root-owned state folder, readable by
 * the user (0644) so "why is this site blocked?" always has an answer. Rotates at `maxBytes`, keeping `keep` old files.
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
  | 'woke'
  | 'error';

export interface GuardLog {
  write(event: GuardEvent, fields?: Record<string, string | number | boolean | null>): void;
}

export function createGuardLog(path: string, now: () => number, options: { maxBytes?: number; keep?: number } = {}): GuardLog {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  return {
    write(event, fields = {}) {
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
        if (sizeOf(path) >= maxBytes) rotate(path, keep);
        appendFileSync(path, `${JSON.stringify({ at: new Date(now()).toISOString(), event, ...fields })}\n`, { mode: 0o644 });
        chmodSync(path, 0o644);
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
