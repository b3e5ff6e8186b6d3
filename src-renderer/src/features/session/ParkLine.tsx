import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_THOUGHT_LENGTH } from '../../../../src-main/contract/session';
import { describeError } from '../../app/i18n/error-messages';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { sessionMessages } from './session-messages';
import './session.css';
import { useSessionStore } from './session-store';

/** The window's chord for the line: PARK_SHORTCUT's, in the palette's notation. */
export const PARK_LINE_SHORTCUT = 'Mod+Alt+Shift+P';

/**
 * One quiet line over whatever is on screen: type the thought, Enter parks it, Esc cancels. Nothing else changes,
 * and focus goes back where it was (the notepad's caret, a button).
 */
export function ParkLine() {
  const open = useSessionStore((store) => store.parkLineOpen && store.state?.phase === 'running');
  return open ? <ParkLineInput /> : null;
}

function ParkLineInput() {
  const t = useMessages(sessionMessages);
  const locale = useLocale();
  const hint = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const error = useSessionStore((store) => store.parkError);
  const close = useSessionStore((store) => store.closeParkLine);
  const park = useSessionStore((store) => store.parkThought);

  useEffect(() => {
    // Read on mount, not at render: opened from the palette, the palette has handed focus back by now.
    const previous = document.activeElement;
    input.current?.focus();
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The window's own shortcuts (Esc in the notepad, the palette) stay out of the line.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      // An input method's Enter chooses the characters; only a plain Enter parks.
      event.preventDefault();
      if (text.trim() === '') return close();
      if (busy) return;
      setBusy(true);
      void park(text).finally(() => setBusy(false));
    }
  };

  return (
    <div className="park-line" role="dialog" aria-label={t('park.label')}>
      <input
        ref={input}
        className="park-line-input"
        aria-label={t('park.label')}
        aria-describedby={hint}
        placeholder={t('park.label')}
        maxLength={MAX_THOUGHT_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={hint} className="quiet park-line-hint">
        {t('park.hint')}
      </p>
      {error && (
        <p className="session-error" role="alert">
          {describeError(error, locale)}
        </p>
      )}
    </div>
  );
}
