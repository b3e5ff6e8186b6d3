import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { detectLocalWebServer } from './local-server';

const servers: Server[] = [];
async function listen(host: string): Promise<number> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, host, done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('detectLocalWebServer', () => {
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  it('finds a server on the loopback address, which is where a blocked host (0.0.0.0) would land', async () => {
    const port = await listen('127.0.0.1');
    expect(await detectLocalWebServer({ ports: [port] })).toEqual([{ address: '127.0.0.1', port }]);
  });

  it('finds a server bound to all addresses on both families', async () => {
    const port = await listen('::');
    const found = await detectLocalWebServer({ ports: [port] });
    expect(found).toContainEqual({ address: '::1', port });
  });

  it('reports nothing when the ports are closed', async () => {
    const port = await listen('127.0.0.1');
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await detectLocalWebServer({ ports: [port] })).toEqual([]);
  });

  it('ignores a server on another loopback address (it is not reached through 0.0.0.0)', async () => {
    const port = await listen('127.0.0.2');
    expect(await detectLocalWebServer({ ports: [port] })).toEqual([]);
  });
});
