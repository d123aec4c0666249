import { useState } from 'preact/hooks';

const SHORTCUTS_URL = 'chrome://extensions/shortcuts';

/** Pages cannot open chrome:// URLs, so the address is offered for copying instead of as a link. */
export function ShortcutsSection() {
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
