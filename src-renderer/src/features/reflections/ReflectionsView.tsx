import { defineMessages, useMessages } from '../../app/i18n/messages';
import { ViewTitle } from '../../ui/ViewTitle';

const messages = defineMessages({
  en: {
    title: 'Reflections',
    empty: 'After each session you write a few lines here: what you worked on, how deep it went. They are kept as plain Markdown files in your vault.',
  },
  'zh-CN': {
    title: '回顾',
    empty: '每次专注结束后，你可以在这里写下几行：做了什么，专注得有多深。它们以纯 Markdown 文件保存在你的笔记库中。',
  },
});

/** The reflection log arrives with its own issue; until then the view says what it will hold. */
export function ReflectionsView() {
  const t = useMessages(messages);
  return (
    <div className="view reflections-view">
      <ViewTitle>{t('title')}</ViewTitle>
      <p className="quiet measure">{t('empty')}</p>
    </div>
  );
}
