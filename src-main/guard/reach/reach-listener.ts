import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ReachAttempt, ReachProblem } from '../protocol';
import { MAX_CLIENT_HELLO_READ, parseClientHello } from './client-hello';
import { OpenConnections } from './open-connections';
import type { PeerOwner, PeerOwnerLookup } from './peer-owner';
import { MAX_REQUEST_HEAD_READ, parseRequestHead } from './request-head';

/**
 * The two loopback listeners blocked hosts point at during a lease: port 80 answers the quiet page, port 443 reads
 * the ClientHello's server name and closes with a TLS alert (there is no certificate; nothing is decrypted).
 * Neither can be held by a client: each connection ends CONNECTION_DEADLINE_MS after accept whatever it sends, reads
 * at most a bounded head in at most MAX_READS reads (each read parses what arrived so far, so a client that sends a
 * byte at a time cannot make the parsing cost grow with the square of the head), and at most MAX_OPEN connections
 * are open per port once their owners are known (one more closes the oldest of the account holding the most,
 * open-connections.ts; MAX_ACCEPTED bounds those still being looked up). Each connection's owner is looked up from
 * accept (peer-owner.ts) and comes with what it named; it is answered once the owner is known, so its socket is
 * still listed. Nothing of a connection is kept after it closes.
 */
export const CONNECTION_DEADLINE_MS = 3000;
export const MAX_OPEN = 64;
/**
 * Connections whose owner is not known yet are judged when it is (a burst arrives faster than one lookup answers,
 * and judging it early could close the one real connection among it); this bounds them meanwhile.
 */
export const MAX_ACCEPTED = 4 * MAX_OPEN;
const PENDING = 'pending';
/** A browser's hello or request head arrives in one or two reads over the loopback. */
export const MAX_READS = 32;

/** A fatal `unrecognized_name` alert (RFC 6066 3, RFC 8446 6): "no such name here", so the client does not retry. */
export const TLS_ALERT_UNRECOGNIZED_NAME = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70]);

export interface ReachEndpoint {
  address: string;
  httpPort: number;
  httpsPort: number;
}

export interface ReachHandlers {
  attempt(host: string | null, kind: ReachAttempt['kind'], owner: PeerOwner): void;
  /** The bytes answered to a plain HTTP request (the page for the current lease). */
  page(): Buffer;
}

/** `endpoint`: as bound (a port 0 in the request becomes the port the OS chose). */
export type OpenResult = { ok: true; listeners: ReachListeners; endpoint: ReachEndpoint } | { ok: false; problem: ReachProblem; port: number; message: string };

interface BoundedServer {
  server: Server;
  open: OpenConnections<Socket>;
}

export class ReachListeners {
  private constructor(private readonly servers: readonly BoundedServer[]) {}

  /** Both ports or neither: one that cannot be bound closes the other and says why. */
  static async open(endpoint: ReachEndpoint, handlers: ReachHandlers, ownerOf: PeerOwnerLookup): Promise<OpenResult> {
    const http = bounded(ownerOf, (socket, owner) => serveHttp(socket, owner, handlers));
    const https = bounded(ownerOf, (socket, owner) => serveHttps(socket, owner, handlers));
    const opened: BoundedServer[] = [];
    for (const [server, port] of [[http, endpoint.httpPort], [https, endpoint.httpsPort]] as const) {
      const error = await listen(server.server, endpoint.address, port);
      if (error) {
        await Promise.all(opened.map(closeServer));
        return { ok: false, problem: problemOf(error), port, message: `${error.code ?? 'error'}: ${error.message}`.slice(0, 500) };
      }
      opened.push(server);
    }
    const portOf = ({ server }: BoundedServer) => (server.address() as AddressInfo).port;
    return { ok: true, listeners: new ReachListeners(opened), endpoint: { address: endpoint.address, httpPort: portOf(http), httpsPort: portOf(https) } };
  }

  close(): Promise<void> {
    return Promise.all(this.servers.map(closeServer)).then(() => undefined);
  }
}

