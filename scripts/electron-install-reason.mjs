// Loaded with --import into Electron's own install.js by scripts/start.mjs. install.js reports a failed download
// with console.error(err.stack) and exits 1; the text still reaches the terminal, and its first line, with the
// network error behind a bare "fetch failed", also goes to file descriptor 3, so `npm start` can give the reason.
import { writeSync } from 'node:fs';

let networkCause = '';
/** @typedef {(input: string | URL | Request, init?: RequestInit) => Promise<Response>} Fetch */
const fetchArtifact = /** @type {Fetch} */ (globalThis['fetch']);
/** @type {Fetch} */
const fetchNotingCause = (input, init) =>
  fetchArtifact(input, init).catch((/** @type {{ cause?: { message?: string } } | undefined} */ error) => {
    networkCause = error?.cause?.message ?? '';
    throw error;
  });
Object.assign(globalThis, { fetch: fetchNotingCause });

const print = console.error;
console.error = (...args) => {
  print(...args);
  const first = args.map(String).join(' ').split('\n')[0] ?? '';
  try {
    writeSync(3, `${networkCause && !first.includes(networkCause) ? `${first} (${networkCause})` : first}\n`);
  } catch {
    // Run without the extra pipe (by hand): the terminal has the message already.
  }
};
