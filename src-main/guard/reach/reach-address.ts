/**
 * The loopback address the reach counter listens on, per OS. Linux and Windows route all of 127.0.0.0/8 to the
 * loopback interface, so a dedicated address is free for the guard: 127.0.0.253 collides with no web server the user
 * runs on 127.0.0.1 (only one on all addresses, 0.0.0.0, which is then reported as a port in use). macOS brings up
 * only 127.0.0.1 on lo0; another address would need an `ifconfig lo0 alias`, one more system change to journal and
 * restore, so there the counter shares 127.0.0.1 (and falls back when the user's own server holds port 80 or 443).
 */
export const DEFAULT_REACH_ADDRESS: Partial<Record<NodeJS.Platform, string>> = {
  linux: '127.0.0.253',
  win32: '127.0.0.253',
  darwin: '127.0.0.1',
};

/** An IPv4 loopback address, `127.x.y.z`: the listener must never be reachable from another machine. */
export function isLoopbackV4(address: string): boolean {
  const match = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255 && String(Number(octet)) === octet);
}
