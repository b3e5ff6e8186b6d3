import { describe, expect, it } from 'vitest';
import { acceleratorFromKey, displayAccelerator, type KeyPress } from './accelerator';

const press = (code: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ code, key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers });

describe('acceleratorFromKey', () => {
  it('names the physical key with CommandOrControl for the platform’s main modifier', () => {
    expect(acceleratorFromKey(press('KeyF', { ctrlKey: true, altKey: true, shiftKey: true }), false)).toBe('CommandOrControl+Alt+Shift+F');
    expect(acceleratorFromKey(press('KeyF', { metaKey: true, altKey: true, shiftKey: true }), true)).toBe('CommandOrControl+Alt+Shift+F');
    expect(acceleratorFromKey(press('Digit1', { shiftKey: true, altKey: true, key: '!' }), false)).toBe('Alt+Shift+1');
    expect(acceleratorFromKey(press('F9', { ctrlKey: true }), false)).toBe('CommandOrControl+F9');
    expect(acceleratorFromKey(press('ArrowUp', { metaKey: true }), false)).toBe('Super+Up');
    expect(acceleratorFromKey(press('KeyS', { ctrlKey: true, metaKey: true }), true)).toBe('CommandOrControl+Control+S');
  });

  it('refuses a bare key, modifiers alone, and keys without a name', () => {
    expect(acceleratorFromKey(press('KeyF'), false)).toBeNull();
    expect(acceleratorFromKey(press('ShiftLeft', { shiftKey: true }), false)).toBeNull();
    expect(acceleratorFromKey(press('IntlRo', { ctrlKey: true }), false)).toBeNull();
  });

  it('shows the shortcut the way each system writes it', () => {
    expect(displayAccelerator('CommandOrControl+Alt+Shift+F', true)).toBe('⌘⌥⇧F');
    expect(displayAccelerator('CommandOrControl+Alt+Shift+F', false)).toBe('Ctrl+Alt+Shift+F');
  });
});
