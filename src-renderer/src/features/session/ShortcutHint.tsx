import { useMessages } from '../../app/i18n/messages';
import { sessionMessages } from './session-messages';
import { useSessionStore } from './session-store';

/** Where the global shortcut stands: a quiet hint when it works, a plain warning when the OS refused it. */
export function ShortcutHint() {
  const t = useMessages(sessionMessages);
  const shortcut = useSessionStore((store) => store.state?.shortcut);
  if (shortcut?.state === 'registered') return <p className="quiet shortcut-hint">{t('shortcut.registered', { accelerator: shortcut.accelerator })}</p>;
  if (shortcut?.state === 'refused')
    return (
      <p className="notice-line" role="status">
        {t('shortcut.refused', { accelerator: shortcut.accelerator })}
      </p>
    );
  return null;
}
