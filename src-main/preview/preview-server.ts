import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fail, type Result } from '../contract/errors';
import { NOTE_MAX_BYTES } from '../contract/notes';
import { createCore, type Core, type CoreHost } from '../core/app-core';
import { systemNotificationsProtection } from '../core/dnd/system-notifications';
import { ManualClock, systemClock, type Clock } from '../core/clock';
import { JsonFileSettingsStorage } from '../core/settings/json-file-storage';
import { mimeTypeFor, resolveAppFile } from '../shell/app-protocol-path';
import { CONTENT_SECURITY_POLICY } from '../shell/content-security-policy';

/**
 * The largest call is a save of the biggest note the vault keeps: NOTE_MAX_BYTES of UTF-8. As JSON, CJK text stays
 * the same size (JSON leaves it unescaped) and the characters a text note has that JSON escapes (newline, tab,
 * quote, backslash) take two bytes each; plus the name, the version and the envelope. Larger is refused unread.
 */
export const MAX_BODY_BYTES = NOTE_MAX_BYTES * 2 + 64 * 1024;

export interface PreviewOptions {
  dataDir: string;
  vaultDir: string;
  rendererRoot: string;
  /** `manual`: time moves only through the test endpoint, so tests never wait for a timer. */
  clock: 'system' | 'manual';
  /** Where a manual clock starts (ms since the epoch): now unless a test needs a fixed time of day. */
  manualClockStart?: number;
  port?: number;
  /** The app's version (package.json's); the guard's status is compared with it. */
  version?: string;
  host?: Partial<Pick<CoreHost, 'log' | 'guardSocketPath' | 'guardInstaller' | 'trash' | 'chooseFolder' | 'chooseFile'>> & {
    /** The desktop session whose notifications a session mutes: this process's own unless a test gives a private one. */
    readonly notificationsEnv?: NodeJS.ProcessEnv;
  };
}

export interface Preview {
  url: string;
  token: string;
  core: Core;
  clock: Clock;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(value));
};

/** Answers without reading the request's body, and closes the connection so the unread rest is never parsed. */
const refuseUnread = (request: IncomingMessage, response: ServerResponse, status: number, value: unknown) => {
  response.setHeader('Connection', 'close');
  response.once('finish', () => request.destroy());
  sendJson(response, status, value);
};

const isJsonContentType = (value: string | undefined): boolean => value?.split(';')[0]?.trim().toLowerCase() === 'application/json';

/** `decodeURIComponent`, `new URL` and `JSON.parse` throw on a bad escape, a path like `//[` or bad JSON: the client's error, a 400. */
function decodeOrNull<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch {
    return null;
  }
}

