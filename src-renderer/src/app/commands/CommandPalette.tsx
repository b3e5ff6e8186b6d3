import { useEffect, useMemo, useRef, useState } from 'react';
import { appMessages } from '../app-messages';
import { useMessages } from '../i18n/messages';
import { useCommandRegistry } from './command-registry';
import { displayShortcut } from './shortcut';

/** Ctrl/Cmd+K: every command of every feature, filtered as you type, run with Enter. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const t = useMessages(appMessages);
  const commands = useCommandRegistry((store) => store.commands);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return [...commands.values()]
      .filter((command) => words.every((word) => command.title.toLowerCase().includes(word)))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [commands, query]);

  useEffect(() => {
    input.current?.focus();
    const previous = returnFocus.current;
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);

  const run = (index: number) => {
    const command = matches[index];
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('palette.open')}
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          } else if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((index) => Math.min(index + 1, Math.max(matches.length - 1, 0)));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(active);
          }
        }}
      >
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls="palette-list"
          aria-activedescendant={matches[active] ? `command-${matches[active].id}` : undefined}
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
        />
        <ul id="palette-list" className="palette-list" role="listbox">
          {matches.map((command, index) => (
            <li
              key={command.id}
              id={`command-${command.id}`}
              role="option"
              aria-selected={index === active}
              className="palette-item"
              onMouseEnter={() => setActive(index)}
              onClick={() => run(index)}
            >
              <span>{command.title}</span>
              {command.shortcut && <kbd>{displayShortcut(command.shortcut)}</kbd>}
            </li>
          ))}
        </ul>
        {/* Beside the list, not in it: a listbox holds options only. */}
        {matches.length === 0 && <p className="palette-empty">{t('palette.empty')}</p>}
      </div>
    </div>
  );
}
