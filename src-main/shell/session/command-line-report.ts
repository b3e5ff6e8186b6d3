import { parseArgv } from '../../core/session/command-line';
import { commandLineNotice } from '../../core/session/session-presence';

/**
 * In a second instance, before it hands its argv to the running app and exits: a bad command is also printed in
 * the terminal that typed it (the running app shows it as a notification).
 */
export function reportCommandLineError(argv: readonly string[]): void {
  const parsed = parseArgv(argv);
  if (parsed.ok) return;
  process.stderr.write(`stillroom: ${commandLineNotice(parsed.error, 'en')}\n`);
}
