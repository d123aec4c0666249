import { QUOTA_MESSAGE } from '../../lib/storage-errors';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CardActions, CardView } from '../../lib/page/card-view';
import type { ZoteroSendResult } from '../../lib/zotero/connector';
import { NoteEditor } from './NoteEditor';
import { TagEditor } from './TagEditor';

type Editor = 'tags' | 'note' | null;

type ZoteroState = { phase: 'idle' | 'sending' } | { phase: 'done'; ok: true } | { phase: 'done'; ok: false; message: string };

/** Decoration only: buttons keep plain accessible names ("Save", "Tag") for screen readers and tests. */
function Icon({ glyph }: { glyph: string }) {
  return (
    <span class="icon" aria-hidden="true">
      {glyph}
    </span>
  );
}

/** The strip's one line when a change did not reach the database; a full disk is named, since a retry needs space. */
export function notSavedText(failure: unknown): string {
  const message = failure instanceof Error ? failure.message : String(failure);
  return message.includes(QUOTA_MESSAGE)
    ? 'Not saved: the disk is full or the browser’s storage quota is used up. Free some space, then try again.'
    : 'Shelfmark could not save that change. Try again.';
}

interface CardControlsProps {
  view: CardView;
  actions: CardActions;
  idPrefix: string;
  /** Asked from the keyboard (t, n): a new serial opens that editor. */
  editorRequest?: { editor: 'tags' | 'note'; serial: number } | null;
}

export function CardControls({ view, actions, idPrefix, editorRequest }: CardControlsProps) {
  const [editor, setEditor] = useState<Editor>(null);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [zotero, setZotero] = useState<ZoteroState>({ phase: 'idle' });
  const root = useRef<HTMLDivElement>(null);
  const { state } = view;
  const saved = state.savedAt !== null;
  const dismissed = state.dismissedAt !== null;
  const collapsed = view.collapsedReason !== null;

  // Hide/Undo/Show replace the clicked button; keyboard users land on the new strip's first button, not the page top.
  const refocus = useRef(false);
  useEffect(() => {
    if (refocus.current) root.current?.querySelector<HTMLButtonElement>('button')?.focus();
    refocus.current = false;
  }, [collapsed, dismissed, view.revealed]);
  const toggling = (action: () => unknown) => () => {
    refocus.current = true;
    return action();
  };

  const run = async (action: () => Promise<void>) => {
    try {
      setError(null);
      await action();
    } catch (failure) {
      console.warn('Shelfmark:', failure);
      setError(notSavedText(failure));
    }
  };

  const sendToZotero = async (send: () => Promise<ZoteroSendResult>) => {
    setZotero({ phase: 'sending' });
    try {
      const result = await send();
      setZotero(result.ok ? { phase: 'done', ok: true } : { phase: 'done', ok: false, message: result.message });
    } catch (failure) {
      console.warn('Shelfmark:', failure);
      setZotero({ phase: 'done', ok: false, message: 'Shelfmark could not send this paper to Zotero. Try again.' });
    }
  };

  const openTags = () => {
    setEditor(editor === 'tags' ? null : 'tags');
    actions.tagSuggestions().then(setSuggestions, () => setSuggestions([]));
  };
  useEffect(() => {
    if (!editorRequest || collapsed) return;
    setEditor(editorRequest.editor);
    if (editorRequest.editor === 'tags') actions.tagSuggestions().then(setSuggestions, () => setSuggestions([]));
  }, [editorRequest?.serial]);

  if (collapsed) {
    return (
      <div class="strip stub" part="stub" ref={root} role="group" aria-label={`Shelfmark: ${view.title}`}>
        <span class="reason" part="reason">{view.collapsedReason}</span>
        <span class="stub-title" title={view.title}>
          {view.title}
        </span>
        {dismissed && (
          <button type="button" part="button" onClick={toggling(() => run(() => actions.setDismissed(false)))}>
            Undo
          </button>
        )}
        <button type="button" part="button" onClick={toggling(() => actions.setRevealed(true))}>
          Show
        </button>
        {error && <span role="alert" class="error">{error}</span>}
      </div>
    );
  }

  return (
    <div class="strip" part="strip" ref={root} role="group" aria-label={`Shelfmark: ${view.title}`}>
      <div class="row">
        <button type="button" part={saved ? 'button save saved' : 'button save'} class={saved ? 'on' : undefined} aria-pressed={saved} onClick={() => run(() => actions.setSaved(!saved))}>
          <Icon glyph={saved ? '★' : '☆'} />
          {saved ? 'Saved' : 'Save'}
        </button>
        <button type="button" part="button" aria-expanded={editor === 'tags'} onClick={openTags}>
          <Icon glyph="#" />
          Tag
        </button>
        <button type="button" part="button" aria-expanded={editor === 'note'} onClick={() => setEditor(editor === 'note' ? null : 'note')}>
          <Icon glyph="✎" />
          Note
        </button>
        {dismissed ? (
          <button type="button" part="button" onClick={toggling(() => run(() => actions.setDismissed(false)))}>
            Undo
          </button>
        ) : (
          <button type="button" part="button" onClick={toggling(() => run(() => actions.setDismissed(true)))}>
            <Icon glyph="✕" />
            Hide
          </button>
        )}
        {view.revealed && (
          <button type="button" part="button" onClick={toggling(() => actions.setRevealed(false))}>
            Collapse
          </button>
        )}
        {/* After the four core actions, so Save, Tag, Note, Hide keep their places in the tab order. */}
        {actions.sendToZotero && (
          <button
            type="button"
            part="button zotero"
            aria-label="Send to Zotero"
            title="Send to Zotero (the desktop app must be running)"
            disabled={zotero.phase === 'sending'}
            onClick={() => void sendToZotero(actions.sendToZotero!)}
          >
            <Icon glyph="↗" />
            Zotero
          </button>
        )}
        {state.tags.length > 0 && editor !== 'tags' && (
          <span class="chips" part="tags" aria-label="Tags">
            {state.tags.map((tag) => (
              <span class="chip" part="tag" key={tag}>
                {tag}
              </span>
            ))}
          </span>
        )}
        {view.hint && <span class="hint">{view.hint}</span>}
        {view.forYou && (
          <span class="for-you" title={view.forYou.why}>
            {view.forYou.label}
            <span class="why">{view.forYou.why}</span>
          </span>
        )}
      </div>
      {state.note && editor !== 'note' && (
        <p class="note" part="note" aria-label="Note">
          {state.note}
        </p>
      )}
      {editor === 'tags' && (
        <TagEditor
          idPrefix={idPrefix}
          tags={state.tags}
          suggestions={suggestions}
          onAdd={(tag) => run(() => actions.addTag(tag))}
          onRemove={(tag) => run(() => actions.removeTag(tag))}
          onClose={() => setEditor(null)}
        />
      )}
      {editor === 'note' && (
        <NoteEditor
          note={state.note}
          onSave={(note) => {
            // Closes at once; the saved note replaces the old one when the background confirms, or an error shows.
            setEditor(null);
            void run(() => actions.setNote(note));
          }}
          onClose={() => setEditor(null)}
        />
      )}
      {zotero.phase === 'sending' && <span role="status" class="hint">Sending to Zotero…</span>}
      {zotero.phase === 'done' && zotero.ok && <span role="status" class="hint">Sent to Zotero.</span>}
      {zotero.phase === 'done' && !zotero.ok && <span role="alert" class="error">{zotero.message}</span>}
      {error && <span role="alert" class="error">{error}</span>}
    </div>
  );
}