function problemOf(error: NodeJS.ErrnoException): ReachProblem {
  switch (error.code) {
    case 'EADDRINUSE':
      return 'port-in-use';
    case 'EADDRNOTAVAIL':
      return 'address-unavailable';
    case 'EACCES':
    case 'EPERM':
      return 'not-permitted';
    default:
      return 'failed';
  }
}

function listen(server: Server, host: string, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const failed = (error: NodeJS.ErrnoException) => resolve(error);
    server.once('error', failed);
    server.listen({ host, port }, () => {
      server.off('error', failed);
      // An error after listening (EMFILE on accept) must not crash the guard; the connection is simply lost.
      server.on('error', () => undefined);
      resolve(null);
    });
  });
}

// Stops accepting and ends the connections still open now rather than at their deadlines.
function closeServer({ server, open }: BoundedServer): Promise<void> {
  for (let oldest = open.evictable(); oldest; oldest = open.evictable()) {
    open.delete(oldest.item);
    oldest.item.destroy();
  }
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A server whose connections are bounded in number and in time, whatever a client does. */
function bounded(ownerOf: PeerOwnerLookup, serve: (socket: Socket, owner: Promise<PeerOwner>) => void): BoundedServer {
  const open = new OpenConnections<Socket>();
  // Closes the oldest of the largest group; while that is the connections still being looked up, only past MAX_ACCEPTED.
  const evict = (limit: number): boolean => {
    const oldest = open.size > limit ? open.evictable() : undefined;
    if (!oldest || (oldest.group === PENDING && open.size < MAX_ACCEPTED)) return false;
    open.delete(oldest.item);
    oldest.item.destroy();
    return true;
  };
  const server = createServer((socket) => {
    evict(MAX_ACCEPTED - 1);
    open.add(socket, PENDING);
    const deadline = setTimeout(() => socket.destroy(), CONNECTION_DEADLINE_MS);
    socket.once('close', () => {
      clearTimeout(deadline);
      open.delete(socket);
    });
    socket.on('error', () => socket.destroy());
    const owner = ownerOf(socket);
    void owner.then((found) => {
      open.regroup(socket, String(found));
      while (evict(MAX_OPEN));
    });
    serve(socket, owner);
  });
  return { server, open };
}

/**
 * Collects the head of what a client sends until `parse` decides: at most `limit` bytes (the parser decides within
 * them; bytes past the limit are never kept) in at most MAX_READS reads, else the connection is closed.
 */
function readHead<T extends { kind: string }>(socket: Socket, limit: number, parse: (data: Buffer) => T, done: (result: Exclude<T, { kind: 'need-more' }>) => void): void {
  let data = Buffer.alloc(0);
  let reads = 0;
  socket.on('data', (chunk: Buffer) => {
    reads++;
    data = Buffer.concat([data, chunk], Math.min(limit, data.length + chunk.length));
    const result = parse(data);
    if (result.kind === 'need-more' && data.length < limit && reads < MAX_READS) return;
    socket.removeAllListeners('data');
    socket.pause();
    if (result.kind === 'need-more') socket.destroy();
    else done(result as Exclude<T, { kind: 'need-more' }>);
  });
}

function serveHttp(socket: Socket, owner: Promise<PeerOwner>, handlers: ReachHandlers): void {
  readHead(socket, MAX_REQUEST_HEAD_READ, parseRequestHead, (result) => {
    if (result.kind !== 'request') return void socket.destroy();
    void owner.then((found) => {
      // Closed meanwhile (its deadline, or evicted): not answered, not counted.
      if (socket.destroyed) return;
      handlers.attempt(result.host, 'http', found);
      socket.end(handlers.page());
    });
  });
}

function serveHttps(socket: Socket, owner: Promise<PeerOwner>, handlers: ReachHandlers): void {
  readHead(socket, MAX_CLIENT_HELLO_READ, parseClientHello, (result) => {
    if (result.kind !== 'hello') return void socket.destroy();
    void owner.then((found) => {
      if (socket.destroyed) return;
      handlers.attempt(result.serverName, 'https', found);
      socket.end(TLS_ALERT_UNRECOGNIZED_NAME);
    });
  });
}
