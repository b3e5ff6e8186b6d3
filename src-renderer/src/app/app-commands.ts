import { useMemo } from 'react';
import { Language, Theme } from '../../../src-main/contract/settings';
import { settingsMessages } from '../features/settings/settings-messages';
import { useSettingsStore } from '../features/settings/settings-store';
import { appMessages } from './app-messages';
import { useCommands, type Command } from './commands/command-registry';
import { useMessages } from './i18n/messages';
import { useNavigation } from './navigation';
import { views } from './views';

/** The app's own commands: go to each view, choose theme and language. */
export function useAppCommands(): void {
  const t = useMessages(appMessages);
  const ts = useMessages(settingsMessages);
  const go = useNavigation((store) => store.go);
  const appearance = useSettingsStore((store) => store.state?.settings.appearance);
  const update = useSettingsStore((store) => store.update);

  const commands = useMemo<Command[]>(() => {
    const list: Command[] = views.map(({ id }, index) => ({
      id: `app.go.${id}`,
      title: t('palette.goTo', { view: t(`nav.${id}`) }),
      shortcut: `Mod+${index + 1}`,
      run: () => go(id),
    }));
    if (appearance) {
      for (const theme of Theme.options) {
        list.push({
          id: `app.theme.${theme}`,
          title: t('palette.theme', { theme: ts(`theme.${theme}`) }),
          run: () => void update({ appearance: { ...appearance, theme } }),
        });
      }
      for (const language of Language.options) {
        list.push({
          id: `app.language.${language}`,
          title: t('palette.language', { language: ts(`language.${language}`) }),
          run: () => void update({ appearance: { ...appearance, language } }),
        });
      }
    }
    return list;
  }, [t, ts, go, appearance, update]);

  useCommands(commands);
}
