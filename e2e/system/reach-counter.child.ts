import { get } from 'node:http';
import { connect } from 'node:tls';

/**
 * A plain client, run inside the guard's mount and network namespaces: the host resolves through the stand-in hosts
 * file, exactly as any program's would. Prints what happened as JSON: the HTTP status and body, or the TLS error and
 * whether any certificate (or a byte of application data) arrived.
 */
const [kind, host] = process.argv.slice(2);

function http(name: string): Promise<unknown> {
  return new Promise((resolve) => {
    get({ host: name, port: 80, path: '/watch?v=1' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, cacheControl: response.headers['cache-control'], body }));
    }).on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
  });
}

function https(name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const socket = connect({ host: name, port: 443, servername: name, rejectUnauthorized: false });
    let data = 0;
    socket.on('data', (chunk: Buffer) => (data += chunk.length));
    socket.on('secureConnect', () => resolve({ error: null, certificate: Object.keys(socket.getPeerCertificate()).length > 0, data }));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code, certificate: false, data }));
  });
}

process.stdout.write(JSON.stringify(await (kind === 'http' ? http(host!) : https(host!))));