/**
 * The browser preview: the real core in this Node process, the built renderer over HTTP on 127.0.0.1, and a
 * loopback bridge to the same router the Electron shell uses. Every bridge request needs the random token.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const clock = options.clock === 'manual' ? new ManualClock(options.manualClockStart ?? Date.now()) : systemClock;
  const log = options.host?.log ?? ((level, message) => process.stderr.write(`[preview ${level}] ${message}\n`));

  const core = await createCore({
    info: {
      version: options.version ?? process.env.npm_package_version ?? '0.0.0',
      platform: process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux',
      runtime: 'preview',
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
      dataDir: options.dataDir,
      vaultDir: options.vaultDir,
    },
    clock,
    settingsStorage: new JsonFileSettingsStorage(join(options.dataDir, 'settings.json')),
    // The preview has no OS shell to hand URLs to; it says where the link would have gone.
    openExternal: async (url) => log('info', `would open ${url}`),
    log,
    // No guard unless one is named: the machine's own for `npm start` (main.ts), a test's own guard, or a developer's
    // installed one via STILLROOM_GUARD_SOCKET. No installer unless given one: tests and `preview:web` install nothing.
    guardSocketPath: options.host?.guardSocketPath ?? process.env.STILLROOM_GUARD_SOCKET ?? null,
    guardInstaller: options.host?.guardInstaller ?? null,
    ...(options.host?.trash ? { trash: options.host.trash } : {}),
    // The system's own notifications, as in the app: under a test's private session bus, that bus's daemon.
    notifications: ({ settings }) => systemNotificationsProtection({ settings, log, env: options.host?.notificationsEnv }),
    // No folder picker in a browser; a test may stand in for Electron's to drive the Settings button.
    ...(options.host?.chooseFolder ? { chooseFolder: options.host.chooseFolder } : {}),
    ...(options.host?.chooseFile ? { chooseFile: options.host.chooseFile } : {}),
  });

  const bridge = await build({
    entryPoints: [join(import.meta.dirname, 'bridge-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  });
  const bridgeScript = bridge.outputFiles[0]!.text;

  const hasToken = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const eventStreams = new Set<ServerResponse>();
  const stopEvents = core.events.listen((channel, payload) => {
    const data = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const stream of eventStreams) stream.write(data);
  });

  let origin = '';
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      log('error', `preview request failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, fail('internal', 'preview request failed'));
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Refuse other Host names: a web page elsewhere cannot reach us through DNS rebinding.
    if (request.headers.host !== new URL(origin).host) {
      response.writeHead(421).end();
      return;
    }
    const url = decodeOrNull(() => new URL(request.url ?? '/', origin));
    if (!url) {
      refuseUnread(request, response, 400, fail('invalid-payload', 'the request path is not a valid URL'));
      return;
    }
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');

    if (url.pathname.startsWith('/__preview/ipc/') && request.method === 'POST') {
      const channel = decodeOrNull(() => decodeURIComponent(url.pathname.slice('/__preview/ipc/'.length)));
      if (channel === null) {
        refuseUnread(request, response, 400, fail('invalid-payload', 'the channel name is not validly escaped'));
        return;
      }
      // Who is calling is settled before a byte of the body is read: a page elsewhere cannot make us buffer it.
      const sameOrigin = request.headers.origin === undefined || request.headers.origin === origin;
      if (!sameOrigin || !hasToken(request.headers['x-stillroom-token'] as string | undefined)) {
        refuseUnread(request, response, 403, fail('forbidden-sender', `Refused a call from preview client ${request.socket.remoteAddress ?? '?'}`));
        return;
      }
      // A JSON content type cannot be sent cross-origin without a CORS preflight, which this server never grants.
      if (!isJsonContentType(request.headers['content-type'])) {
        refuseUnread(request, response, 415, fail('invalid-payload', 'the request body must be application/json', { path: '(payload)' }));
        return;
      }
      const body = await readBody(request);
      if (body === 'too-large') {
        refuseUnread(request, response, 413, fail('invalid-payload', `request body over ${MAX_BODY_BYTES} bytes`, { path: '(payload)' }));
        return;
      }
      let payload: unknown;
      try {
        payload = (JSON.parse(body.toString('utf8')) as { payload?: unknown }).payload;
      } catch {
        sendJson(response, 400, fail('invalid-payload', 'request body is not JSON', { path: '(payload)' }));
        return;
      }
      const caller = {
        trusted: true,
        description: `preview client ${request.socket.remoteAddress ?? '?'}`,
      };
      const result: Result<unknown> = await core.router.dispatch(channel, payload, caller);
      sendJson(response, 200, result);
      return;
    }

    if (url.pathname === '/__preview/events' && request.method === 'GET') {
      if (!hasToken(url.searchParams.get('token'))) {
        sendJson(response, 403, fail('forbidden-sender', 'wrong or missing token'));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      eventStreams.add(response);
      request.on('close', () => eventStreams.delete(response));
      return;
    }

    if (url.pathname === '/__preview/clock' && request.method === 'POST') {
      // Test hook: moves the core's manual clock. Token-protected like every bridge route.
      if (!hasToken(request.headers['x-stillroom-token'] as string | undefined) || !(clock instanceof ManualClock)) {
        sendJson(response, 403, fail('forbidden-sender', 'clock control needs the token and a manual clock'));
        return;
      }
      const body = await readBody(request);
      const { advanceMs } = (decodeOrNull(() => JSON.parse(body === 'too-large' ? '{}' : body.toString('utf8')) as unknown) ?? {}) as { advanceMs?: unknown };
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
        sendJson(response, 400, fail('invalid-payload', 'advanceMs must be a non-negative number'));
        return;
      }
      clock.advance(advanceMs);
      sendJson(response, 200, { ok: true, value: { now: clock.now() } });
      return;
    }

    if (url.pathname === '/__preview/bridge.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(bridgeScript);
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const file = resolveAppFile(`app://stillroom${url.pathname}`, options.rendererRoot);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    if (file.endsWith('index.html')) {
      // The bridge must define window.stillroom before the app's module script runs.
      body = Buffer.from(body.toString('utf8').replace('<head>', '<head>\n    <script src="/__preview/bridge.js"></script>'));
    }
    response.writeHead(200, { 'Content-Type': mimeTypeFor(file) });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    token,
    core,
    clock,
    async close() {
      stopEvents();
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.dispose();
    },
  };
}
