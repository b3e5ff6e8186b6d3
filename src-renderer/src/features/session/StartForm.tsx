import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  CommitmentMode,
  EnteredIntent,
  MAX_INTENT_LENGTH,
  MAX_SESSION_MINUTES,
  MIN_SESSION_MINUTES,
  SESSION_PRESETS,
  SessionMinutes,
  type WriteIn,
} from '../../../../src-main/contract/session';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { useSettingsStore } from '../../app/settings-store';
import { notepadMessages, openSessionWriting, useNotesStore, type SessionWriting } from '../notepad';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';
import { ShortcutHint } from './ShortcutHint';

export function StartForm() {
  const t = useMessages(sessionMessages);
  const locale = useLocale();
  const draft = useSessionStore((store) => store.draft);
  const busy = useSessionStore((store) => store.busy);
  const error = useSessionStore((store) => store.error);
  const setDraft = useSessionStore((store) => store.setDraft);
  const start = useSessionStore((store) => store.start);
  const ids = useId();
  const writing = useWriteIn();
  const allowOnlyCount = useSettingsStore((store) => store.state?.settings.blocking.allowOnlySites.length ?? 0);
  if (!draft) return null;

  const minutesValid = SessionMinutes.safeParse(draft.minutes).success;
  // Pasted text can bring invisible controls or bidi overrides; main refuses them, so the form says so first.
  const intentValid = EnteredIntent.safeParse(draft.intent).success;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!minutesValid || !intentValid || busy) return;
    const intent = draft.intent;
    void start().then((started) => (started ? openSessionWriting(writing.choice, intent) : undefined));
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
        aria-invalid={!intentValid}
        aria-describedby={intentValid ? undefined : `${ids}-intent-problem`}
        onChange={(event) => setDraft({ intent: event.target.value.replace(/[\r\n]+/g, ' ') })}
      />
      {!intentValid && (
        <p id={`${ids}-intent-problem`} className="session-error" data-testid="intent-problem">
          {t('start.invalidIntent')}
        </p>
      )}

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
              min={MIN_SESSION_MINUTES}
              max={MAX_SESSION_MINUTES}
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

      <label className="choice allow-only-choice">
        <input type="checkbox" checked={draft.allowOnly} aria-describedby={`${ids}-allow-only-reach`} onChange={(event) => setDraft({ allowOnly: event.target.checked })} />
        <span>
          {t('start.allowOnly')}
          <span id={`${ids}-allow-only-reach`} className="quiet mode-hint">
            {t('start.allowOnly.reach', { count: allowOnlyCount })}
          </span>
        </span>
      </label>

      <label className="field write-in" htmlFor={`${ids}-write-in`}>
        {t('start.writeIn')}
      </label>
      <select id={`${ids}-write-in`} className="write-in-select" value={writing.value} onChange={(event) => writing.choose(event.target.value)}>
        <option value="none">{t('start.writeIn.none')}</option>
        <option value="new">{t('start.writeIn.new')}</option>
        {writing.notes.length > 0 && (
          <optgroup label={t('start.writeIn.notes')}>
            {writing.notes.map((note) => (
              <option key={note.name} value={`note:${note.name}`}>
                {note.title}
              </option>
            ))}
          </optgroup>
        )}
      </select>

      <button type="submit" className="start-button" disabled={busy || !minutesValid || !intentValid}>
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

const NOTE_VALUE = 'note:';

/**
 * The "Write in" choice: none, a new note, or a note of the vault (the notes that open as text). The kind is kept
 * in Settings, so the next session starts the same way; a picked note is the first listed until one is chosen.
 */
function useWriteIn(): { value: string; choice: SessionWriting; notes: { name: string; title: string }[]; choose(value: string): void } {
  const untitled = useMessages(notepadMessages)('note.untitled');
  const prefs = useSettingsStore((store) => store.state?.settings.session);
  const update = useSettingsStore((store) => store.update);
  const listed = useNotesStore((store) => store.notes);
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    void useNotesStore.getState().refresh();
  }, []);
  const notes = listed.filter((note) => note.status === 'text');
  const kind: WriteIn = prefs?.writeIn ?? 'none';
  const pickedName = notes.find((note) => note.name === picked)?.name ?? notes[0]?.name ?? null;
  const choice: SessionWriting =
    kind === 'new' ? { kind: 'new', untitled } : kind === 'pick' && pickedName !== null ? { kind: 'note', name: pickedName } : { kind: 'none' };
  const remember = (writeIn: WriteIn) => {
    if (prefs && prefs.writeIn !== writeIn) void update({ session: { ...prefs, writeIn } });
  };
  return {
    value: choice.kind === 'note' ? NOTE_VALUE + choice.name : choice.kind,
    choice,
    notes,
    choose(value) {
      if (value.startsWith(NOTE_VALUE)) {
        setPicked(value.slice(NOTE_VALUE.length));
        remember('pick');
      } else remember(value === 'new' ? 'new' : 'none');
    },
  };
}
