import { READY_ATTRIBUTE } from '../lib/page/card-marks';
import { acceptOnlyTrustedEvents } from '../lib/page/trusted-events';

/** Inserts an empty host element; its UI is attached later with `attachShadowUi`. */
export function insertHost(where: { parent: Element; before: Node | null }, tagName: string): Element {
  const host = where.parent.ownerDocument.createElement(tagName);
  where.parent.insertBefore(host, where.before);
  return host;
}

/**
 * Gives a host a closed shadow root holding our UI: the page's CSS cannot reach it, and the page's scripts can
 * neither read it (tags, notes, the stubs' reasons quoting them) nor reach its controls. Users' CSS styles it through
 * the documented `::part()` names. Keyboard events stop at the shadow root: page shortcuts must not fire while the
 * user types a tag or note.
 */
export function attachShadowUi(host: Element, css: string): HTMLElement {
  const doc = host.ownerDocument;
  const shadow = host.attachShadow({ mode: 'closed' });
  if (!adoptSheet(shadow, css)) {
    const style = doc.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
  const container = doc.createElement('div');
  shadow.append(container);
  // Registered first, so it runs before any handler of ours: closed or not, only the user acts.
  acceptOnlyTrustedEvents(shadow);
  for (const type of ['keydown', 'keyup', 'keypress']) shadow.addEventListener(type, (event) => event.stopPropagation());
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
