import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { REFLECTION_TEXT_MAX_CHARS, ReflectionOutcome, type ReflectionAnswers, type ReflectionDepth } from '../../../../src-main/contract/reflections';
import { displayShortcut, matchesShortcut } from '../../app/commands/shortcut';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { MarkdownPreview } from './MarkdownPreview';
import { ParkedThoughts } from './ParkedThoughts';
import { ReflectionFacts } from './ReflectionFacts';
import { reflectionsMessages } from './reflections-messages';
import { useReflectionsStore, type ReflectionDraft } from './reflections-store';
import { parseTags, TagInput } from './TagInput';

const DEPTHS: readonly ReflectionDepth[] = [1, 2, 3, 4, 5];
/** Ctrl+Enter, or Cmd+Enter on macOS: saves from any field, a textarea included. */
const SAVE_SHORTCUT = 'Mod+Enter';

function Answer({ label, value, onChange, autoFocus }: { label: string; value: string; onChange: (text: string) => void; autoFocus?: boolean }) {
  const t = useMessages(reflectionsMessages);
  const ids = useId();
  return (
    <div className="reflection-answer">
      <label className="field" htmlFor={`${ids}-text`}>
        {label}
      </label>
      <textarea
        id={`${ids}-text`}
        rows={3}
        maxLength={REFLECTION_TEXT_MAX_CHARS}
        value={value}
        autoFocus={autoFocus}
        aria-describedby={`${ids}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${ids}-hint`} className="quiet field-hint">
        {t('prompt.markdownHint')}
      </p>
      {value.trim() !== '' && <MarkdownPreview text={value} label={`${label} ${t('prompt.preview')}`} />}
    </div>
  );
}

/**
 * The reflection for one session: its intent on top, the four questions, tags, and what happened (read-only).
 * Keyboard: Tab moves through it in reading order, Mod+Enter (or Enter in an empty tag field) saves, Esc skips,
 * and 1 to 5 choose the depth while its radios have focus. `title` (the view's heading, which has focus when the
 * view opens) sits inside the form so those keys work from it too.
 */
export function ReflectionPrompt({ draft, title }: { draft: ReflectionDraft; title?: ReactNode }) {
  const t = useMessages(reflectionsMessages);
  const locale = useLocale();
  const ids = useId();
  const depthGroup = useRef<HTMLDivElement>(null);
  const busy = useReflectionsStore((store) => store.busy);
  const error = useReflectionsStore((store) => store.error);
  const tags = useReflectionsStore((store) => store.tags);
  const { setAnswers, save, skip, resolveConflict } = useReflectionsStore.getState();
  const [tagText, setTagText] = useState('');
  const { entry, answers } = draft;
  const { facts } = entry;
  const set = (partial: Partial<ReflectionAnswers>) => setAnswers(partial);
  const editing = entry.status === 'reflected';

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    // A tag still being typed is part of what the user meant to save.
    if (tagText.trim()) {
      const parsed = parseTags(tagText, answers.tags);
      if (parsed.invalid !== null) return;
      set({ tags: parsed.tags });
      setTagText('');
    }
    void save();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (matchesShortcut(event.nativeEvent, SAVE_SHORTCUT)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      void skip();
    }
  };

  const onDepthKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const depth = Number(event.key);
    if (!DEPTHS.includes(depth as ReflectionDepth)) return;
    event.preventDefault();
    set({ depth: depth as ReflectionDepth });
    depthGroup.current?.querySelector<HTMLInputElement>(`input[value="${depth}"]`)?.focus();
  };

  return (
    <form className="reflection-prompt-form" aria-labelledby={`${ids}-intent`} onSubmit={submit} onKeyDown={onKeyDown} data-testid="reflection-prompt">
      {title}
      <p className="quiet prompt-kicker">{t('prompt.heading')}</p>
      <h2 id={`${ids}-intent`} className="prompt-intent">
        {facts.intent || t('prompt.noIntent')}
      </h2>
      <ChoiceGroup
        legend={t('prompt.outcome')}
        name={`${ids}-outcome`}
        options={ReflectionOutcome.options}
        value={answers.outcome}
        onChange={(outcome) => set({ outcome })}
        label={(outcome) => t(`outcome.${outcome}`)}
      />
      <div ref={depthGroup} onKeyDown={onDepthKey} className="depth-group">
        <ChoiceGroup
          legend={t('prompt.depth')}
          name={`${ids}-depth`}
          options={DEPTHS}
          value={answers.depth}
          onChange={(depth) => set({ depth })}
          label={(depth) => t('depth.value', { depth })}
        />
        <p className="quiet field-hint">{t('prompt.depthHint')}</p>
      </div>
      <Answer label={t('prompt.moved')} value={answers.moved} onChange={(moved) => set({ moved })} />
      <Answer label={t('prompt.next')} value={answers.next} onChange={(next) => set({ next })} />
      <TagInput tags={answers.tags} onChange={(next) => set({ tags: next })} text={tagText} onTextChange={setTagText} suggestions={tags} />
      {error && (
        <p className="field-error" role="alert">
          {describeError(error, locale)}
        </p>
      )}
      {error?.code === 'reflection-conflict' && (
        <div className="button-row">
          <button type="button" onClick={() => void resolveConflict('mine')}>
            {t('prompt.keepMine')}
          </button>
          <button type="button" onClick={() => void resolveConflict('theirs')}>
            {t('prompt.takeTheirs')}
          </button>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {t('prompt.save')}
        </button>
        <button type="button" onClick={() => void skip()} disabled={busy}>
          {editing || entry.status === 'skipped' ? t('prompt.cancelEdit') : t('prompt.skip')}
        </button>
        <span className="quiet field-hint">{t('prompt.saveHint', { save: displayShortcut(SAVE_SHORTCUT) })}</span>
      </div>
      <ParkedThoughts thoughts={facts.thoughts} />
      <ReflectionFacts facts={facts} day={entry.day} path={entry.path} />
    </form>
  );
}
