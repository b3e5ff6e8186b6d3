import type { z } from 'zod';
import type { NotificationMethod, NotificationsUnavailable } from '../../contract/notifications';
import { describeFailure, type CommandOutput, type OutputRunner } from '../../base/command-runner';
import type { MemoValue } from '../protection/protection';

/**
 * One way of muting the system's notifications (a desktop's setting, a daemon's pause, a macOS Shortcut). The
 * protection drives every adapter the same way: `read` the raw state (including "unset/default"), write
 * `muted(found)`, `read` again to verify, and at the end write `found` back only if the state is still `same` as
 * what it wrote, so a change the user made meanwhile wins. States are JSON: they go into the protection journal.
 */
export interface DndAdapter<State extends MemoValue = MemoValue> {
  readonly method: NotificationMethod;
  /** The state now, exactly enough to put it back. Throws `DndUnavailable` when the adapter cannot act here. */
  read(): Promise<State>;
  /** Whether notifications are muted in this state (by anyone). */
  isMuted(state: State): boolean;
  /** The state muting writes, given the one found. */
  muted(found: State): State;
  /** Makes the system's state `state`: `muted(found)` to mute, `found` to restore. */
  write(state: State): Promise<void>;
  /** Whether a state was really read (macOS: false when the Shortcut could not tell); absent means always. */
  known?(state: State): boolean;
  /** Whether two states are the same setting; the user's own change makes the current state differ from ours. */
  same(a: State, b: State): boolean;
  /**
   * Whether restoring worked, from the state read afterwards; absent means `same(after, found)`. KDE differs:
   * releasing our inhibition is all it does, and the user's own Do Not Disturb may still hold.
   */
  restored?(after: State, found: State): boolean;
  /** A state read back from the journal, or null if it is not one this adapter writes. */
  parse(value: unknown): State | null;
  /**
   * Calls `onChange` when the state may have changed (the user's own switch), where the system tells; returns the
   * function that stops watching. Absent where it cannot be watched (the protection then checks on extend).
   */
  watch?(onChange: () => void): () => void;
  /** Lets go of what the adapter holds (KDE's D-Bus connection, which carries its inhibition). */
  close?(): Promise<void>;
}

/** Why an adapter cannot act, typed for the UI (the program is missing, the Shortcut is not installed, …). */
export class DndUnavailable extends Error {
  constructor(readonly unavailable: NotificationsUnavailable) {
    super(`notifications cannot be muted: ${JSON.stringify(unavailable)}`);
    this.name = 'DndUnavailable';
  }
}

/** Most adapters answer in well under a second; a hung daemon must not hold the session's start for long. */
export const DND_COMMAND_TIMEOUT_MS = 5000;

/**
 * Runs one adapter command and returns what it printed. A missing program or a refusal becomes `DndUnavailable`
 * with the program's own words, so the UI can say what to install or what went wrong.
 */
export async function runDndCommand(
  run: OutputRunner,
  method: NotificationMethod,
  file: string,
  args: readonly string[],
  options: { timeoutMs?: number; input?: string } = {},
): Promise<string> {
  const output = await run(file, args, options.timeoutMs ?? DND_COMMAND_TIMEOUT_MS, options.input);
  if (output.kind === 'ok') return output.stdout;
  throw commandUnavailable(method, file, output);
}

/** A failed command as the UI's reason: the program is missing, or it refused (in its own words). */
export function commandUnavailable(method: NotificationMethod, file: string, output: Exclude<CommandOutput, { kind: 'ok' }>): DndUnavailable {
  const command = file.split(/[\\/]/).pop() || file;
  if (output.kind === 'missing') return new DndUnavailable({ reason: 'command-missing', method, command });
  return new DndUnavailable({ reason: 'command-failed', method, command, message: describeFailure(command, output).slice(0, 500) });
}

/** `true`/`false` as these programs print them (gsettings, xfconf-query, dunstctl, swaync-client). */
export function parseBoolean(text: string, method: NotificationMethod, command: string): boolean {
  const word = text.trim();
  if (word === 'true') return true;
  if (word === 'false') return false;
  throw new DndUnavailable({ reason: 'command-failed', method, command, message: `unexpected answer: ${JSON.stringify(word.slice(0, 100))}` });
}

/** An adapter's `parse`: its own state schema, and null for anything else found in the journal. */
export function stateParser<State>(schema: z.ZodType<State>): (value: unknown) => State | null {
  return (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };
}
