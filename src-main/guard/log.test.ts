import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGuardLog } from './log';

describe('guard log', () => {
  it('appends one JSON line per event, readable by its owner only', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guard-log-')), 'guard.log');
    const log = createGuardLog(path, () => Date.UTC(2026, 0, 1));
    log.write('lease-taken', { sessionId: 's1', hostnames: 2 });
    log.write('expired');
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { at: '2026-01-01T00:00:00.000Z', event: 'lease-taken', sessionId: 's1', hostnames: 2 },
      { at: '2026-01-01T00:00:00.000Z', event: 'expired' },
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('narrows a log an older guard left world-readable', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guard-log-')), 'guard.log');
    writeFileSync(path, '{}\n');
    chmodSync(path, 0o644);
    createGuardLog(path, Date.now).write('started');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('rotates at the size limit and keeps only the newest files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'guard-log-'));
    const log = createGuardLog(join(folder, 'guard.log'), Date.now, { maxBytes: 200, keep: 3 });
    for (let i = 0; i < 40; i++) log.write('applied', { i });
    expect(readdirSync(folder).sort()).toEqual(['guard.log', 'guard.log.1', 'guard.log.2', 'guard.log.3']);
    expect(readFileSync(join(folder, 'guard.log'), 'utf8')).toContain('"i":39');
  });
});
