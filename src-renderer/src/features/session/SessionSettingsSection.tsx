import { useState, type KeyboardEvent } from 'react';
import { CommitmentMode, SESSION_PRESETS } from '../../../../src-main/contract/session';
import { useAppInfo } from '../../app/app-info';
import { useMessages } from '../../app/i18n/messages';
import { useSettingsStore } from '../../app/settings-store';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { acceleratorFromKey, displayAccelerator } from './accelerator';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';
import './session.css';

/** Settings > Sessions: default length and mode, and the global shortcut with a key recorder. */
export function SessionSettingsSection() {
  const t = useMessages(sessionMessages);
  const prefs = useSettingsStore((store) => store.state?.settings.session);
  const update = useSettingsStore((store) => store.update);
  const shortcutStatus = useSessionStore((store) => store.state?.shortcut);
  const isMac = useAppInfo()?.platform === 'darwin';
  const [recording, setRecording] = useState(false);
  const [refusedKey, setRefusedKey] = useState(false);
  if (!prefs) return null;

  const record = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') {
      setRecording(false);
      return;
    }
    if (['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) return;
    const accelerator = acceleratorFromKey(event, isMac);
    setRefusedKey(accelerator === null);
    if (accelerator === null) return;
    setRecording(false);
    void update({ session: { ...prefs, shortcut: accelerator } });
  };

  return (
    <section className="settings-section" aria-labelledby="settings-sessions">
      <h2 id="settings-sessions">{t('settings.title')}</h2>
      <ChoiceGroup
        legend={t('settings.defaultLength')}
        name="default-length"
        options={SESSION_PRESETS}
        value={prefs.defaultMinutes}
        onChange={(minutes) => void update({ session: { ...prefs, defaultMinutes: minutes } })}
        label={(minutes) => t('start.minutes', { minutes })}
      />
      <ChoiceGroup
        legend={t('settings.defaultMode')}
        name="default-mode"
        options={CommitmentMode.options}
        value={prefs.defaultMode}
        onChange={(mode) => void update({ session: { ...prefs, defaultMode: mode } })}
        label={(mode) => t(`mode.${mode}`)}
      />
      <div className="shortcut-setting">
        <p id="settings-shortcut-label">{t('settings.shortcut')}</p>
        <p className="shortcut-current">
          <kbd>{prefs.shortcut ? displayAccelerator(prefs.shortcut, isMac) : t('settings.off')}</kbd>
        </p>
        <div className="session-actions shortcut-actions">
          <button
            type="button"
            aria-describedby="settings-shortcut-label"
            aria-pressed={recording}
            onClick={() => {
              setRefusedKey(false);
              setRecording(!recording);
            }}
            onKeyDown={record}
            onBlur={() => setRecording(false)}
          >
            {recording ? t('settings.recording') : t('settings.record')}
          </button>
          {prefs.shortcut && (
            <button type="button" onClick={() => void update({ session: { ...prefs, shortcut: '' } })}>
              {t('settings.turnOff')}
            </button>
          )}
        </div>
        {refusedKey && <p className="session-error">{t('settings.needsModifier')}</p>}
        {shortcutStatus?.state === 'refused' && (
          <p className="notice-line" role="status">
            {t('shortcut.refused', { accelerator: displayAccelerator(shortcutStatus.accelerator, isMac) })}
          </p>
        )}
        {shortcutStatus?.state === 'unsupported' && <p className="quiet">{t('settings.unsupported')}</p>}
        <p className="quiet measure">{t('settings.commandLine')}</p>
      </div>
    </section>
  );
}
