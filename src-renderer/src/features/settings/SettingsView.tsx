import { useMessages } from '../../app/i18n/messages';
import type { SettingsSection } from '../../app/settings-section';
import { ViewTitle } from '../../ui/ViewTitle';
import { settingsMessages } from './settings-messages';

/** Renders the sections the composition root lists, in its order; each feature owns its own section. */
export function SettingsView({ sections }: { sections: readonly SettingsSection[] }) {
  const t = useMessages(settingsMessages);
  return (
    <div className="view settings-view">
      <ViewTitle>{t('title')}</ViewTitle>
      {sections.map(({ id, component: Section }) => (
        <Section key={id} />
      ))}
    </div>
  );
}
