import { describe, expect, it } from 'vitest';
import { useCommandRegistry, type Command } from './command-registry';

const command = (id: string, title = id): Command => ({ id, title, run: () => undefined });

describe('the command registry', () => {
  it('lists what each feature registered and takes back only its own on unregister', () => {
    const first = command('app.go.focus');
    const stopFirst = useCommandRegistry.getState().register([first, command('session.start')]);
    expect([...useCommandRegistry.getState().commands.keys()]).toEqual(['app.go.focus', 'session.start']);

    // The same id registered again (its title in the new language) replaces the old one; the old unregister leaves it.
    const retitled = command('app.go.focus', 'Go to Focus');
    const stopRetitled = useCommandRegistry.getState().register([retitled]);
    stopFirst();
    expect([...useCommandRegistry.getState().commands.values()]).toEqual([retitled]);
    stopRetitled();
    expect(useCommandRegistry.getState().commands.size).toBe(0);
  });
});
