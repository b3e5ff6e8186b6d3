import { useState } from 'react';
import type { ReflectionEntry, ReflectionList } from '../../../../src-main/contract/reflections';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { clockOf, longDay } from './day-format';
import { MarkdownPreview } from './MarkdownPreview';
import { openNoteInNotepad } from './ReflectionFacts';
import { reflectionsMessages } from './reflections-messages';
import { useReflectionsStore } from './reflections-store';

/**
 * Entries drawn at first, and added per "Show more": years of daily reflections (each with its Markdown and math)
 * would take seconds to draw at once, while the newest are what one reads.
 */
export const LOG_PAGE = 50;

/** Entries (newest first, as the core lists them) in runs of the same local day. */
export function groupByDay(entries: readonly ReflectionEntry[]): { day: string; entries: ReflectionEntry[] }[] {
  const groups: { day: string; entries: ReflectionEntry[] }[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    if (last?.day === entry.day) last.entries.push(entry);
    else groups.push({ day: entry.day, entries: [entry] });
  }
  return groups;
}

function LogEntry({ entry }: { entry: ReflectionEntry }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const openEntry = useReflectionsStore((store) => store.openEntry);
  const { facts, answers, status } = entry;
  const waiting = status !== 'reflected';
  const meta = [
    clockOf(facts.startedAt, locale),
    t('log.minutes', { minutes: facts.actualMinutes }),
    answers.outcome ? t(`log.outcome.${answers.outcome}`) : null,
    answers.depth ? t('log.depthShown', { depth: answers.depth }) : null,
  ].filter((part): part is string => part !== null);
  return (
    <article className="log-entry" data-session={facts.sessionId} data-status={status} aria-label={facts.intent || t('prompt.noIntent')}>
      <header>
        <h4>{facts.intent || t('prompt.noIntent')}</h4>
        <p className="quiet log-meta">{meta.join(' · ')}</p>
      </header>
      {waiting && <p className="log-waiting">{status === 'pending' ? t('log.pending') : t('log.skipped')}</p>}
      {answers.moved.trim() !== '' && (
        <div className="log-answer">
          <p className="quiet log-question">{t('prompt.moved')}</p>
          <MarkdownPreview text={answers.moved} />
        </div>
      )}
      {answers.next.trim() !== '' && (
        <div className="log-answer">
          <p className="quiet log-question">{t('prompt.next')}</p>
          <MarkdownPreview text={answers.next} />
        </div>
      )}
      {answers.tags.length > 0 && (
        <ul className="log-tags" aria-label={t('prompt.tags')}>
          {answers.tags.map((tag) => (
            <li key={tag} className="tag-chip">
              {tag}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className={waiting ? 'primary' : undefined} onClick={() => void openEntry(facts.sessionId)}>
          {waiting ? t('log.write') : t('log.edit')}
        </button>
        {facts.notes.map((note) => (
          <button key={note.name} type="button" className="link-button" aria-label={t('facts.openNote', { title: note.title })} onClick={() => openNoteInNotepad(note.name)}>
            {note.title}
          </button>
        ))}
      </div>
    </article>
  );
}

/** The log itself: day headings in the reader's language, the entries under them, then files that could not be read. */
export function ReflectionLog({ list }: { list: ReflectionList }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const [shown, setShown] = useState({ list, count: LOG_PAGE });
  // A new answer from the core (a filter, a save) starts again from the newest page.
  const count = shown.list === list ? shown.count : LOG_PAGE;
  const groups = groupByDay(list.entries.slice(0, count));
  const left = list.entries.length - count;
  return (
    <div className="reflection-log" data-testid="reflection-log">
      <p className="quiet" role="status">
        {t('log.count', { count: list.entries.length })}
      </p>
      {groups.length === 0 && <p className="quiet">{t('log.noMatch')}</p>}
      {groups.map((group) => (
        <section key={group.day} className="log-day" aria-labelledby={`log-day-${group.day}`}>
          <h3 id={`log-day-${group.day}`}>{longDay(group.day, locale)}</h3>
          {group.entries.map((entry) => (
            <LogEntry key={entry.facts.sessionId} entry={entry} />
          ))}
        </section>
      ))}
      {left > 0 && (
        <div className="button-row">
          <span className="quiet">{t('log.shown', { shown: count, count: list.entries.length })}</span>
          <button type="button" onClick={() => setShown({ list, count: count + LOG_PAGE })}>
            {t('log.more', { count: Math.min(LOG_PAGE, left) })}
          </button>
        </div>
      )}
      {list.unreadable.length > 0 && (
        <section className="log-unreadable" aria-labelledby="log-unreadable-title">
          <h3 id="log-unreadable-title">{t('log.unreadable')}</h3>
          <p className="quiet measure">{t('log.unreadableHint')}</p>
          <ul>
            {list.unreadable.map((file) => (
              <li key={file.path}>
                <code>{file.path}</code>: {t(`unreadable.${file.reason}`)}
                {file.detail && <span className="quiet"> ({file.detail})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
