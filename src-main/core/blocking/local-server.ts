import { connect } from 'node:net';

/**
 * Whether a web server runs on this machine on port 80 or 443. A blocked host resolves to 0.0.0.0 / ::, and on Linux
 * (and macOS) a connection to those reaches a server bound to the loopback or all addresses, so that server would
 * answer for every blocked site. The app says so plainly instead of claiming the block works.
 */
export interface LocalListener {
  address: string;
  port: number;
}

export interface DetectOptions {
  ports?: readonly number[];
  /** Where a connection to 0.0.0.0 / :: actually lands: the loopback addresses. */
  addresses?: readonly string[];
  timeoutMs?: number;
}

export async function detectLocalWebServer(options: DetectOptions = {}): Promise<LocalListener[]> {
  const ports = options.ports ?? [80, 443];
  const addresses = options.addresses ?? ['127.0.0.1', '::1'];
  const timeoutMs = options.timeoutMs ?? 300;
  const probes = addresses.flatMap((address) => ports.map((port) => ({ address, port })));
  const open = await Promise.all(probes.map((probe) => accepts(probe.address, probe.port, timeoutMs)));
  return probes.filter((_, i) => open[i]);
}

function accepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
