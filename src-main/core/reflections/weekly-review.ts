import type { Locale } from '../../contract/locale';
import { translate, translator } from '../../contract/messages';
import type { LocalDate, WeeklyReview } from '../../contract/reflections';
import { suggestedFileName } from '../download-name';
import { durationText, exportMessages } from './export-messages';
import type { IndexedEntry } from './reflection-index';
import { reflectionSection } from './reflection-markdown';
import { dayOf, entryOf } from './reflection-query';
import type { Calendar } from './reflection-stats';
import { addDays } from './zoned-calendar';

/**
 * The last seven days up to today (by each session's local start), as numbers and as one Markdown text, with the
 * file name to offer it under (`unicodeFileNames`: whether the system can store any name, see download-name.ts).
 * `skippedDates`: the local date of each scheduled window skipped ("skip today"), counted when in the week.
 */
export function weeklyReview(
  entries: readonly IndexedEntry[],
  calendar: Calendar,
  language: Locale,
  unicodeFileNames: boolean,
  skippedDates: readonly LocalDate[] = [],
): WeeklyReview {
  const to = calendar.today;
  const from = addDays(to, -6);
  const week = entries
    .filter((entry) => {
      const day = dayOf(entry, calendar.timeZone);
      return day >= from && day <= to;
    })
    .sort((a, b) => a.record.facts.startedAt - b.record.facts.startedAt);
  const outcomes = { yes: 0, partly: 0, no: 0, unanswered: 0 };
  let minutes = 0;
  let thoughts = 0;
  for (const { record } of week) {
    outcomes[record.answers.outcome ?? 'unanswered']++;
    minutes += record.facts.actualMinutes;
    thoughts += record.facts.thoughts.length;
  }
  const skippedWindows = skippedDates.filter((date) => date >= from && date <= to).length;
  const t = translator(exportMessages, language);
  const summary = [
    week.length === 0 ? t('noSessions') : t('summary', { sessions: week.length, duration: durationText(language, minutes), ...outcomes }),
    ...(thoughts > 0 ? [t('thoughtsParked', { count: thoughts })] : []),
    ...(skippedWindows > 0 ? [t('windowsSkipped', { count: skippedWindows })] : []),
  ].join(' ');
  const sections = week.map((entry) => reflectionSection(entry.record, dayOf(entry, calendar.timeZone), language).trimEnd());
  const markdown = `${[`# ${t('weeklyTitle', { from, to })}`, summary, ...sections].join('\n\n')}\n`;
  return {
    from,
    to,
    minutes,
    sessions: week.length,
    outcomes,
    thoughts,
    skippedWindows,
    entries: week.map((entry) => entryOf(entry, calendar.timeZone)),
    markdown,
    fileName: suggestedFileName(t('fileWeekly', { from, to }), translate(exportMessages, 'en', 'fileWeekly', { from, to }), unicodeFileNames),
  };
}
