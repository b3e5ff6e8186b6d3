const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Does this keydown match `Mod+Shift+K`-style notation? Modifiers must match exactly. */
export function matchesShortcut(event: KeyboardEvent, shortcut: string, mac = isMac()): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()?.toLowerCase();
  if (!key) return false;
  const wants = new Set(parts.map((part) => part.toLowerCase()));
  const mod = mac ? event.metaKey : event.ctrlKey;
  if (wants.has('mod') !== mod) return false;
  if (wants.has('shift') !== event.shiftKey) return false;
  if (wants.has('alt') !== event.altKey) return false;
  if (!mac && event.metaKey) return false;
  if (mac && event.ctrlKey !== wants.has('ctrl')) return false;
  return event.key.toLowerCase() === key || event.code.toLowerCase() === `digit${key}` || event.code.toLowerCase() === `key${key}`;
}

/** `Mod+K` -> `⌘K` on macOS, `Ctrl+K` elsewhere. */
export function displayShortcut(shortcut: string, mac = isMac()): string {
  if (mac) {
    return shortcut
      .replace('Mod+', '⌘')
      .replace('Shift+', '⇧')
      .replace('Alt+', '⌥');
  }
  return shortcut.replace('Mod+', 'Ctrl+');
}
