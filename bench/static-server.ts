import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../e2e/support/content-types';


/** Serves a built folder on 127.0.0.1 at a random port (the bench page; nothing leaves the machine). */
export async function serveFolder(folder: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(join(folder, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(folder + sep)) return void response.writeHead(403).end();
    readFile(path).then(
      (body) => response.writeHead(200, { 'Content-Type': contentTypeOf(path) }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
