import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { endianness } from 'node:os';

/**
 * Which account opened a connection to the reach counter, where the OS says, so that only the session's user is
 * counted and one account's flood cannot crowd out another's connections.
 * - a uid: Linux lists every TCP socket of this network namespace, with its owner, in /proc/net/tcp and tcp6; the
 *   listener is on loopback, so the client's end is there too: the entry whose local address is our peer and whose
 *   remote address is us;
 * - `gone`: the OS says, but the client's socket is no longer listed (it closed at once): not counted;
 * - `unknown`: the OS does not say (macOS, Windows: Node has no peer credentials for TCP). docs/blocking.md says
 *   what is counted then.
 */
export type PeerOwner = number | 'gone' | 'unknown';
export type PeerOwnerLookup = (socket: Socket) => Promise<PeerOwner>;

const TCP_TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];
/** A connection in TIME_WAIT is the kernel's, listed with uid 0 whoever opened it. */
const TIME_WAIT = '06';

export function peerOwnerLookup(platform: NodeJS.Platform): PeerOwnerLookup {
  return platform === 'linux' ? procNetOwners() : async () => 'unknown';
}

/**
 * Reads the tables once for all the lookups waiting, and again for those that arrive during a read (their socket
 * may be newer than what it saw), so a flood of connections costs a few reads, not one each.
 */
export function procNetOwners(read: (path: string) => Promise<string> = (path) => readFile(path, 'latin1')): PeerOwnerLookup {
  let waiting: { key: string; resolve: (owner: PeerOwner) => void }[] = [];
  let reading = false;
  const drain = async (): Promise<void> => {
    if (reading || waiting.length === 0) return;
    reading = true;
    const batch = waiting;
    waiting = [];
    const owners = new Map<string, number>();
    for (const path of TCP_TABLES) {
      const text = await read(path).catch(() => '');
      for (const [key, uid] of socketOwners(text)) owners.set(key, uid);
    }
    for (const { key, resolve } of batch) resolve(owners.get(key) ?? 'gone');
    reading = false;
    void drain();
  };
  return (socket) =>
    new Promise((resolve) => {
      const { remoteAddress, remotePort, localAddress, localPort } = socket;
      if (!remoteAddress || !localAddress || remotePort === undefined || localPort === undefined) return resolve('gone');
      waiting.push({ key: connectionKey(ipv4Of(remoteAddress), remotePort, ipv4Of(localAddress), localPort), resolve });
      void drain();
    });
}

/** Each listed socket's "local>remote" endpoints (IPv4, or IPv4 mapped into IPv6) and its owner's uid. */
export function socketOwners(table: string): Map<string, number> {
  const owners = new Map<string, number>();
  for (const line of table.split('\n').slice(1)) {
    // sl, local_address, rem_address, st, tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, ...
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8 || fields[3] === TIME_WAIT) continue;
    const local = endpoint(fields[1]!);
    const remote = endpoint(fields[2]!);
    const uid = Number(fields[7]);
    if (local && remote && Number.isInteger(uid)) owners.set(connectionKey(local.ip, local.port, remote.ip, remote.port), uid);
  }
  return owners;
}

const connectionKey = (fromIp: string, fromPort: number, toIp: string, toPort: number) => `${fromIp}:${fromPort}>${toIp}:${toPort}`;
const ipv4Of = (address: string) => address.replace(/^::ffff:/i, '');

// "0100007F:1F90": the address as the kernel's 32-bit words in this machine's byte order, the port in hex.
function endpoint(text: string): { ip: string; port: number } | null {
  const [hex = '', portHex = ''] = text.split(':');
  if (!/^[0-9A-Fa-f]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32) || !/^[0-9A-Fa-f]{4}$/.test(portHex)) return null;
  const bytes = Buffer.from(hex, 'hex');
  if (endianness() === 'LE') for (let word = 0; word < bytes.length; word += 4) bytes.subarray(word, word + 4).reverse();
  const v4 = bytes.length === 4 ? bytes : isV4Mapped(bytes) ? bytes.subarray(12) : null;
  return v4 ? { ip: [...v4].join('.'), port: parseInt(portHex, 16) } : null;
}

function isV4Mapped(bytes: Buffer): boolean {
  return bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}
