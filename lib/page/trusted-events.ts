/**
 * Every event type our controls act on. A page script can synthesise any of them (`dispatchEvent`, `.click()`),
 * so the one gate in front of the strips, stubs, bar and editors lets only the user's own (trusted) events through.
 */
export const GATED_EVENT_TYPES = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
  'paste',
  'drop',
] as const;

/** Drops untrusted events at `root` before any of our handlers (capture phase, first listener) sees them. */
export function acceptOnlyTrustedEvents(root: EventTarget): void {
  for (const type of GATED_EVENT_TYPES) {
    root.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) return;
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      { capture: true },
    );
  }
}
