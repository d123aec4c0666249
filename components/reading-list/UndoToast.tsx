export interface UndoToastProps {
  message: string;
  busy: boolean;
  onUndo: () => void;
  onDismiss: () => void;
}

/** Stays until the next action or a dismissal: no timer racing a user who is still reading it. */
export function UndoToast({ message, busy, onUndo, onDismiss }: UndoToastProps) {
  return (
    <div class="toast" role="status">
      <span>{message}</span>
      <button type="button" disabled={busy} onClick={onUndo}>
        Undo
      </button>
      <button type="button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
