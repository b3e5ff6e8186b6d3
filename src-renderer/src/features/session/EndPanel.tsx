import { useId, useState, type FormEvent } from 'react';
import { MAX_REASON_LENGTH, type EndRequirement } from '../../../../src-main/contract/session';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { clockTime } from './clock-time';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';

/** Ending early, as the session's mode requires: a confirm, the typed phrase and a reason, or a plain "locked". */
export function EndPanel({ requirement }: { requirement: EndRequirement }) {
  const t = useMessages(sessionMessages);
  const locale = useLocale();
  const ids = useId();
  const busy = useSessionStore((store) => store.busy);
  const error = useSessionStore((store) => store.error);
  const end = useSessionStore((store) => store.end);
  const cancel = useSessionStore((store) => store.cancelEnd);
  const [phrase, setPhrase] = useState('');
  const [reason, setReason] = useState('');
  const [pasteRefused, setPasteRefused] = useState(false);

  if (requirement.kind === 'locked') {
    return (
      <div className="end-panel" role="group" aria-labelledby={`${ids}-title`}>
        <p id={`${ids}-title`}>{t('running.lockedUntil', { time: clockTime(requirement.until, locale) })}</p>
        <button type="button" autoFocus onClick={cancel}>
          {t('end.cancel')}
        </button>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    void end(requirement.kind === 'phrase' ? { kind: 'phrase', phrase, reason } : { kind: 'confirm' });
  };
  const refusePaste = (event: { preventDefault(): void }) => {
    event.preventDefault();
    setPasteRefused(true);
  };

  return (
    <form className="end-panel" onSubmit={submit} aria-labelledby={`${ids}-title`} onKeyDown={(event) => event.key === 'Escape' && cancel()}>
      <p id={`${ids}-title`} className="end-title">
        {t('end.title')}
      </p>
      {requirement.kind === 'phrase' && (
        <>
          <p className="quiet">{t('end.phraseExplain')}</p>
          <p className="end-phrase" data-testid="end-phrase">
            {requirement.phrase}
          </p>
          <label className="field" htmlFor={`${ids}-phrase`}>
            {t('end.phraseLabel')}
          </label>
          <input
            id={`${ids}-phrase`}
            type="text"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={phrase}
            onChange={(event) => setPhrase(event.target.value)}
            onPaste={refusePaste}
            onDrop={refusePaste}
          />
          {pasteRefused && <p className="quiet">{t('end.pasteRefused')}</p>}
          <label className="field" htmlFor={`${ids}-reason`}>
            {t('end.reasonLabel')}
          </label>
          <input
            id={`${ids}-reason`}
            type="text"
            maxLength={MAX_REASON_LENGTH}
            value={reason}
            onChange={(event) => setReason(event.target.value.replace(/[\r\n]+/g, ' '))}
          />
        </>
      )}
      {error && (
        <p className="session-error" role="alert">
          {describeError(error, locale)}
        </p>
      )}
      <div className="session-actions">
        <button type="submit" disabled={busy} autoFocus={requirement.kind === 'confirm'}>
          {t('end.confirm')}
        </button>
        <button type="button" onClick={cancel}>
          {t('end.cancel')}
        </button>
      </div>
    </form>
  );
}
