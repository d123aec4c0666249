import { READY_ATTRIBUTE } from '../lib/page/card-layer';

/** Inserts an empty host element; its UI is attached later with `attachShadowUi`. */
export function insertHost(where: { parent: Element; before: Node | null }, tagName: string): Element {
  const host = where.parent.ownerDocument.createElement(tagName);
  where.parent.insertBefore(host, where.before);
  return host;
}

/**
 * Gives a host an open shadow root holding our UI, so the page's CSS cannot reach it and ours cannot leak.
 * Keyboard events stop at the shadow root: page shortcuts must not fire while the user types a tag or note.
 */
export function attachShadowUi(host: Element, css: string): HTMLElement {
  const doc = host.ownerDocument;
  const shadow = host.attachShadow({ mode: 'open' });
  if (!adoptSheet(shadow, css)) {
    const style = doc.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
  const container = doc.createElement('div');
  shadow.append(container);
  for (const type of ['keydown', 'keyup', 'keypress']) shadow.addEventListener(type, (event) => event.stopPropagation());
  // The shadow root is open (a stable contract for users' CSS and tests), so page scripts can reach our buttons:
  // clicks and keys they synthesise never reach a handler that writes to the library.
  for (const type of ['click', 'keydown']) {
    shadow.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) return;
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      { capture: true },
    );
  }
  host.setAttribute(READY_ATTRIBUTE, '');
  return container;
}

const sheets = new Map<string, CSSStyleSheet | null>();

/** One constructed sheet per stylesheet text, shared by every host; Firefox content scripts fall back to a style element. */
function adoptSheet(shadow: ShadowRoot, css: string): boolean {
  if (!sheets.has(css)) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    } catch {
      sheets.set(css, null);
    }
  }
  const sheet = sheets.get(css);
  if (!sheet) return false;
  try {
    shadow.adoptedStyleSheets = [sheet];
    return true;
  } catch {
    return false;
  }
}
