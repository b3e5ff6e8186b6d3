import { Suspense, useEffect, useState } from 'react';
import { useNotepadCommands } from '../features/notepad';
import { useBlockingCommands } from '../features/protections/blocking';
import { useReflectionsCommands } from '../features/reflections';
import { ParkLine, useSessionCommands } from '../features/session';
import { useSettingsCommands } from '../features/settings';
import { useAppCommands } from './app-commands';
import { useAppInfoStore } from './app-info';
import { appMessages } from './app-messages';
import { CommandPalette } from './commands/CommandPalette';
import { useCommandRegistry } from './commands/command-registry';
import { matchesShortcut } from './commands/shortcut';
import { describeError } from './i18n/error-messages';
import { useMessages } from './i18n/messages';
import { useLocale } from './i18n/use-locale';
import { Navigation } from './Navigation';
import { useNavigation } from './navigation';
import { useSettingsStore } from './settings-store';
import { SettingsNotice } from './SettingsNotice';
import { useApplyTheme } from './theme';
import { views } from './views';

export function App() {
  const t = useMessages(appMessages);
  const locale = useLocale();
  useApplyTheme();
  useAppCommands();
  useSettingsCommands();
  useBlockingCommands();
  useSessionCommands();
  useNotepadCommands();
  useReflectionsCommands();
  const view = useNavigation((store) => store.view);
  const chromeHidden = useNavigation((store) => store.chromeHidden);
  const settingsLoaded = useSettingsStore((store) => store.state !== null);
  const settingsError = useSettingsStore((store) => store.error);
  const appInfoError = useAppInfoStore((store) => store.error);
  const loadError = settingsError ?? appInfoError;
  const [paletteOpen, setPaletteOpen] = useState(false);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('appName');
  }, [locale, t]);

  // Keyboard first: Mod+K opens the palette; every registered command with a shortcut runs from anywhere.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (matchesShortcut(event, 'Mod+K')) {
        event.preventDefault();
        setPaletteOpen((open) => !open);
        return;
      }
      for (const command of useCommandRegistry.getState().commands.values()) {
        if (command.shortcut && matchesShortcut(event, command.shortcut)) {
          event.preventDefault();
          command.run();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!settingsLoaded) {
    return <div className="app-loading">{loadError ? t('loadFailed', { message: describeError(loadError, locale) }) : t('loading')}</div>;
  }

  const Current = views.find((entry) => entry.id === view)?.component ?? views[0]!.component;
  return (
    <div className={`app ${chromeHidden ? 'chrome-hidden' : ''}`}>
      {!chromeHidden && <Navigation />}
      <main className="app-main">
        <SettingsNotice />
        <Suspense fallback={<div className="view quiet">{t('loading')}</div>}>
          <Current />
        </Suspense>
      </main>
      {paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} />}
      <ParkLine />
    </div>
  );
}
