import { afterEach, describe, expect, it } from 'vitest';
import { mount, typeInto, unmountAll } from '../../../../test-support/renderer/test-dom';
import { CommandPalette } from './CommandPalette';
import { useCommandRegistry } from './command-registry';

afterEach(() => {
  unmountAll();
  useCommandRegistry.setState({ commands: new Map() });
});

describe('CommandPalette', () => {
  it('lists matches as options of an expanded listbox; with none, says so beside the collapsed, empty list', () => {
    useCommandRegistry.getState().register([{ id: 'test.reflections', title: 'Go to Reflections', run: () => undefined }]);
    const container = mount(<CommandPalette onClose={() => undefined} />);
    const input = container.querySelector<HTMLInputElement>('[role="combobox"]')!;
    const listbox = container.querySelector('[role="listbox"]')!;
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect([...listbox.children].map((child) => child.getAttribute('role'))).toEqual(['option']);

    typeInto(input, 'zzz no such command');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(listbox.children).toHaveLength(0);
    expect(listbox.nextElementSibling?.textContent).toBe('No command matches.');
  });
});
