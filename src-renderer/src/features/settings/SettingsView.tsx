import { useMessages } from '../../app/i18n/messages';
import { settingsMessages } from './settings-messages';
import { settingsSections } from './settings-sections';
import { ViewTitle } from '../../ui/ViewTitle';

export function SettingsView() {
  const t = useMessages(settingsMessages);
  return (
    <div className="view settings-view">
      <ViewTitle>{t('title')}</ViewTitle>
      {settingsSections.map(({ id, component: Section }) => (
        <Section key={id} />
      ))}
    </div>
  );
}
