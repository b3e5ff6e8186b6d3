import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../src-main/contract';
import { VaultFolder, type VaultState } from '../../../../src-main/contract/notes';
import { api } from '../../app/api';
import { useAppInfoStore } from '../../app/app-info';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { useSettingsStore } from '../../app/settings-store';
import { notepadMessages } from './notepad-messages';
import { useNotesStore } from './notes-store';
import './vault-folder.css';

type Feedback = { kind: 'error'; error: AppError } | { kind: 'not-absolute' } | { kind: 'switched'; folder: string } | null;

/** Settings → Writing: which folder holds the notes, chosen with the system's picker (where there is one) or typed. */
export function VaultFolderField() {
  const t = useMessages(notepadMessages);
  const locale = useLocale();
  const ids = useId();
  const chosen = useSettingsStore((store) => store.state?.settings.vault.folder);
  const [vault, setVault] = useState<VaultState | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  // The folder in use follows the saved choice, whoever changed it.
  useEffect(() => {
    let current = true;
    void api()
      .notes.vault()
      .then((result) => {
        if (current && result.ok) setVault(result.value);
      });
    void useAppInfoStore.getState().load();
    return () => {
      current = false;
    };
  }, [chosen]);

  if (!vault) return null;

  const switchTo = async (folder: string | null) => {
    setBusy(true);
    setFeedback(null);
    const result = await useNotesStore.getState().changeVault(folder);
    setBusy(false);
    if (!result.ok) {
      setFeedback({ kind: 'error', error: result.error });
      return;
    }
    setVault(result.value);
    setDraft('');
    setFeedback({ kind: 'switched', folder: result.value.folder });
    void useAppInfoStore.getState().load();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const folder = draft.trim();
    if (!VaultFolder.safeParse(folder).success) {
      setFeedback({ kind: 'not-absolute' });
      return;
    }
    void switchTo(folder);
  };

  const choose = async () => {
    const picked = await api().notes.chooseVaultFolder();
    if (picked.ok && picked.value.folder) await switchTo(picked.value.folder);
  };

  return (
    <div className="vault-folder" role="group" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('vault.title')}</h3>
      <p>
        {t('settings.vault')}{' '}
        <span className="path-line" data-testid="vault-folder">
          {vault.folder}
        </span>{' '}
        {vault.isDefault && <span className="quiet">{t('vault.isDefault')}</span>}
      </p>
      <form className="vault-form" onSubmit={submit}>
        <label htmlFor={`${ids}-path`}>{t('vault.path')}</label>
        <input
          id={`${ids}-path`}
          type="text"
          value={draft}
          placeholder={vault.defaultFolder}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${ids}-stay`}
          aria-invalid={feedback?.kind === 'error' || feedback?.kind === 'not-absolute'}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" disabled={busy || draft.trim() === ''}>
          {t('vault.use')}
        </button>
      </form>
      <div className="vault-actions">
        {vault.canChoose && (
          <button type="button" disabled={busy} onClick={() => void choose()}>
            {t('vault.choose')}
          </button>
        )}
        {!vault.isDefault && (
          <button type="button" disabled={busy} onClick={() => void switchTo(null)}>
            {t('vault.reset')}
          </button>
        )}
      </div>
      <p id={`${ids}-stay`} className="quiet">
        {t('vault.stay')}
      </p>
      {feedback?.kind === 'error' && (
        <p className="vault-error" role="alert">
          {describeError(feedback.error, locale)}
        </p>
      )}
      {feedback?.kind === 'not-absolute' && (
        <p className="vault-error" role="alert">
          {t('vault.notAbsolute')}
        </p>
      )}
      <p className="quiet" role="status" aria-live="polite">
        {busy ? t('vault.checking') : feedback?.kind === 'switched' ? t('vault.switched', { folder: feedback.folder }) : ''}
      </p>
    </div>
  );
}
