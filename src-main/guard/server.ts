import { chmodSync, chownSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { Guard } from './guard';
import type { GuardLog } from './log';
import { GuardRequest, MAX_MESSAGE_BYTES, type GuardReply } from './protocol';

/**
 * The guard's socket. Who may connect (guard invariant 3 in docs/ARCHITECTURE.md):
 * - Unix: the socket sits in a root-owned folder (0755, so nobody else can replace it) and is owned by the installing
 *   user with mode 0600; the kernel refuses to connect anyone else (connect needs write permission on the socket).
 *   Node exposes no peer credentials (SO_PEERCRED / getpeereid), so the file permissions are the check; root can
 *   always connect, which is no loss (root can edit the hosts file anyway).
 * - Windows: a named pipe open to every local user (Node cannot set a per-SID ACL); see the note at listen().
 * One request per connection: one JSON line in, one JSON line out, then the connection closes.
 *
 * No client can hold it shut (a byte every few seconds would defeat a per-idle-gap timeout): the request line must
 * arrive within REQUEST_DEADLINE_MS of accept and the whole connection ends by CONNECTION_DEADLINE_MS, whatever it
 * sends. At most MAX_READING connections wait for their request line; one more evicts the oldest of them, so a new
 * client always gets in (the app's client writes its line at once, so it is never the oldest for long).
 */
export const REQUEST_DEADLINE_MS = 3000;
export const CONNECTION_DEADLINE_MS = 15_000;
export const MAX_READING = 32;
/** A hard ceiling on open connections, far above what the app ever opens at once. */
const MAX_CONNECTIONS = 256;

export interface SocketOwner {
  uid?: number;
}

export async function listenGuardSocket(socketPath: string, owner: SocketOwner, guard: Guard, log: GuardLog): Promise<Server> {
  const isPipe = socketPath.startsWith('\\\\.\\pipe\\');
  if (!isPipe) {
    // Created here only when the service manager did not (systemd's RuntimeDirectory does); 0755 so the user can reach the socket.
    if (mkdirSync(dirname(socketPath), { recursive: true }) !== undefined) chmodSync(dirname(socketPath), 0o755);
    // A socket left by a previous run (the guard was killed) would make listen fail.
    rmSync(socketPath, { force: true });
  }
  const reading = new Set<Socket>();
  const server = createServer((socket) => {
    const oldest = reading.size >= MAX_READING ? reading.values().next().value : undefined;
    if (oldest) {
      // Out of the set at once, so a burst of new connections evicts a different one each.
      reading.delete(oldest);
      oldest.destroy();
    }
    reading.add(socket);
    socket.once('close', () => reading.delete(socket));
    serve(socket, guard, log, () => reading.delete(socket));
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // umask 077 (set in main) means the socket is born 0600 owned by root; ownership then moves to the user.
    // Windows: Node cannot give a pipe an ACL for one SID, only "everyone": a known gap (README, "Platforms"), not a root hole,
    // since every request is validated and names no path or command.
    server.listen(isPipe ? { path: socketPath, readableAll: true, writableAll: true } : { path: socketPath }, () => resolve());
  });
  if (!isPipe) {
    chmodSync(socketPath, 0o600);
    if (owner.uid !== undefined) chownSync(socketPath, owner.uid, -1);
  }
  return server;
}

function serve(socket: Socket, guard: Guard, log: GuardLog, requestRead: () => void): void {
  let buffer = '';
  let answered = false;
  const reply = (message: GuardReply) => {
    answered = true;
    // Closes our side; the connection deadline ends it if the client never closes its own.
    socket.end(`${JSON.stringify(message)}\n`);
  };
  socket.setEncoding('utf8');
  const requestDeadline = setTimeout(() => socket.destroy(), REQUEST_DEADLINE_MS);
  const connectionDeadline = setTimeout(() => socket.destroy(), CONNECTION_DEADLINE_MS);
  socket.once('close', () => {
    clearTimeout(requestDeadline);
    clearTimeout(connectionDeadline);
  });
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (answered) return;
    buffer += chunk;
    const newline = buffer.indexOf('\n');
    if (newline === -1) {
      if (buffer.length > MAX_MESSAGE_BYTES) reply({ type: 'refused', code: 'too-large', message: 'Request too large' });
      return;
    }
    answered = true;
    clearTimeout(requestDeadline);
    requestRead();
    const request = GuardRequest.safeParse(parseJson(buffer.slice(0, newline)));
    if (!request.success) {
      reply({ type: 'refused', code: 'bad-request', message: 'The request is not understood' });
      return;
    }
    guard.handle(request.data).then(reply, (error: Error) => {
      log.write('error', { message: `request failed: ${error.message}` });
      reply({ type: 'refused', code: 'busy', message: 'The guard could not handle the request; see its log' });
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
