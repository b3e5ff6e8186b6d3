import { useMemo, useState } from 'react';
import { SNIPPETS_FILE } from '../../../../src-main/contract/notes-math';
import { useMessages } from '../../app/i18n/messages';
import { DEFAULT_SNIPPET_FILE, parseSnippetFile } from './editor/snippet-rules';
import { mathMessages } from './math-messages';
import { useMathStore } from './math-store';

/**
 * The vault's math snippets, edited in place: one a line, each bad line named by its number while the others keep
 * working. Until the file exists the defaults show here, and saving writes them to the vault as the writer's own.
 */
export function SnippetsPanel() {
  const t = useMessages(mathMessages);
  const saved = useMathStore((store) => store.snippets);
  const shown = saved ?? DEFAULT_SNIPPET_FILE;
  const [draft, setDraft] = useState(shown);
  const errors = useMemo(() => parseSnippetFile(draft).errors, [draft]);
  const close = () => useMathStore.getState().setEditingSnippets(false);
  return (
    <section className="preamble-panel snippets-panel" aria-labelledby="snippets-title">
      <h2 id="snippets-title">{t('snippets.title')}</h2>
      <p className="quiet">{t(saved === null ? 'snippets.hintDefaults' : 'snippets.hint', { file: SNIPPETS_FILE })}</p>
      <textarea aria-label={t('snippets.label')} spellCheck={false} rows={12} value={draft} onChange={(event) => setDraft(event.target.value)} />
      {errors.length > 0 ? (
        <ul className="snippet-errors" aria-label={t('snippets.errors')}>
          {errors.map((error) => (
            <li key={error.line}>{t(`snippets.error.${error.code}`, { line: error.line, detail: error.detail ?? '' })}</li>
          ))}
        </ul>
      ) : (
        <p className="quiet">{t('snippets.valid')}</p>
      )}
      <div className="preamble-actions">
        <button type="button" onClick={() => void useMathStore.getState().saveSnippets(draft)} disabled={saved !== null && draft === saved}>
          {t('snippets.save')}
        </button>
        <button type="button" onClick={close}>
          {t('snippets.close')}
        </button>
      </div>
    </section>
  );
}
