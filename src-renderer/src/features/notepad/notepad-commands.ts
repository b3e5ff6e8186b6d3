import { useMemo } from 'react';
import { useCommands, type Command } from '../../app/commands/command-registry';
import { useMessages } from '../../app/i18n/messages';
import { useNavigation } from '../../app/navigation';
import { notepadMessages } from './notepad-messages';
import { useNotepadViewStore } from './notepad-view-store';
import { useNotesStore } from './notes-store';

/**
 * New note and Search notes, mounted with the app so they work from any view. They open the Notepad (loaded
 * lazily; this file must not import the editor) and then act; the editor or the search box takes focus, not the title.
 */
export function useNotepadCommands(): void {
  const t = useMessages(notepadMessages);
  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'notepad.new',
        title: t('command.new'),
        shortcut: 'Mod+Alt+N',
        run: () => {
          useNavigation.setState({ view: 'notepad' });
          void useNotesStore.getState().createNote(t('note.untitled'));
        },
      },
      {
        id: 'notepad.search',
        title: t('command.search'),
        shortcut: 'Mod+Shift+F',
        run: () => {
          useNavigation.setState({ view: 'notepad' });
          useNotepadViewStore.getState().requestSearchFocus();
        },
      },
    ],
    [t],
  );
  useCommands(commands);
}
