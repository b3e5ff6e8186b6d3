import { useMemo } from 'react';
import { appMessages } from './app-messages';
import { useCommands, type Command } from './commands/command-registry';
import { useMessages } from './i18n/messages';
import { useNavigation } from './navigation';
import { views } from './views';

/** The app's own commands: go to each view (`Mod+1`..`Mod+4`). */
export function useAppCommands(): void {
  const t = useMessages(appMessages);
  const go = useNavigation((store) => store.go);

  const commands = useMemo<Command[]>(
    () =>
      views.map(({ id }, index) => ({
        id: `app.go.${id}`,
        title: t('palette.goTo', { view: t(`nav.${id}`) }),
        shortcut: `Mod+${index + 1}`,
        run: () => go(id),
      })),
    [t, go],
  );

  useCommands(commands);
}
