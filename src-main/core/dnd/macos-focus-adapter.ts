import { z } from 'zod';
import { MACOS_FOCUS_SHORTCUT } from '../../contract/notifications';
import type { OutputRunner } from '../../base/command-runner';
import { type DndAdapter, DndUnavailable, runDndCommand, stateParser } from './dnd-adapter';

const SHORTCUTS = '/usr/bin/shortcuts';
/** Running a Shortcut goes through the Shortcuts service, which can take a few seconds on a cold start. */
const SHORTCUT_TIMEOUT_MS = 20_000;

/**
 * `unknown`: the Shortcut did not say "on" or "off" to `status` (an older copy, or Focus status not allowed).
 * Then the journal is what we trust: Focus is turned off at the end because we turned it on.
 */
const MacFocusState = z.object({ focus: z.enum(['on', 'off', 'unknown']) }).strict();
export type MacFocusState = z.infer<typeof MacFocusState>;

/**
 * macOS has no API that sets Focus; a Shortcut the user installs once does (docs/notifications.md): input `on`
 * sets Do Not Disturb on, `off` turns it off, `status` answers "on" when any Focus is on and "off" otherwise.
 * The input goes on standard input, as `shortcuts run` reads it there.
 */
export class MacFocusAdapter implements DndAdapter<MacFocusState> {
  readonly method = 'macos-focus' as const;

  constructor(private readonly run: OutputRunner) {}

  async read(): Promise<MacFocusState> {
    const list = await runDndCommand(this.run, this.method, SHORTCUTS, ['list'], { timeoutMs: SHORTCUT_TIMEOUT_MS });
    if (!list.split('\n').some((line) => line.trim() === MACOS_FOCUS_SHORTCUT)) {
      throw new DndUnavailable({ reason: 'shortcut-missing', name: MACOS_FOCUS_SHORTCUT });
    }
    const answer = (await this.runShortcut('status')).trim().toLowerCase();
    return { focus: answer === 'on' || answer === 'off' ? answer : 'unknown' };
  }

  isMuted(state: MacFocusState): boolean {
    return state.focus === 'on';
  }

  muted(): MacFocusState {
    return { focus: 'on' };
  }

  async write(state: MacFocusState): Promise<void> {
    // Restoring a state that could not be read means turning off what we turned on (the journal says we did).
    await this.runShortcut(state.focus === 'on' ? 'on' : 'off');
  }

  known(state: MacFocusState): boolean {
    return state.focus !== 'unknown';
  }

  /** An unreadable state cannot show the user's change, so it counts as still ours. */
  same(a: MacFocusState, b: MacFocusState): boolean {
    return a.focus === 'unknown' || b.focus === 'unknown' || a.focus === b.focus;
  }

  readonly parse = stateParser(MacFocusState);

  private runShortcut(input: 'on' | 'off' | 'status'): Promise<string> {
    return runDndCommand(this.run, this.method, SHORTCUTS, ['run', MACOS_FOCUS_SHORTCUT], { timeoutMs: SHORTCUT_TIMEOUT_MS, input });
  }
}
