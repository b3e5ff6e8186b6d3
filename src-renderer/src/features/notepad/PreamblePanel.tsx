import { useState } from 'react';
import { PREAMBLE_FILE } from '../../../../src-main/contract/notes-math';
import { useMessages } from '../../app/i18n/messages';
import { mathMessages } from './math-messages';
import { useMathStore } from './math-store';

/** The vault's preamble, edited in place: saving re-renders every open formula that uses a changed macro. */
export function PreamblePanel() {
  const t = useMessages(mathMessages);
  const saved = useMathStore((store) => store.preamble);
  const [draft, setDraft] = useState(saved);
  const close = () => useMathStore.getState().setEditingPreamble(false);
  return (
    <section className="preamble-panel" aria-labelledby="preamble-title">
      <h2 id="preamble-title">{t('preamble.title')}</h2>
      <p className="quiet">{t('preamble.hint', { file: PREAMBLE_FILE })}</p>
      <textarea
        aria-label={t('preamble.label')}
        spellCheck={false}
        rows={8}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <div className="preamble-actions">
        <button type="button" onClick={() => void useMathStore.getState().savePreamble(draft)} disabled={draft === saved}>
          {t('preamble.save')}
        </button>
        <button type="button" onClick={close}>
          {t('preamble.close')}
        </button>
      </div>
    </section>
  );
}
