import { useEffect } from 'react';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { hours, mediumDay } from './day-format';
import { MarkdownPreview } from './MarkdownPreview';
import { downloadWeeklyReview } from './reflection-files';
import { reflectionsMessages } from './reflections-messages';
import { useReflectionsStore } from './reflections-store';

/** The last 7 days at a glance: hours, outcomes, and each session's "what moved" and "what's next". */
export function WeeklyReview() {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const review = useReflectionsStore((store) => store.weekly);
  const stats = useReflectionsStore((store) => store.stats);
  const loadWeekly = useReflectionsStore((store) => store.loadWeekly);
  // Read again whenever the log changed (a save, an import: the stats are read again then, a filter does not
  // touch them) or the language did (the Markdown is written in it).
  useEffect(() => void loadWeekly(locale), [loadWeekly, locale, stats]);
  if (!review) return null;
  return (
    <div className="weekly-review" data-testid="weekly-review">
      <p>{t('weekly.range', { from: mediumDay(review.from, locale), to: mediumDay(review.to, locale) })}</p>
      {review.sessions === 0 ? (
        <p className="quiet">{t('weekly.none')}</p>
      ) : (
        <>
          <p>{t('weekly.hours', { hours: hours(review.minutes, locale), sessions: review.sessions })}</p>
          <p>{t('weekly.outcomes', review.outcomes)}</p>
          {review.thoughts > 0 && <p data-testid="weekly-thoughts">{t('weekly.thoughts', { count: review.thoughts })}</p>}
          <ul className="weekly-entries">
            {review.entries
              .filter((entry) => entry.answers.moved.trim() || entry.answers.next.trim())
              .map((entry) => (
                <li key={entry.facts.sessionId}>
                  <p className="weekly-intent">
                    {mediumDay(entry.day, locale)} · {entry.facts.intent || t('prompt.noIntent')}
                  </p>
                  {entry.answers.moved.trim() && (
                    <>
                      <p className="quiet log-question">{t('prompt.moved')}</p>
                      <MarkdownPreview text={entry.answers.moved} />
                    </>
                  )}
                  {entry.answers.next.trim() && (
                    <>
                      <p className="quiet log-question">{t('prompt.next')}</p>
                      <MarkdownPreview text={entry.answers.next} />
                    </>
                  )}
                </li>
              ))}
          </ul>
        </>
      )}
      {/* Quietly, as a count: skipping a flexible window is allowed, not a failure. */}
      {review.skippedWindows > 0 && (
        <p className="quiet" data-testid="weekly-skipped">
          {t('weekly.skipped', { count: review.skippedWindows })}
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void downloadWeeklyReview(locale)}>
          {t('weekly.export')}
        </button>
      </div>
    </div>
  );
}
