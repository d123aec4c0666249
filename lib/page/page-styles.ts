import { COLLAPSED_ATTRIBUTE, DIMMED_ATTRIBUTE, READY_ATTRIBUTE } from './card-marks';
import { CURRENT_ATTRIBUTE } from './keyboard-triage';

/**
 * The one stylesheet Shelfmark adds to a host page: theme variables for the strips (custom properties inherit into
 * shadow roots) and how a collapsed card looks. Sites add their own rules through `SiteAdapter.pageStyles`.
 */
export function pageStyles(controlsTag: string, barTag: string): string {
  const hosts = `${controlsTag}, ${barTag}`;
  return `
${hosts} {
  --sm-fg: #1f2937; --sm-muted: #6b7280; --sm-bg: transparent; --sm-border: #e5e7eb; --sm-button: #ffffff;
  --sm-button-hover: #f3f4f6; --sm-chip: #eef2ff; --sm-input: #ffffff; --sm-accent: #4f46e5; --sm-accent-fg: #ffffff;
  --sm-error: #b91c1c;
  display: block;
}
html.dark :is(${hosts}) {
  --sm-fg: #e5e7eb; --sm-muted: #9ca3af; --sm-border: #374151; --sm-button: #1f2937; --sm-button-hover: #374151;
  --sm-chip: #312e81; --sm-input: #111827; --sm-accent: #818cf8; --sm-accent-fg: #111827; --sm-error: #fca5a5;
}
${controlsTag}:not([${READY_ATTRIBUTE}]) { min-height: 30px; }
[${COLLAPSED_ATTRIBUTE}] > :not(${controlsTag}) { display: none !important; }
[${COLLAPSED_ATTRIBUTE}]:not(:has(> ${controlsTag})) { display: none !important; }
[${COLLAPSED_ATTRIBUTE}] { min-height: 0 !important; height: auto !important; }
[${DIMMED_ATTRIBUTE}] { opacity: 0.45; transition: opacity 0.15s; }
[${DIMMED_ATTRIBUTE}]:hover, [${DIMMED_ATTRIBUTE}]:focus-within { opacity: 1; }
[${CURRENT_ATTRIBUTE}] { outline: 2px solid #4f46e5 !important; outline-offset: 2px; scroll-margin: 80px; }
`;
}

export function injectPageStyles(doc: Document, css: string, signal: AbortSignal): void {
  if (signal.aborted) return;
  const style = doc.createElement('style');
  style.dataset.shelfmark = '';
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
  signal.addEventListener('abort', () => style.remove(), { once: true });
}
