import { useEffect } from 'react';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { ViewTitle } from '../../ui/ViewTitle';
import { LogFilters } from './LogFilters';
import { ReflectionLog } from './ReflectionLog';
import { ReflectionPictures } from './ReflectionPictures';
import { ReflectionPrompt } from './ReflectionPrompt';
import { reflectionsMessages } from './reflections-messages';
import { useReflectionsStore } from './reflections-store';
import { TransferPanel } from './TransferPanel';
import { WeeklyReview } from './WeeklyReview';
import './reflections.css';

/** The prompt while one is open; otherwise the pictures, the log, the weekly review, export and import. */
export function ReflectionsView() {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const draft = useReflectionsStore((store) => store.draft);
  const list = useReflectionsStore((store) => store.list);
  const stats = useReflectionsStore((store) => store.stats);
  const notice = useReflectionsStore((store) => store.notice);
  const error = useReflectionsStore((store) => store.error);

  const clearNotice = useReflectionsStore((store) => store.clearNotice);
  // The log is followed from boot (main.tsx); leaving the view only lets go of the last "Saved to …".
  useEffect(() => clearNotice, [clearNotice]);

  const progress = list?.progress ?? stats?.progress ?? null;
  return (
    <div className="view reflections-view">
      {draft ? (
        <ReflectionPrompt key={draft.entry.facts.sessionId} draft={draft} title={<ViewTitle>{t('title')}</ViewTitle>} />
      ) : (
        <>
          <ViewTitle>{t('title')}</ViewTitle>
          {notice && (
            <p className="quiet" role="status">
              {notice.kind === 'saved' ? t('prompt.saved', { path: notice.path }) : t('prompt.skipped')}
            </p>
          )}
          {error && (
            <p className="field-error" role="alert">
              {describeError(error, locale)}
            </p>
          )}
          {progress && (
            <p className="quiet" role="status">
              {t('indexing', progress)}
            </p>
          )}
          {!list || !stats ? (
            <p className="quiet">{t('loading')}</p>
          ) : (
            <>
              {stats.totals.sessions === 0 && list.unreadable.length === 0 && <p className="quiet measure">{t('empty')}</p>}
              <section aria-labelledby="reflections-pictures" className="reflections-part">
                <h2 id="reflections-pictures">{t('nav.pictures')}</h2>
                <ReflectionPictures stats={stats} />
              </section>
              <section aria-labelledby="reflections-log" className="reflections-part">
                <h2 id="reflections-log">{t('nav.log')}</h2>
                <LogFilters />
                <ReflectionLog list={list} />
              </section>
              <section aria-labelledby="reflections-weekly" className="reflections-part">
                <h2 id="reflections-weekly">{t('nav.weekly')}</h2>
                <WeeklyReview />
              </section>
              <section aria-labelledby="reflections-transfer" className="reflections-part">
                <h2 id="reflections-transfer">{t('nav.transfer')}</h2>
                <TransferPanel />
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
