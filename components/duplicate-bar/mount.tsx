import { render } from 'preact';
import type { BarActions, BarHandle, BarView } from '../../lib/page/card-view';
import { attachShadowUi, insertHost } from '../shadow-host';
import { DuplicateBar } from './DuplicateBar';
import { BAR_CSS } from './styles';

export const BAR_TAG = 'shelfmark-bar';

export function mountDuplicateBar(where: { parent: Element; before: Node | null }, actions: BarActions, view: BarView): BarHandle {
  const host = insertHost(where, BAR_TAG);
  const container = attachShadowUi(host, BAR_CSS);
  const draw = (next: BarView) => render(<DuplicateBar view={next} actions={actions} />, container);
  draw(view);
  return {
    update: draw,
    isConnected: () => host.isConnected,
    destroy() {
      render(null, container);
      host.remove();
    },
  };
}
