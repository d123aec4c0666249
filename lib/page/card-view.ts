import type { ZoteroSendResult } from '../zotero/connector';
import type { PaperState } from '../paper';
import type { ForYouMark } from '../messaging/relevance';
import type { DuplicateKinds, DuplicateMode } from '../settings';

/** Everything a control strip draws for one card. */
export interface CardView {
  title: string;
  state: PaperState;
  /** Why the card is collapsed ("Hidden", "Seen 3 days ago on HF daily …"), or null when shown in full. */
  collapsedReason: string | null;
  /** A one-line hint shown on an expanded card, e.g. where the paper was seen before. */
  hint: string | null;
  /** The card was collapsed and the user chose to show it on this page view. */
  revealed: boolean;
  /** "For you" badge; private (tags, saved titles): drawn only inside the strip's shadow root. */
  forYou?: ForYouBadge | null;
}

export interface ForYouBadge {
  /** "For you · like your rl papers" */
  label: string;
  /** "Like: Title A; Title B" */
  why: string;
}

/** What a strip can ask for; each write resolves once the background has stored it. */
export interface CardActions {
  setSaved(saved: boolean): Promise<void>;
  addTag(tag: string): Promise<void>;
  removeTag(tag: string): Promise<void>;
  setNote(note: string): Promise<void>;
  setDismissed(dismissed: boolean): Promise<void>;
  /** Shows or re-collapses a collapsed card for this page view only. */
  setRevealed(revealed: boolean): void;
  tagSuggestions(): Promise<string[]>;
  /** Posts the paper to Zotero desktop through the background; absent where no sender is wired (tests). */
  sendToZotero?(): Promise<ZoteroSendResult>;
}

export type StripEditor = 'tags' | 'note';

/** The strip's wording of a background mark. */
export function forYouBadge(mark: ForYouMark): ForYouBadge {
  return {
    label: mark.tag ? `For you · like your ${mark.tag} papers` : 'For you',
    why: `Like: ${mark.like.map((like) => like.title).join('; ')}`,
  };
}

export interface StripHandle {
  update(view: CardView): void;
  /** Opens the tag or note editor with focus in it (keyboard triage's t and n). */
  openEditor(editor: StripEditor): void;
  destroy(): void;
  /** False once the page removed the strip (a re-render or hydration): the card then gets a new one. */
  isConnected(): boolean;
}

export type MountStrip = (
  where: { parent: Element; before: Node | null },
  actions: CardActions,
  view: CardView,
  idPrefix: string,
  /** 0-based position of the card on the page: far-down strips may be drawn lazily. */
  position: number,
) => StripHandle;

/** What the duplicate bar at the top of a list shows and can change. */
export interface BarView {
  /** "14 already seen · 2 saved · 1 repeat"; '' when no card on the page is a duplicate. */
  summary: string;
  mode: DuplicateMode;
  kinds: DuplicateKinds;
  revealAll: boolean;
  /** How many cards the filter currently collapses or would collapse. */
  affected: number;
  /** Cards badged "for you" on this page view. */
  forYou?: number;
}

export interface BarActions {
  setMode(mode: DuplicateMode): void;
  setKind(kind: keyof DuplicateKinds, enabled: boolean): void;
  setRevealAll(revealAll: boolean): void;
}

export interface BarHandle {
  update(view: BarView): void;
  destroy(): void;
  isConnected(): boolean;
}

export type MountBar = (where: { parent: Element; before: Node | null }, actions: BarActions, view: BarView) => BarHandle;
