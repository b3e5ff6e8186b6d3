import { useMemo } from 'react';
import { useCommands, type Command } from '../../../app/commands/command-registry';
import { useMessages } from '../../../app/i18n/messages';
import { useNavigation } from '../../../app/navigation';
import { blockingMessages } from './blocking-messages';
import { useBlockingStore } from './blocking-store';

/** Palette commands of blocking; mounted with the app so they work from any view. */
export function useBlockingCommands(): void {
  const t = useMessages(blockingMessages);
  const go = useNavigation((store) => store.go);
  const requestFocus = useBlockingStore((store) => store.requestFocus);
  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'blocking.addSite',
        title: t('palette.addSite'),
        run: () => {
          requestFocus('domains');
          go('settings');
        },
      },
      {
        id: 'blocking.allowSite',
        title: t('palette.allowSite'),
        run: () => {
          requestFocus('allow');
          go('settings');
        },
      },
    ],
    [t, go, requestFocus],
  );
  useCommands(commands);
}
