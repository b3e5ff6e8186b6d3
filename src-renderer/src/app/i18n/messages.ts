import { useCallback } from 'react';
import { translate, type MessageParams, type Messages } from '../../../../src-main/contract/messages';
import { useLocale } from './use-locale';

// The window says things the way main does: the contract's catalogs and formatter.
export { defineMessages, format, translate, type MessageParams, type Messages } from '../../../../src-main/contract/messages';

/** `const t = useMessages(messages); t('start')` in a component. */
export function useMessages<K extends string>(messages: Messages<K>) {
  const locale = useLocale();
  return useCallback((key: K, params?: MessageParams) => translate(messages, locale, key, params), [messages, locale]);
}
