import { render } from 'preact';
import type { CardActions, CardView, StripHandle } from '../../lib/page/card-view';
import { createShadowHost } from '../shadow-host';
import { CardControls } from './CardControls';
import { CONTROLS_CSS } from './styles';

export const CONTROLS_TAG = 'shelfmark-controls';

export function mountControls(
  where: { parent: Element; before: Node | null },
  actions: CardActions,
  view: CardView,
  idPrefix: string,
): StripHandle {
  const { host, container } = createShadowHost(where, CONTROLS_TAG, CONTROLS_CSS);
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
