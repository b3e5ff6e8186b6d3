import { useMemo } from 'react';
import { useCommands, type Command } from '../../app/commands/command-registry';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { openReflection } from './open-reflection';
import { downloadExport, downloadWeeklyReview } from './reflection-files';
import { reflectionsMessages } from './reflections-messages';

/** The reflection log's actions in the palette, from any view; this file stays light (no KaTeX, no view). */
export function useReflectionsCommands(): void {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const commands = useMemo<Command[]>(
    () => [
      { id: 'reflections.write', title: t('palette.reflect'), run: () => void openReflection(null) },
      { id: 'reflections.weekly', title: t('palette.weekly'), run: () => void downloadWeeklyReview(locale) },
      { id: 'reflections.export-json', title: t('palette.exportJson'), run: () => void downloadExport('json', false, locale) },
    ],
    [t, locale],
  );
  useCommands(commands);
}
