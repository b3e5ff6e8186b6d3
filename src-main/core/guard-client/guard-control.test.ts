import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GuardReport } from '../../guard/protocol';
import { GuardClient } from './guard-client';
import { guardControl } from './guard-control';

describe('guardControl', () => {
  it('shows the browsers this app knows from a newer guard’s report, leaving out one it does not know', async () => {
    const report: GuardReport = {
      version: '2.0.0',
      lease: null,
      applied: false,
      lastReconcileAt: null,
      lastError: null,
      browsers: [
        { id: 'firefox', installed: true, policyActive: false, problem: null },
        { id: 'ladybird', installed: true, policyActive: true, problem: null },
      ],
    };
    // A guard answering over a real socket: its report reads whole, whatever browsers it names.
    const socketPath = join(mkdtempSync(join(tmpdir(), 'guard-newer-')), 'guard.sock');
    const server = createServer((socket) => socket.end(`${JSON.stringify({ type: 'ok', status: report })}\n`));
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      const control = guardControl({ client: new GuardClient(socketPath, 2000), installer: null, appVersion: '2.0.0' });
      expect(await control.status()).toEqual({ state: 'running', version: '2.0.0', lease: null, browsers: [{ id: 'firefox', installed: true, policyActive: false, problem: null }] });
    } finally {
      server.close();
    }
  });
});
