/** What a key pressed in the popup's search box asks for (the box keeps every other key for typing). */
export type PopupKeyAction = 'next' | 'previous' | 'open' | 'toggle-save' | 'send-to-zotero' | 'edit-tags' | 'clear';

type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey'>;

/** `code` as well as `key`: Alt+letter gives another character on some layouts (macOS: Alt+S is "ß"). */
export function popupKeyAction(event: KeyPress, { hasInput }: { hasInput: boolean }): PopupKeyAction | undefined {
  const key = event.key.toLowerCase();
  const letter = (name: string) => key === name || event.code === `Key${name.toUpperCase()}`;
  if (event.key === 'ArrowDown') return 'next';
  if (event.key === 'ArrowUp') return 'previous';
  if (event.key === 'Enter') return 'open';
  if ((event.altKey || event.ctrlKey) && letter('s')) return 'toggle-save';
  if (event.altKey && letter('z')) return 'send-to-zotero';
  if (event.altKey && letter('t')) return 'edit-tags';
  if (event.key === 'Escape' && hasInput) return 'clear';
  return undefined;
}
