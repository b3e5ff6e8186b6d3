import { defineMessages, useMessages } from '../../app/i18n/messages';
import { ViewTitle } from '../../ui/ViewTitle';

const messages = defineMessages({
  en: { title: 'Focus' },
  'zh-CN': { title: '专注' },
});

// Owned by the focus-session feature, which replaces this with the session view.
export function FocusView() {
  const t = useMessages(messages);
  return (
    <div className="view focus-view">
      <ViewTitle>{t('title')}</ViewTitle>
    </div>
  );
}
