import { useMessages } from '../../app/i18n/messages';
import { useAppInfo } from '../../app/app-info';
import { settingsMessages } from './settings-messages';

export function AboutSection() {
  const t = useMessages(settingsMessages);
  const info = useAppInfo();
  if (!info) return null;
  return (
    <section className="settings-section" aria-labelledby="settings-about">
      <h2 id="settings-about">{t('about.title')}</h2>
      <p>{t('about.version', { version: info.version })}</p>
      <p className="path-line">{t('about.data', { path: info.dataDir })}</p>
      <p className="path-line">{t('about.vault', { path: info.vaultDir })}</p>
      {info.runtime === 'preview' && <p className="quiet">{t('about.preview')}</p>}
    </section>
  );
}
