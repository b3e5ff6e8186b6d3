import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { mathMessages } from './math-messages';
import { useMathStore } from './math-store';

/** What the last export, copy, preamble or snippets save did, said once and quietly. */
export function MathNoticeLine() {
  const t = useMessages(mathMessages);
  const locale = useLocale();
  const notice = useMathStore((store) => store.notice);
  if (!notice) return null;
  let text: string;
  if (notice.kind === 'exported') text = t('export.done', { file: notice.fileName });
  else if (notice.kind === 'print-from-browser') text = t('export.printFromBrowser', { file: notice.fileName });
  else if (notice.kind === 'copied') text = t(notice.what === 'note' ? 'copy.noteDone' : 'copy.done');
  else if (notice.kind === 'preamble-saved') text = t('preamble.saved');
  else if (notice.kind === 'snippets-saved') text = t('snippets.saved');
  else {
    const reason = typeof notice.error === 'string' ? notice.error : describeError(notice.error, locale);
    text = t(`${notice.action}.failed`, { reason });
  }
  return (
    <p className={notice.kind === 'failed' ? 'notepad-math-notice failed' : 'notepad-math-notice quiet'} role="status">
      {text}{' '}
      <button type="button" className="link-button" onClick={() => useMathStore.getState().say(null)} aria-label="×">
        ×
      </button>
    </p>
  );
}
