import { useSettingsStore } from './settings-store';
import { appMessages } from './app-messages';
import { useMessages } from './i18n/messages';

/** Says once, plainly, why the settings on screen are not the ones the user had. */
export function SettingsNotice() {
  const t = useMessages(appMessages);
  const notice = useSettingsStore((store) => store.state?.notice ?? null);
  const dismiss = useSettingsStore((store) => store.dismissNotice);
  if (!notice) return null;
  const text =
    notice.kind === 'recovered-corrupt'
      ? t('notice.corrupt', { path: notice.backupPath })
      : t('notice.newer', { path: notice.backupPath, version: notice.version });
  return (
    <div className="notice" role="alert">
      <p>{text}</p>
      <button type="button" onClick={() => void dismiss()}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
