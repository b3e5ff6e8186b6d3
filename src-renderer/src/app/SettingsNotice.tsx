import { useSettingsStore } from './settings-store';
import { appMessages } from './app-messages';
import { useMessages } from './i18n/messages';

/**
 * Says once, plainly, why the settings on screen are not the ones the user had, or, before the first session, that
 * browser policies make Chrome and Edge say they are managed (dismissed, main remembers it in the settings file).
 */
export function SettingsNotice() {
  const t = useMessages(appMessages);
  const notice = useSettingsStore((store) => store.state?.notice ?? null);
  const dismiss = useSettingsStore((store) => store.dismissNotice);
  if (!notice) return null;
  const text =
    notice.kind === 'recovered-corrupt'
      ? t('notice.corrupt', { path: notice.backupPath })
      : notice.kind === 'recovered-newer'
        ? t('notice.newer', { path: notice.backupPath, version: notice.version })
        : t('notice.browserPolicies');
  // A recovery is an alert; the browser-policies notice is information, read when the user gets to it.
  return (
    <div className="notice" role={notice.kind === 'browser-policies' ? 'status' : 'alert'} data-testid={`notice-${notice.kind}`}>
      <p>{text}</p>
      <button type="button" onClick={() => void dismiss()}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
