import type { Locale } from '../../contract/locale';
import { translator } from '../../contract/messages';
import { durationText, exportMessages } from './export-messages';
import type { ReflectionRecord } from './reflection-file';

/**
 * One reflection as a section of a Markdown document (the weekly review, the Markdown export): the day and
 * intent as its heading, the facts on one line, then the answers as written.
 */
export function reflectionSection(record: ReflectionRecord, day: string, language: Locale): string {
  const { facts, answers } = record;
  const t = translator(exportMessages, language);
  const line = [
    t('ofPlanned', { actual: durationText(language, facts.actualMinutes), planned: durationText(language, facts.plannedMinutes) }),
    ...(facts.scheduled ? [t('scheduled')] : []),
    facts.ending === 'completed' ? t('completed') : t('endedEarly'),
    ...(facts.earlyEndReason ? [t('reason', { reason: facts.earlyEndReason })] : []),
    ...(record.status === 'pending' ? [t('pending')] : record.status === 'skipped' ? [t('skipped')] : []),
    ...(answers.outcome ? [t(`outcome.${answers.outcome}`)] : []),
    ...(answers.depth !== null ? [t('depth', { depth: answers.depth })] : []),
  ].join(' · ');
  const parts = [`## ${day} · ${facts.intent.trim() || t('untitled')}`, line];
  if (answers.tags.length > 0) parts.push(`${t('tags')}: ${answers.tags.map((tag) => `#${tag}`).join(' ')}`);
  if (answers.moved) parts.push(`### ${t('moved')}\n\n${answers.moved}`);
  if (answers.next) parts.push(`### ${t('next')}\n\n${answers.next}`);
  if (facts.notes.length > 0) {
    const notes = facts.notes.map((note) => {
      const link = `[[Notes/${note.name}|${note.title}]]`;
      const count = (note.formulasAdded ?? 0) + (note.formulasChanged ?? 0);
      // The wording of the log: "12 equations in 'Lemma 3'"; a note whose formulas did not change is just its link.
      return count === 0 ? link : t('equationsIn', { count, note: link });
    });
    parts.push(`${t('notes')}: ${notes.join(', ')}`);
  }
  if (facts.thoughts.length > 0) {
    // A thought made a note links to it; one kept stays plain text.
    const thoughts = facts.thoughts.map((thought) => `- ${thought.note ? `[[Notes/${thought.note}|${thought.text}]]` : thought.text}`);
    parts.push(`${t('thoughts')}:

${thoughts.join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}
