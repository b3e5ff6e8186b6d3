import { Language, Theme } from '../../../../src-main/contract/settings';
import { useMessages } from '../../app/i18n/messages';
import { settingsMessages } from './settings-messages';
import { useSettingsStore } from './settings-store';

export function AppearanceSection() {
  const t = useMessages(settingsMessages);
  const appearance = useSettingsStore((store) => store.state?.settings.appearance);
  const update = useSettingsStore((store) => store.update);
  if (!appearance) return null;
  return (
    <section className="settings-section" aria-labelledby="settings-appearance">
      <h2 id="settings-appearance">{t('appearance.title')}</h2>
      <fieldset className="choice-row">
        <legend>{t('appearance.theme')}</legend>
        {Theme.options.map((theme) => (
          <label key={theme} className="choice">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={appearance.theme === theme}
              onChange={() => void update({ appearance: { ...appearance, theme } })}
            />
            {t(`theme.${theme}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-row">
        <legend>{t('appearance.language')}</legend>
        {Language.options.map((language) => (
          <label key={language} className="choice" lang={language === 'zh-CN' ? 'zh-CN' : undefined}>
            <input
              type="radio"
              name="language"
              value={language}
              checked={appearance.language === language}
              onChange={() => void update({ appearance: { ...appearance, language } })}
            />
            {t(`language.${language}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
