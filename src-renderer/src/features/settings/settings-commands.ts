import { useMemo } from 'react';
import { Language, Theme } from '../../../../src-main/contract/settings';
import { useCommands, type Command } from '../../app/commands/command-registry';
import { useMessages } from '../../app/i18n/messages';
import { useSettingsStore } from '../../app/settings-store';
import { settingsMessages } from './settings-messages';

/** Palette commands for the Appearance section: choose the theme and the language from anywhere. */
export function useSettingsCommands(): void {
  const t = useMessages(settingsMessages);
  const appearance = useSettingsStore((store) => store.state?.settings.appearance);
  const update = useSettingsStore((store) => store.update);

  const commands = useMemo<Command[]>(() => {
    if (!appearance) return [];
    return [
      ...Theme.options.map((theme) => ({
        id: `app.theme.${theme}`,
        title: t('palette.theme', { theme: t(`theme.${theme}`) }),
        run: () => void update({ appearance: { ...appearance, theme } }),
      })),
      ...Language.options.map((language) => ({
        id: `app.language.${language}`,
        title: t('palette.language', { language: t(`language.${language}`) }),
        run: () => void update({ appearance: { ...appearance, language } }),
      })),
    ];
  }, [t, appearance, update]);

  useCommands(commands);
}
