import { useMemo } from 'react';
import type { Command } from '../../app/commands/command-registry';
import { useCommands } from '../../app/commands/command-registry';
import { useMessages } from '../../app/i18n/messages';
import { useNavigation } from '../../app/navigation';
import { PARK_LINE_SHORTCUT } from './ParkLine';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';

/** Palette commands for the session, offered only when they apply (start when none runs; extend and end while one does). */
export function useSessionCommands(): void {
  const t = useMessages(sessionMessages);
  const go = useNavigation((store) => store.go);
  const phase = useSessionStore((store) => store.state?.phase);

  const commands = useMemo<Command[]>(() => {
    const store = useSessionStore.getState;
    if (phase === undefined) return [];
    if (phase !== 'running') {
      return [{ id: 'session.start', title: t('command.start'), run: () => (go('focus'), void store().start()) }];
    }
    return [
      { id: 'session.extend', title: t('command.extend'), run: () => void store().extend() },
      { id: 'session.end', title: t('command.end'), run: () => (go('focus'), void store().requestEnd()) },
      // The same chord as the global shortcut (PARK_SHORTCUT), for the browser preview where there is none.
      { id: 'session.park', title: t('command.park'), shortcut: PARK_LINE_SHORTCUT, run: () => store().openParkLine() },
    ];
  }, [t, go, phase]);

  useCommands(commands);
}
