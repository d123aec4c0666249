/**
 * Styles inside each strip's shadow root. Colours come from custom properties set on the host by the page stylesheet
 * (lib/page/page-styles.ts), which is where the site's light/dark theme is known.
 */
export const CONTROLS_CSS = `
:host { all: initial; display: block; font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--sm-fg); }
.strip { display: flex; flex-direction: column; gap: 6px; padding: 6px 10px; border-top: 1px solid var(--sm-border); background: var(--sm-bg); }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
button { font: inherit; color: var(--sm-fg); background: var(--sm-button); border: 1px solid var(--sm-border); border-radius: 6px;
  padding: 2px 8px; cursor: pointer; line-height: 1.5; }
button:hover { background: var(--sm-button-hover); }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid var(--sm-accent); outline-offset: 1px; }
button.on { color: var(--sm-accent-fg); background: var(--sm-accent); border-color: var(--sm-accent); }
button.primary { color: var(--sm-accent-fg); background: var(--sm-accent); border-color: var(--sm-accent); }
.icon { display: inline-block; min-width: 1em; text-align: center; margin-right: 2px; }
.chips { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.chip { display: inline-flex; align-items: center; gap: 2px; padding: 0 6px; border-radius: 999px; background: var(--sm-chip); color: var(--sm-fg); }
.chip-remove { border: none; background: transparent; padding: 0 2px; line-height: 1; }
.hint { color: var(--sm-muted); margin-left: auto; }
.note { margin: 0; padding: 4px 8px; border-left: 3px solid var(--sm-accent); color: var(--sm-fg); white-space: pre-wrap; overflow-wrap: anywhere; }
.editor { position: relative; display: flex; flex-direction: column; gap: 4px; }
.tag-input, .note-input { font: inherit; color: var(--sm-fg); background: var(--sm-input); border: 1px solid var(--sm-border); border-radius: 6px; padding: 2px 6px; }
.tag-input { min-width: 10em; flex: 1; }
.note-input { width: 100%; box-sizing: border-box; resize: vertical; }
.editor-actions { display: flex; gap: 6px; }
.suggestions { list-style: none; margin: 0; padding: 2px; position: absolute; top: 100%; left: 0; z-index: 10; min-width: 12em;
  background: var(--sm-input); border: 1px solid var(--sm-border); border-radius: 6px; box-shadow: 0 4px 12px rgb(0 0 0 / 0.15); }
.suggestions li { padding: 2px 8px; border-radius: 4px; cursor: pointer; }
.suggestions li.active, .suggestions li:hover { background: var(--sm-chip); }
.stub { flex-direction: row; flex-wrap: nowrap; align-items: center; gap: 8px; border-top: none; }
.reason { color: var(--sm-muted); white-space: nowrap; }
.stub-title { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.error { color: var(--sm-error); }
.for-you { color: var(--sm-muted); font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
.for-you .why { font-weight: 400; margin-left: 6px; }
`;
