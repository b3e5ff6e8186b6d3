import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { REFLECTION_MAX_TAGS, ReflectionTag } from '../../../../src-main/contract/reflections';
import { useMessages } from '../../app/i18n/messages';
import { reflectionsMessages } from './reflections-messages';

const SUGGESTIONS_SHOWN = 6;

/** A tag used before and how often (the contract's tag suggestions). */
export interface TagCount {
  tag: string;
  count: number;
}

/** Splits typed text into tags; what is not a valid tag comes back as `invalid`, with nothing else changed. */
export function parseTags(text: string, existing: readonly string[]): { tags: string[]; invalid: string | null } {
  const tags = [...existing];
  for (const word of text.split(/[\s,，]+/)) {
    const tag = word.replace(/^#/, '');
    if (!tag) continue;
    if (!ReflectionTag.safeParse(tag).success) return { tags: [...existing], invalid: tag };
    if (!tags.includes(tag)) tags.push(tag);
  }
  return { tags, invalid: null };
}

/** Earlier tags that start with what is typed (case-insensitive), not already chosen, most used first. */
export function suggestTags(all: readonly TagCount[], typed: string, chosen: readonly string[]): TagCount[] {
  const prefix = typed.replace(/^#/, '').toLowerCase();
  return all.filter((entry) => !chosen.includes(entry.tag) && entry.tag.toLowerCase().startsWith(prefix)).slice(0, SUGGESTIONS_SHOWN);
}

interface TagInputProps {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  /** The word being typed, held by the form so a save takes it too. */
  text: string;
  onTextChange: (text: string) => void;
  suggestions: readonly TagCount[];
}

/**
 * Tags as removable chips and one text field. Space, comma or Enter adds what was typed; Backspace on an empty
 * field removes the last tag; ArrowDown moves into the earlier tags that match, Enter there takes one.
 */
export function TagInput({ tags, onChange, text, onTextChange, suggestions }: TagInputProps) {
  const t = useMessages(reflectionsMessages);
  const ids = useId();
  const list = useRef<HTMLUListElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const matches = suggestTags(suggestions, text, tags);

  const commit = (typed: string): boolean => {
    const parsed = parseTags(typed, tags);
    if (parsed.invalid !== null) {
      setProblem(t('prompt.tagInvalid', { tag: parsed.invalid }));
      return false;
    }
    if (parsed.tags.length > REFLECTION_MAX_TAGS) {
      setProblem(t('prompt.tagLimit', { max: REFLECTION_MAX_TAGS }));
      return false;
    }
    setProblem(null);
    onChange(parsed.tags);
    onTextChange('');
    return true;
  };

  const onFieldKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey && text.trim() !== '') || event.key === ',') {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    } else if (event.key === 'ArrowDown' && matches.length > 0) {
      event.preventDefault();
      list.current?.querySelector('button')?.focus();
    }
  };

  const onSuggestionKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(event.currentTarget);
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') {
      event.preventDefault();
      buttons[Math.min(at + 1, buttons.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') {
      event.preventDefault();
      if (at === 0) field.current?.focus();
      else buttons[at - 1]?.focus();
    }
  };

  const take = (tag: string) => {
    if (commit(tag)) field.current?.focus();
  };

  return (
    <div className="tag-input">
      <label className="field" htmlFor={`${ids}-field`}>
        {t('prompt.tags')}
      </label>
      <div className="tag-row">
        {tags.map((tag) => (
          <span key={tag} className="tag-chip">
            {tag}
            <button type="button" aria-label={t('prompt.tagRemove', { tag })} onClick={() => onChange(tags.filter((other) => other !== tag))}>
              ×
            </button>
          </span>
        ))}
        <input
          ref={field}
          id={`${ids}-field`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-describedby={`${ids}-hint`}
          onChange={(event) => {
            const value = event.target.value;
            // A space or comma typed at the end takes the word before it.
            if (/[\s,，]$/.test(value) && value.trim() !== '') commit(value);
            else onTextChange(value);
          }}
          onKeyDown={onFieldKey}
        />
      </div>
      <p id={`${ids}-hint`} className="quiet field-hint">
        {t('prompt.tagsHint')}
      </p>
      {matches.length > 0 && (
        <ul ref={list} className="tag-suggestions" aria-label={t('prompt.tagSuggestions')}>
          {matches.map((entry) => (
            <li key={entry.tag}>
              <button type="button" aria-label={t('prompt.tagUsed', { tag: entry.tag, count: entry.count })} onKeyDown={onSuggestionKey} onClick={() => take(entry.tag)}>
                {entry.tag}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
