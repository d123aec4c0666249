import { render } from 'preact';
import { TRIAGE_HELP } from '../../lib/page/keyboard-triage';
import { attachShadowUi, insertHost } from '../shadow-host';

export const HELP_TAG = 'shelfmark-help';

const HELP_CSS = `
.help { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 320px; padding: 12px 16px;
  font: 13px/1.5 system-ui, sans-serif; color: var(--sm-fg, #1f2937); background: var(--sm-input, #fff);
  border: 1px solid var(--sm-border, #e5e7eb); border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.15); }
h2 { font-size: 14px; margin: 0 0 6px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; }
dt { font-family: ui-monospace, monospace; font-weight: 600; }
dd { margin: 0; }
p { margin: 8px 0 0; color: var(--sm-muted, #6b7280); }
`;

function Help() {
  return (
    <div class="help" part="help" role="dialog" aria-label="Shelfmark keyboard triage">
      <h2>Shelfmark keys</h2>
      <dl>
        {TRIAGE_HELP.map(([keys, what]) => [<dt key={`k-${keys}`}>{keys}</dt>, <dd key={`d-${keys}`}>{what}</dd>])}
      </dl>
      <p>Esc or ? closes this. Turn the keys off in Shelfmark's options.</p>
    </div>
  );
}

/** The help overlay, drawn on demand in its own closed shadow root; returns a toggle. */
export function helpOverlay(doc: Document): (show?: boolean) => boolean {
  let host: Element | null = null;
  return (show) => {
    const next = show ?? host === null;
    if (next && !host) {
      host = insertHost({ parent: doc.body, before: null }, HELP_TAG);
      render(<Help />, attachShadowUi(host, HELP_CSS));
    } else if (!next && host) {
      host.remove();
      host = null;
    }
    return host !== null;
  };
}
