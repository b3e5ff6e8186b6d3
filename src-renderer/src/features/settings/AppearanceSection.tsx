import { Language, Theme } from '../../../../src-main/contract/settings';
import { useMessages } from '../../app/i18n/messages';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { settingsMessages } from './settings-messages';
import { useSettingsStore } from '../../app/settings-store';

export function AppearanceSection() {
  const t = useMessages(settingsMessages);
  const appearance = useSettingsStore((store) => store.state?.settings.appearance);
  const update = useSettingsStore((store) => store.update);
  if (!appearance) return null;
  return (
    <section className="settings-section" aria-labelledby="settings-appearance">
      <h2 id="settings-appearance">{t('appearance.title')}</h2>
      <ChoiceGroup
        legend={t('appearance.theme')}
        name="theme"
        options={Theme.options}
        value={appearance.theme}
        onChange={(theme) => void update({ appearance: { ...appearance, theme } })}
        label={(theme) => t(`theme.${theme}`)}
      />
      <ChoiceGroup
        legend={t('appearance.language')}
        name="language"
        options={Language.options}
        value={appearance.language}
        onChange={(language) => void update({ appearance: { ...appearance, language } })}
        label={(language) => t(`language.${language}`)}
        optionProps={(language) => (language === 'zh-CN' ? { lang: 'zh-CN' } : {})}
      />
    </section>
  );
}
