import { useEffect, useId, useState, type FormEvent } from 'react';
import { VaultFolder } from '../../../../src-main/contract/notes';
import { useAppInfoStore } from '../../app/app-info';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { useSettingsStore } from '../../app/settings-store';
import { notepadMessages } from './notepad-messages';
import { useNotesStore } from './notes-store';
import './vault-folder.css';

/** What the field says after the last try: a path that is not absolute is caught here; main's refusals are in the store. */
type Feedback = { kind: 'not-absolute' } | { kind: 'switched'; folder: string } | null;

const { loadVault, changeVault, chooseVault } = useNotesStore.getState();

/** Settings → Writing: which folder holds the notes, chosen with the system's picker (where there is one) or typed. */
export function VaultFolderField() {
  const t = useMessages(notepadMessages);
  const locale = useLocale();
  const ids = useId();
  const chosen = useSettingsStore((store) => store.state?.settings.vault.folder);
  const vault = useNotesStore((store) => store.vault);
  const vaultError = useNotesStore((store) => store.vaultError);
  const busy = useNotesStore((store) => store.switchingVault);
  const [draft, setDraft] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);

  // The folder in use follows the saved choice, whoever changed it.
  useEffect(() => {
    void loadVault();
    void useAppInfoStore.getState().load();
  }, [chosen]);

  if (!vault) return null;

  const switched = (ok: boolean) => {
    const folder = useNotesStore.getState().vault?.folder;
    if (!ok || !folder) return;
    setDraft('');
    setFeedback({ kind: 'switched', folder });
  };

  const switchTo = async (folder: string | null) => {
    setFeedback(null);
    switched(await changeVault(folder));
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

  // A path caught here is the newer word; main's refusal shows otherwise.
  const refusal = feedback?.kind === 'not-absolute' ? t('vault.notAbsolute') : vaultError ? describeError(vaultError, locale) : null;

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
          aria-invalid={refusal !== null}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" disabled={busy || draft.trim() === ''}>
          {t('vault.use')}
        </button>
      </form>
      <div className="vault-actions">
        {vault.canChoose && (
          <button type="button" disabled={busy} onClick={async () => switched(await chooseVault())}>
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
      {refusal && (
        <p className="vault-error" role="alert">
          {refusal}
        </p>
      )}
      <p className="quiet" role="status" aria-live="polite">
        {busy ? t('vault.checking') : feedback?.kind === 'switched' ? t('vault.switched', { folder: feedback.folder }) : ''}
      </p>
    </div>
  );
}
