import { useEffect } from 'react';
import type { NotificationsStatus } from '../../../../../src-main/contract/protection';
import { describeError } from '../../../app/i18n/error-messages';
import { useMessages } from '../../../app/i18n/messages';
import { useLocale } from '../../../app/i18n/use-locale';
import { useSettingsStore } from '../../../app/settings-store';
import { ChoiceGroup } from '../../../ui/ChoiceGroup';
import type { ProtectionSectionProps } from '../protection-view';
import { notificationsMessages } from './notifications-messages';
import { notificationMethodName, notificationsStatusText } from './notifications-status-text';
import { useNotificationsStore } from './notifications-store';

type Choice = 'mute' | 'leave';

/**
 * Settings → Notifications: mute during sessions or leave them alone; what the running session really did, or,
 * between sessions, what one would do on this desktop (asked on opening, after the choice changes, and on request).
 */
export function NotificationsSection({ sessionStatus: status }: ProtectionSectionProps<NotificationsStatus>) {
  const t = useMessages(notificationsMessages);
  const locale = useLocale();
  const prefs = useSettingsStore((store) => store.state?.settings.notifications);
  const check = useNotificationsStore((store) => store.check);
  const setMute = useNotificationsStore((store) => store.setMuteDuringSessions);
  useEffect(() => {
    void check();
  }, [check]);
  if (!prefs) return null;
  const settled = status && (status.state === 'active' || status.state === 'unavailable') ? status : null;

  return (
    <section className="settings-section" aria-labelledby="settings-notifications">
      <h2 id="settings-notifications">{t('title')}</h2>
      <p className="measure">{t('intro')}</p>
      <ChoiceGroup<Choice>
        legend={t('legend')}
        name="notifications-mute"
        options={['mute', 'leave']}
        value={prefs.muteDuringSessions ? 'mute' : 'leave'}
        onChange={(choice) => void setMute(choice === 'mute')}
        label={(choice) => t(choice)}
      />
      {settled ? (
        <p className="measure" data-testid="notifications-session-status">
          {t('status', { status: notificationsStatusText.describe(settled, locale) })}
        </p>
      ) : (
        <DesktopReadiness />
      )}
    </section>
  );
}

/** Between sessions: what a session would do here, from main's read-only check; never claimed before it answered. */
function DesktopReadiness() {
  const t = useMessages(notificationsMessages);
  const locale = useLocale();
  const readiness = useNotificationsStore((store) => store.readiness);
  const supported = useNotificationsStore((store) => store.supported);
  const checking = useNotificationsStore((store) => store.checking);
  const error = useNotificationsStore((store) => store.error);
  const check = useNotificationsStore((store) => store.check);
  const sentence = !supported
    ? t('desktop.none')
    : readiness === null
      ? t('desktop.checking')
      : readiness.state === 'ready'
        ? t(readiness.alreadyMuted ? 'desktop.already' : 'desktop.ready', { method: notificationMethodName(readiness.method, locale) })
        : notificationsStatusText.describe({ id: 'notifications', state: 'unavailable', unavailable: readiness.unavailable }, locale);
  return (
    <div className="measure" data-testid="notifications-desktop">
      <h3>{t('desktop.heading')}</h3>
      <p aria-live="polite" className={readiness?.state === 'unavailable' ? 'caution' : undefined}>{sentence}</p>
      {error && <p role="alert">{t('desktop.failed', { message: describeError(error, locale) })}</p>}
      {supported && (
        <button type="button" onClick={() => void check()} disabled={checking}>
          {checking ? t('desktop.checking') : t('desktop.check')}
        </button>
      )}
    </div>
  );
}
