// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { attachShadowUi, insertHost } from '../../components/shadow-host';
import { GATED_EVENT_TYPES } from '../../lib/page/trusted-events';

function mounted() {
  const host = insertHost({ parent: document.body, before: null }, 'shelfmark-controls');
  const container = attachShadowUi(host, ':host { display: block }');
  const button = document.createElement('button');
  container.append(button);
  return { host, button };
}

describe('the shadow host', () => {
  it('is closed: the page cannot reach what is inside', () => {
    const { host } = mounted();
    expect(host.shadowRoot).toBeNull();
  });

  it.each(GATED_EVENT_TYPES)('drops an untrusted %s before any handler of ours sees it', (type) => {
    const { button } = mounted();
    const handler = vi.fn();
    button.addEventListener(type, handler);
    button.dispatchEvent(new Event(type, { bubbles: true, cancelable: true, composed: true }));
    expect(handler).not.toHaveBeenCalled();
  });

  it('lets a trusted event through', () => {
    const { button } = mounted();
    const handler = vi.fn();
    button.addEventListener('click', handler);
    const event = new Event('click', { bubbles: true, composed: true });
    // happy-dom cannot create trusted events; this is how the browser marks the user's own.
    Object.defineProperty(event, 'isTrusted', { value: true });
    button.dispatchEvent(event);
    expect(handler).toHaveBeenCalledOnce();
  });
});
