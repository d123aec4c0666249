import { render } from 'preact';
import type { CardActions, CardView, StripHandle } from '../../lib/page/card-view';
import { CardControls } from './CardControls';
import { CONTROLS_CSS } from './styles';

export const CONTROLS_TAG = 'shelfmark-controls';


let sharedSheet: CSSStyleSheet | undefined;

/** One constructed stylesheet shared by every strip, instead of a style element per card. */
function controlsSheet(): CSSStyleSheet | undefined {
  if (sharedSheet) return sharedSheet;
  try {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(CONTROLS_CSS);
  } catch {
    sharedSheet = undefined;
  }
  return sharedSheet;
}

/** Firefox content scripts cannot always adopt a sheet built in their own world; they fall back to a style element. */
function adoptSheet(shadow: ShadowRoot): boolean {
  const sheet = controlsSheet();
  if (!sheet) return false;
  try {
    shadow.adoptedStyleSheets = [sheet];
    return true;
  } catch {
    return false;
  }
}

/** Page shortcuts must not fire while the user types a tag or note in our strip. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/** Mounts a strip in its own open shadow root, so the page's CSS cannot reach it and ours cannot leak. */
export function mountControls(
  where: { parent: Element; before: Node | null },
  actions: CardActions,
  view: CardView,
  idPrefix: string,
): StripHandle {
  const doc = where.parent.ownerDocument;
  const host = doc.createElement(CONTROLS_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  if (!adoptSheet(shadow)) {
    const style = doc.createElement('style');
    style.textContent = CONTROLS_CSS;
    shadow.append(style);
  }
  const container = doc.createElement('div');
  shadow.append(container);
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  where.parent.insertBefore(host, where.before);

  const draw = (next: CardView) => render(<CardControls view={next} actions={actions} idPrefix={idPrefix} />, container);
  draw(view);
  return {
    update: draw,
    destroy() {
      render(null, container);
      host.remove();
    },
  };
}
