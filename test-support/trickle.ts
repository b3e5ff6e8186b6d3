import { connect } from 'node:net';

/**
 * The slow-client attack on the guard's socket: `count` connections, each sending one byte of a request every
 * `everyMs` and never a newline. `closed` resolves with how long each connection lived before the guard cut it off.
 */
export function trickle(socketPath: string, count: number, everyMs: number): { closed: Promise<number[]>; stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  const sockets = Array.from({ length: count }, () => connect(socketPath));
  const closed = Promise.all(
    sockets.map(
      (socket) =>
        new Promise<number>((resolve) => {
          const opened = Date.now();
          socket.on('error', () => undefined);
          socket.on('connect', () => {
            socket.write('{');
            timers.push(setInterval(() => socket.writable && socket.write(' '), everyMs));
          });
          socket.on('close', () => resolve(Date.now() - opened));
        }),
    ),
  );
  return {
    closed,
    stop() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
    },
  };
}
