import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

/**
 * Which Chromium runs the browser tests: `CHROMIUM_PATH` if set, else Playwright's own browser where it was
 * installed (desktops, GitHub Actions), else Debian's /usr/bin/chromium (this build machine cannot download one).
 */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // Playwright has no browser of its own here; fall through.
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Keeps Chromium quiet on a closed network, and runnable as root. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** That Chromium with those arguments, for scripts that drive it themselves (the bench). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
}
