import type { ErrorCode } from '../../contract/errors';
import type { SessionPrefs, SessionState } from '../../contract/session';
import { DomainError } from '../domain-error';
import type { SessionCommand } from './command-line';
import type { FocusSessionService } from './session-service';

/**
 * What came of a command from outside the window (command line, URL, tray, global shortcut), for the shell to
 * act on: show the window with the end dialog, ask for a confirm, or tell the user why nothing happened.
 */
export type CommandOutcome =
  | { kind: 'started'; state: SessionState }
  | { kind: 'ended'; state: SessionState }
  /** Flexible session, from a source that is not itself a confirmation (a shortcut can be pressed by mistake). */
  | { kind: 'confirm-needed' }
  /** Committed session: only the window can take the typed phrase and the reason. */
  | { kind: 'phrase-needed' }
  | { kind: 'locked'; until: number }
  | { kind: 'already-running' }
  | { kind: 'nothing-running' }
  | { kind: 'refused'; code: ErrorCode; message: string };

export interface CommandContext {
  readonly prefs: SessionPrefs;
  /** True when the command itself is the user's confirmation (typed on a command line, or confirmed in a dialog). */
  readonly confirmed: boolean;
}

export async function runSessionCommand(service: FocusSessionService, command: SessionCommand, context: CommandContext): Promise<CommandOutcome> {
  const running = service.state().phase === 'running';
  try {
    if (command.kind === 'start' || (command.kind === 'toggle' && !running)) {
      if (running) return { kind: 'already-running' };
      const start = command.kind === 'start' ? command : { minutes: null, intent: null, mode: command.mode ?? null };
      const state = await service.start({
        minutes: start.minutes ?? context.prefs.defaultMinutes,
        ...(start.intent !== null && { intent: start.intent }),
        ...(start.mode !== null && { mode: start.mode }),
      });
      return { kind: 'started', state };
    }
    if (!running) return { kind: 'nothing-running' };
    const requirement = service.requestEnd();
    if (requirement.kind === 'locked') return { kind: 'locked', until: requirement.until };
    if (requirement.kind === 'phrase') return { kind: 'phrase-needed' };
    if (!context.confirmed) return { kind: 'confirm-needed' };
    return { kind: 'ended', state: await service.end({ kind: 'confirm' }) };
  } catch (error) {
    if (error instanceof DomainError) return { kind: 'refused', code: error.code, message: error.message };
    throw error;
  }
}
