import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface NoteEditorProps {
  note: string;
  onSave: (note: string) => void;
  onClose: () => void;
}

export const NOTE_MAX_LENGTH = 2000;

/** A short free-text note; Ctrl/Cmd+Enter saves, Escape cancels. */
export function NoteEditor({ note, onSave, onClose }: NoteEditorProps) {
  const [draft, setDraft] = useState(note);
  const area = useRef<HTMLTextAreaElement>(null);
  // Focused as soon as it is drawn, before the next event: keys typed right after clicking Tag/Note land here,
  // not on the page (where they would be keyboard triage's keys).
  useLayoutEffect(() => area.current?.focus(), []);
  const save = () => onSave(draft);
  return (
    <div class="editor" role="group" aria-label="Edit note">
      <textarea
        ref={area}
        class="note-input"
        aria-label="Note"
        rows={2}
        maxLength={NOTE_MAX_LENGTH}
        value={draft}
        placeholder="A short note for your future self"
        onInput={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
          }
        }}
      />
      <div class="editor-actions">
        <button type="button" class="primary" onClick={save}>
          Save note
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
