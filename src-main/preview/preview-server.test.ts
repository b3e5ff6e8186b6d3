import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_MAX_BYTES } from '../contract/notes';
import { MAX_BODY_BYTES, startPreview, type Preview } from './preview-server';

interface RawReply {
  status: number;
  text: string;
  /** Body bytes written before the server closed the connection. */
  bodySent: number;
}

/**
 * One HTTP request over a raw TCP socket, so the test controls every byte (a bad path, a body the server must
 * not read). The body is streamed in one reused 64 KiB chunk with backpressure, so the test itself holds no
 * large buffer and the memory measured is the server's.
 */
function rawRequest(port: number, head: string, body?: { bytes: number; fill?: string }): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let bodySent = 0;
    let closed = false;
    const chunk = Buffer.alloc(64 * 1024, body?.fill ?? 'a');
    const pump = () => {
      while (!closed && body && bodySent < body.bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, body.bytes - bodySent));
        bodySent += piece.length;
        if (!socket.write(piece)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (data) => (received += data.toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      closed = true;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      const split = received.indexOf('\r\n\r\n');
      const rest = received.slice(split + 4);
      const chunked = /\r\ntransfer-encoding: chunked/i.test(received.slice(0, split));
      resolve({ status, text: chunked ? dechunk(rest) : rest, bodySent });
    });
  });
}

/** The body of a chunked HTTP/1.1 reply (the server streams its JSON answers). */
function dechunk(text: string): string {
  let body = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return body;
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

describe('the preview bridge over real HTTP', () => {
  const root = mkdtempSync(join(tmpdir(), 'preview-server-'));
  const logged: string[] = [];
  let preview: Preview;
  let port: number;
  let host: string;

  const post = (channel: string, headers: Record<string, string>, contentLength: number) =>
    [
      `POST /__preview/ipc/${channel} HTTP/1.1`,
      `Host: ${host}`,
      `Content-Length: ${contentLength}`,
      'Connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      '',
      '',
    ].join('\r\n');

  beforeAll(async () => {
    const rendererRoot = join(root, 'renderer');
    for (const folder of ['data', 'vault', 'renderer']) mkdirSync(join(root, folder));
    writeFileSync(join(rendererRoot, 'index.html'), '<html><head></head></html>');
    preview = await startPreview({
      dataDir: join(root, 'data'),
      vaultDir: join(root, 'vault'),
      rendererRoot,
      clock: 'manual',
      host: { log: (level, message) => logged.push(`${level} ${message}`) },
    });
    const url = new URL(preview.url);
    port = Number(url.port);
    host = url.host;
  });
  afterAll(() => preview?.close());

  it.each([
    ['a path that is no URL', `GET //[ HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n`],
    ['a bad percent-escape in a channel name', `POST /__preview/ipc/stillroom%3Anotes.%E0%A4%A HTTP/1.1\r\nHost: HOST\r\nX-Stillroom-Token: TOKEN\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`],
    ['bad JSON sent to the clock hook', `POST /__preview/clock HTTP/1.1\r\nHost: HOST\r\nX-Stillroom-Token: TOKEN\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{x}`],
    ['a lone percent sign', `POST /__preview/ipc/%zz HTTP/1.1\r\nHost: HOST\r\nX-Stillroom-Token: TOKEN\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`],
  ])('answers %s with 400 and logs no stack trace', async (_name, template) => {
    logged.length = 0;
    const reply = await rawRequest(port, template.replace('HOST', host).replace('TOKEN', preview.token));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(logged.join('\n')).not.toMatch(/\n\s+at |failed/);
  });

  it('refuses a call without the token before reading its body, and memory stays flat under 8 such 33 MB uploads', async () => {
    const before = process.memoryUsage().rss;
    const size = 33 * 1024 * 1024;
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => rawRequest(port, post('stillroom%3Asettings.update', { 'Content-Type': 'application/json' }, size), { bytes: size })),
    );
    for (const reply of replies) {
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      // The server closed the connection instead of draining the upload.
      expect(reply.bodySent).toBeLessThan(size);
    }
    // Before this check came first, the same uploads took the process from about 90 MB to over 450 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a call from another origin, even with the token, before reading its body', async () => {
    const reply = await rawRequest(
      port,
      post('stillroom%3Asettings.update', { 'Content-Type': 'application/json', 'X-Stillroom-Token': preview.token, Origin: 'https://evil.example' }, 1024 * 1024),
      { bytes: 16 },
    );
    expect(reply.status).toBe(403);
    expect(reply.bodySent).toBe(16);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
    'refuses a %s body (what a cross-origin form may send without a preflight)',
    async (type) => {
      const body = '{"payload":{"appearance":{"theme":"dark","language":"en"}}}';
      const reply = await rawRequest(port, post('stillroom%3Asettings.update', { 'Content-Type': type, 'X-Stillroom-Token': preview.token }, body.length) + body);
      expect(reply.status).toBe(415);
      expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    },
  );

  it.each([
    ['CJK', 'Largest CJK.md', '静'.repeat(Math.floor(NOTE_MAX_BYTES / 3))],
    ['newlines (each escaped to two bytes)', 'Largest newlines.md', '\n'.repeat(NOTE_MAX_BYTES)],
  ])('accepts a save of the largest note in %s; refuses a body one byte over the cap without reading it', async (_label, name, content) => {
    const body = JSON.stringify({ payload: { name, content, baseVersion: null } });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const saved = await fetch(`http://${host}/__preview/ipc/${encodeURIComponent('stillroom:notes.save')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Stillroom-Token': preview.token },
      body,
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ ok: true, value: { name } });

    const over = await rawRequest(
      port,
      post('stillroom%3Anotes.save', { 'Content-Type': 'application/json', 'X-Stillroom-Token': preview.token }, MAX_BODY_BYTES + 1),
      { bytes: MAX_BODY_BYTES + 1 },
    );
    expect(over.status).toBe(413);
    expect(over.bodySent).toBeLessThan(MAX_BODY_BYTES + 1);
  });
});
