import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { ChoiceGroup } from '../../../ui/ChoiceGroup';
import { useSessionStore } from '../../session/session-store';
import { useSettingsStore } from '../../settings/settings-store';
import { notificationsMessages } from './notifications-messages';
import { notificationsStatusText } from './notifications-status-text';

type Choice = 'mute' | 'leave';

/** Settings → Notifications: mute during sessions or leave them alone, and what the running session really did. */
export function NotificationsSection() {
  const t = useMessages(notificationsMessages);
  const locale = useLocale();
  const prefs = useSettingsStore((store) => store.state?.settings.notifications);
  const update = useSettingsStore((store) => store.update);
  const status = useSessionStore((store) => (store.state && 'protections' in store.state ? store.state.protections.find((protection) => protection.id === 'notifications') : undefined));
  if (!prefs) return null;
  const settled = status && status.id === 'notifications' && (status.state === 'active' || status.state === 'unavailable') ? status : null;

  return (
    <section className="settings-section" aria-labelledby="settings-notifications">
      <h2 id="settings-notifications">{t('title')}</h2>
      <p className="measure">{t('intro')}</p>
      <ChoiceGroup<Choice>
        legend={t('legend')}
        name="notifications-mute"
        options={['mute', 'leave']}
        value={prefs.muteDuringSessions ? 'mute' : 'leave'}
        onChange={(choice) => void update({ notifications: { muteDuringSessions: choice === 'mute' } })}
        label={(choice) => t(choice)}
      />
      {settled && (
        <p className="measure" data-testid="notifications-session-status">
          {t('status', { status: notificationsStatusText.describe(settled, locale) })}
        </p>
      )}
    </section>
  );
}
