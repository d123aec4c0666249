import { useState } from 'preact/hooks';
import { TRIAGE_HELP } from '../../lib/page/keyboard-triage';
import type { SectionProps } from './SitesSection';

const SHORTCUTS_URL = 'chrome://extensions/shortcuts';

/** Pages cannot open chrome:// URLs, so the address is offered for copying instead of as a link. */
export function ShortcutsSection({ settings, onUpdate }: SectionProps) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(SHORTCUTS_URL).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <section aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <dl class="shortcuts">
        <dt>
          <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>
        </dt>
        <dd>Open quick search (the Shelfmark popup) on any page.</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Close a tag or note editor.</dd>
        <dt>
          <kbd>Shift</kbd>+click
        </dt>
        <dd>Select a range of papers on the reading list.</dd>
      </dl>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={settings.keyboard}
          onChange={(event) => onUpdate({ keyboard: event.currentTarget.checked })}
        />{' '}
        Keyboard triage on listings (when focus is not in a text field)
      </label>
      <dl class="shortcuts" aria-label="Keyboard triage keys">
        {TRIAGE_HELP.map(([keys, what]) => [
          <dt key={`k-${keys}`}>
            <kbd>{keys}</kbd>
          </dt>,
          <dd key={`d-${keys}`}>{what}</dd>,
        ])}
      </dl>
      <p>
        To change the quick search shortcut, open this address in a new tab (in Firefox: Add-ons → gear menu → Manage
        Extension Shortcuts):
      </p>
      <p class="copy-row">
        <input
          type="text"
          readOnly
          aria-label="Address of the browser's shortcut settings"
          value={SHORTCUTS_URL}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <span role="status">{copied === true ? 'Copied.' : copied === false ? 'Copy failed: select the address and copy it.' : ''}</span>
      </p>
    </section>
  );
}
