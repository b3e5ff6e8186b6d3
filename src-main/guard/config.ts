import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { DEFAULT_REACH_ADDRESS, isLoopbackV4 } from './reach/reach-address';
import type { ReachEndpoint } from './reach/reach-listener';

/**
 * The guard's config: every path it touches is fixed here, by the installer (from paths.ts), in a root-owned file
 * (guard invariants 1 and 4 in docs/ARCHITECTURE.md). Nothing from the socket can change it.
 */
const AbsolutePath = z.string().min(1).max(4096).refine(isAbsolute, 'must be an absolute path');

export const GuardConfig = z
  .object({
    version: z.string().min(1).max(50),
    hostsPath: AbsolutePath,
    /** Root-owned folder for the lease, the log and nothing else. */
    stateDir: AbsolutePath,
    /** Unix socket path, or a Windows named pipe (`\\.\pipe\stillroom-guard`). */
    socketPath: z.string().min(1).max(4096),
    /** The installing user: the only one (besides root) who may use the socket. */
    user: z
      .object({ name: z.string().min(1).max(64), uid: z.number().int().min(0).optional(), sid: z.string().max(200).optional() })
      .strict(),
    reconcileIntervalMs: z.number().int().min(100).max(60_000).default(2000),
    /** Prefix of every browser policy location and browser binary the guard looks at: '/' when installed. */
    browserPolicyRoot: AbsolutePath.default('/'),
    /** The reach counter's listener (docs/blocking.md, "The reach counter"); absent: on, at the OS's address, ports 80 and 443. */
    reach: z
      .object({
        enabled: z.boolean().default(true),
        address: z.string().max(15).refine(isLoopbackV4, 'must be an IPv4 loopback address (127.x.y.z)').optional(),
        httpPort: z.number().int().min(1).max(65535).default(80),
        httpsPort: z.number().int().min(1).max(65535).default(443),
      })
      .strict()
      .default({ enabled: true, httpPort: 80, httpsPort: 443 }),
  })
  .strict();
export type GuardConfig = z.infer<typeof GuardConfig>;

/** Where the reach counter listens, or null when it is off (or this OS has no default address). */
export function reachEndpoint(config: GuardConfig, platform: NodeJS.Platform = process.platform): ReachEndpoint | null {
  const { enabled, address = DEFAULT_REACH_ADDRESS[platform], httpPort, httpsPort } = config.reach;
  return enabled && address ? { address, httpPort, httpsPort } : null;
}

/** Reads and checks the config. Run as root on Unix, it must be root-owned and not writable by anyone else. */
export function loadGuardConfig(path: string): GuardConfig {
  if (process.platform !== 'win32' && process.getuid?.() === 0) {
    const info = statSync(path);
    if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
      throw new Error(`Refusing a config that is not root-owned or is writable by others: ${path}`);
    }
  }
  return GuardConfig.parse(JSON.parse(readFileSync(path, 'utf8')));
}
