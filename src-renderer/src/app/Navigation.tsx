import { useRef } from 'react';
import { appMessages } from './app-messages';
import { displayShortcut } from './commands/shortcut';
import { useMessages } from './i18n/messages';
import { useNavigation } from './navigation';
import { views } from './views';

/** The section list: Tab reaches it, arrow keys move within it, Enter opens a section. */
export function Navigation() {
  const t = useMessages(appMessages);
  const current = useNavigation((store) => store.view);
  const go = useNavigation((store) => store.go);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const moveFocus = (from: number, delta: number) => {
    const next = (from + delta + views.length) % views.length;
    buttons.current[next]?.focus();
  };

  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <div className="app-name" lang={t('appName') === '静室' ? 'zh-CN' : undefined}>
        {t('appName')}
      </div>
      <ul>
        {views.map(({ id }, index) => (
          <li key={id}>
            <button
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              className="nav-item"
              aria-current={current === id ? 'page' : undefined}
              aria-keyshortcuts={displayShortcut(`Mod+${index + 1}`)}
              onClick={() => go(id)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown') {
                  event.preventDefault();
                  moveFocus(index, 1);
                } else if (event.key === 'ArrowUp') {
                  event.preventDefault();
                  moveFocus(index, -1);
                }
              }}
            >
              {t(`nav.${id}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
