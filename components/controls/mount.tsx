import { render } from 'preact';
import type { CardActions, CardView, StripEditor, StripHandle } from '../../lib/page/card-view';
import { attachShadowUi, insertHost } from '../shadow-host';
import { CardControls } from './CardControls';
import { stopWaiting, whenNearViewport } from './near-viewport';
import { CONTROLS_CSS } from './styles';

export const CONTROLS_TAG = 'shelfmark-controls';

/** The first cards of a page get their strip at once; later ones when scrolled near (see near-viewport.ts). */
export const EAGER_STRIPS = 12;

export function mountControls(
  where: { parent: Element; before: Node | null },
  actions: CardActions,
  view: CardView,
  idPrefix: string,
  position: number,
): StripHandle {
  const host = insertHost(where, CONTROLS_TAG);
  let current = view;
  let container: HTMLElement | null = null;
  let editorRequest: { editor: StripEditor; serial: number } | null = null;
  const draw = () => render(<CardControls view={current} actions={actions} idPrefix={idPrefix} editorRequest={editorRequest} />, container!);
  const attach = () => {
    container = attachShadowUi(host, CONTROLS_CSS);
    draw();
  };
  if (position < EAGER_STRIPS) attach();
  else whenNearViewport(host, attach);
  return {
    update(next) {
      current = next;
      if (container) draw();
    },
    openEditor(editor) {
      editorRequest = { editor, serial: (editorRequest?.serial ?? 0) + 1 };
      if (!container) {
        stopWaiting(host);
        attach();
      } else draw();
    },
    isConnected: () => host.isConnected,
    destroy() {
      stopWaiting(host);
      if (container) render(null, container);
      host.remove();
    },
  };
}
