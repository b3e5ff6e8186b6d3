import { defineMessages, useMessages } from '../../app/i18n/messages';
import { ViewTitle } from '../../ui/ViewTitle';

const messages = defineMessages({
  en: { title: 'Notepad' },
  'zh-CN': { title: '笔记' },
});

// Owned by the notepad feature, which replaces this with the editor and the note list.
export function NotepadView() {
  const t = useMessages(messages);
  return (
    <div className="view notepad-view">
      <ViewTitle>{t('title')}</ViewTitle>
    </div>
  );
}
