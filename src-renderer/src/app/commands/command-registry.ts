import { useEffect } from 'react';
import { create } from 'zustand';

/** An action the palette lists and a keyboard shortcut can run. Features register their own. */
export interface Command {
  readonly id: string;
  /** Already translated; registered again when the language changes. */
  readonly title: string;
  /** `Mod` is Cmd on macOS and Ctrl elsewhere, e.g. `Mod+1`, `Mod+Shift+Enter`. */
  readonly shortcut?: string;
  readonly run: () => void;
}

interface CommandRegistry {
  commands: ReadonlyMap<string, Command>;
  register(commands: readonly Command[]): () => void;
}

export const useCommandRegistry = create<CommandRegistry>((set, get) => ({
  commands: new Map(),
  register(commands) {
    const next = new Map(get().commands);
    for (const command of commands) next.set(command.id, command);
    set({ commands: next });
    return () => {
      const remaining = new Map(get().commands);
      for (const command of commands) if (remaining.get(command.id) === command) remaining.delete(command.id);
      set({ commands: remaining });
    };
  },
}));

/** Registers a feature's commands while its component is mounted. Pass a memoised array. */
export function useCommands(commands: readonly Command[]): void {
  const register = useCommandRegistry((store) => store.register);
  useEffect(() => register(commands), [register, commands]);
}
