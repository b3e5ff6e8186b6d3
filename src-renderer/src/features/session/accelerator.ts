import { isAccelerator } from '../../../../src-main/contract/session';

export interface KeyPress {
  readonly code: string;
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const NAMED_CODES: Record<string, string> = {
  Space: 'Space',
  Tab: 'Tab',
  Enter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  Backslash: '\\',
};

/**
 * A key press as an Electron accelerator, from the physical key (so Shift+1 is "Shift+1", not "!"), with Cmd on
 * macOS and Ctrl elsewhere written as CommandOrControl. Null while only modifiers are held, or when the result is
 * not a usable global shortcut (no modifier, or a key Electron cannot name).
 */
export function acceleratorFromKey(press: KeyPress, isMac: boolean): string | null {
  let key: string | undefined;
  if (/^Key[A-Z]$/.test(press.code)) key = press.code.slice(3);
  else if (/^Digit[0-9]$/.test(press.code)) key = press.code.slice(5);
  else if (/^F([1-9]|1[0-9]|2[0-4])$/.test(press.code)) key = press.code;
  else if (/^Numpad[0-9]$/.test(press.code)) key = `num${press.code.slice(6)}`;
  else key = NAMED_CODES[press.code];
  if (!key) return null;

  const modifiers: string[] = [];
  const commandOrControl = isMac ? press.metaKey : press.ctrlKey;
  if (commandOrControl) modifiers.push('CommandOrControl');
  if (isMac && press.ctrlKey) modifiers.push('Control');
  if (!isMac && press.metaKey) modifiers.push('Super');
  if (press.altKey) modifiers.push('Alt');
  if (press.shiftKey) modifiers.push('Shift');
  const accelerator = [...modifiers, key].join('+');
  return isAccelerator(accelerator) ? accelerator : null;
}

/** How an accelerator reads on this system: ⌘⌥⇧F on macOS, Ctrl+Alt+Shift+F elsewhere. */
export function displayAccelerator(accelerator: string, isMac: boolean): string {
  const names: Record<string, [string, string]> = {
    CommandOrControl: ['⌘', 'Ctrl'],
    Command: ['⌘', 'Super'],
    Control: ['⌃', 'Ctrl'],
    Alt: ['⌥', 'Alt'],
    Shift: ['⇧', 'Shift'],
    Super: ['⌘', 'Super'],
  };
  const parts = accelerator.split('+').map((part) => names[part]?.[isMac ? 0 : 1] ?? part);
  return isMac ? parts.join('') : parts.join('+');
}
