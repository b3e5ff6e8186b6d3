import { useId, type FormEvent } from 'react';
import { CommitmentMode, MAX_INTENT_LENGTH, SESSION_PRESETS, SessionMinutes } from '../../../../src-main/contract/session';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';
import { ShortcutHint } from './ShortcutHint';

export function StartForm() {
  const t = useMessages(sessionMessages);
  const locale = useLocale();
  const draft = useSessionStore((store) => store.draft);
  const busy = useSessionStore((store) => store.busy);
  const error = useSessionStore((store) => store.lastError);
  const setDraft = useSessionStore((store) => store.setDraft);
  const start = useSessionStore((store) => store.start);
  const ids = useId();
  if (!draft) return null;

  const minutesValid = SessionMinutes.safeParse(draft.minutes).success;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (minutesValid && !busy) void start();
  };

  return (
    <form className="start-form" onSubmit={submit} aria-describedby={error ? `${ids}-error` : undefined}>
      <label className="field" htmlFor={`${ids}-intent`}>
        {t('start.intent')}
      </label>
      <input
        id={`${ids}-intent`}
        className="intent-input"
        type="text"
        autoFocus
        maxLength={MAX_INTENT_LENGTH}
        placeholder={t('start.intentPlaceholder')}
        value={draft.intent}
        onChange={(event) => setDraft({ intent: event.target.value.replace(/[\r\n]+/g, ' ') })}
      />

      <fieldset className="choice-row">
        <legend>{t('start.length')}</legend>
        {SESSION_PRESETS.map((minutes) => (
          <label key={minutes} className="choice">
            <input
              type="radio"
              name={`${ids}-length`}
              checked={!draft.custom && draft.minutes === minutes}
              onChange={() => setDraft({ minutes, custom: false })}
            />
            {t('start.minutes', { minutes })}
          </label>
        ))}
        <label className="choice">
          <input type="radio" name={`${ids}-length`} checked={draft.custom} onChange={() => setDraft({ custom: true })} />
          {t('start.custom')}
        </label>
        {draft.custom && (
          <label className="choice">
            <span className="visually-hidden">{t('start.customLabel')}</span>
            <input
              className="minutes-input"
              type="number"
              min={5}
              max={240}
              step={1}
              aria-label={t('start.customLabel')}
              aria-invalid={!minutesValid}
              value={Number.isNaN(draft.minutes) ? '' : draft.minutes}
              onChange={(event) => setDraft({ minutes: event.target.value === '' ? Number.NaN : Number(event.target.value) })}
            />
          </label>
        )}
      </fieldset>
      {!minutesValid && <p className="session-error">{t('start.invalidMinutes')}</p>}

      <fieldset className="choice-row mode-row">
        <legend>{t('start.mode')}</legend>
        {CommitmentMode.options.map((mode) => (
          <label key={mode} className="choice mode-choice">
            <input type="radio" name={`${ids}-mode`} checked={draft.mode === mode} onChange={() => setDraft({ mode })} />
            <span>
              {t(`mode.${mode}`)}
              <span className="quiet mode-hint">{t(`mode.${mode}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <button type="submit" className="start-button" disabled={busy || !minutesValid}>
        {busy ? t('start.starting') : t('start.button', { minutes: minutesValid ? draft.minutes : '…' })}
      </button>
      {error && (
        <p id={`${ids}-error`} className="session-error" role="alert">
          {describeError(error, locale)}
        </p>
      )}
      <ShortcutHint />
    </form>
  );
}
