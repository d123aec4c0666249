export const BAR_CSS = `
:host { all: initial; display: block; margin: 0 0 12px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--sm-fg); }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 6px 10px; border: 1px solid var(--sm-border);
  border-radius: 8px; background: var(--sm-button); }
.logo { color: var(--sm-accent); }
.summary { flex: 1; min-width: 12em; }
button, select { font: inherit; color: var(--sm-fg); background: var(--sm-button); border: 1px solid var(--sm-border);
  border-radius: 6px; padding: 2px 8px; cursor: pointer; }
button:hover, select:hover { background: var(--sm-button-hover); }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--sm-accent); outline-offset: 1px; }
.mode { display: inline-flex; gap: 4px; align-items: center; color: var(--sm-muted); }
.kinds { flex-basis: 100%; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 6px 8px; border: 1px solid var(--sm-border); border-radius: 6px; }
.kinds legend { color: var(--sm-muted); padding: 0 4px; }
.kinds label { display: inline-flex; gap: 4px; align-items: center; }
`;
