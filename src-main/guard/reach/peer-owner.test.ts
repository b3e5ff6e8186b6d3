import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { endianness } from 'node:os';
import { describe, expect, it } from 'vitest';
import { procNetOwners, socketOwners } from './peer-owner';

const onLinux = process.platform === 'linux';

/** The owner the lookup finds for a connection made to a listener on `address` by a client connecting to `via`. */
async function ownerOfConnection(address: string, via: string): Promise<unknown> {
  const lookup = procNetOwners();
  const accepted = new Promise<Socket>((resolve) => {
    const server = createServer((socket) => {
      resolve(socket);
      server.close();
    });
    server.listen(0, address, () => connect({ host: via, port: (server.address() as AddressInfo).port }).on('error', () => undefined));
  });
  const socket = await accepted;
  try {
    return await lookup(socket);
  } finally {
    socket.destroy();
  }
}

describe('whose a loopback connection is (Linux: /proc/net/tcp)', () => {
  it.skipIf(!onLinux)('finds the connecting process’s uid, over IPv4 and from a dual-stack socket (tcp6)', async () => {
    expect(await ownerOfConnection('127.0.0.78', '127.0.0.78')).toBe(process.getuid?.());
    expect(await ownerOfConnection('127.0.0.79', '::ffff:127.0.0.79')).toBe(process.getuid?.());
  });

  it('reads IPv4 and v4-mapped IPv6 entries, and skips TIME_WAIT (listed as the kernel’s, whoever opened it)', () => {
    // 127.0.0.1:40000 -> 127.0.0.253:443, as this machine's byte order prints the address words.
    const word = (bytes: number[]) => Buffer.from(endianness() === 'LE' ? [...bytes].reverse() : bytes).toString('hex').toUpperCase();
    const mapped = (bytes: number[]) => `${word([0, 0, 0, 0])}${word([0, 0, 0, 0])}${word([0, 0, 0xff, 0xff])}${word(bytes)}`;
    const line = (local: string, remote: string, state: string, uid: number) => `   0: ${local}:9C40 ${remote}:01BB ${state} 00000000:00000000 00:00000000 00000000  ${uid}        0 12345 1`;
    const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
    expect(socketOwners([header, line(word([127, 0, 0, 1]), word([127, 0, 0, 253]), '01', 1000)].join('\n'))).toEqual(new Map([['127.0.0.1:40000>127.0.0.253:443', 1000]]));
    expect(socketOwners([header, line(mapped([127, 0, 0, 1]), mapped([127, 0, 0, 253]), '01', 1001)].join('\n'))).toEqual(new Map([['127.0.0.1:40000>127.0.0.253:443', 1001]]));
    expect(socketOwners([header, line(word([127, 0, 0, 1]), word([127, 0, 0, 253]), '06', 0)].join('\n')).size).toBe(0);
  });
});
