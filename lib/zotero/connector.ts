import { doiOf, paperLinks } from '../export/links';
import { splitName } from '../export/names';
import { isPublished } from '../export/publication';
import { arxivIdOf } from '../ids';
import type { PaperRecord } from '../paper';

/**
 * "Send to Zotero" through the desktop app's connector server, the endpoints the Zotero Connector uses:
 * `/connector/ping` to detect it, `/connector/saveItems` with Zotero item JSON. Zotero refuses browser requests
 * without `X-Zotero-Connector-API-Version` (server.js: 400 "Request not allowed"); saveItems answers 201, 409
 * (`SESSION_EXISTS`), 500 `{ libraryEditable: false }` for a read-only library, 500 on failure
 * (server_connector.js). Tested against tests/zotero/protocol-server.ts, which answers as that code does.
 */
export const ZOTERO_CONNECTOR = 'http://127.0.0.1:23119';
const HEADERS = { 'Content-Type': 'application/json', 'X-Zotero-Connector-API-Version': '3' };

export interface ZoteroCreator {
  creatorType: 'author';
  firstName?: string;
  lastName?: string;
  /** A one-field name: an organisation. */
  name?: string;
}

export interface ZoteroItem {
  id: string;
  itemType: 'preprint' | 'journalArticle';
  title: string;
  creators: ZoteroCreator[];
  date?: string;
  abstractNote?: string;
  DOI?: string;
  url?: string;
  repository?: string;
  archiveID?: string;
  publicationTitle?: string;
  tags: Array<{ tag: string }>;
  /** Child notes, HTML as Zotero stores them. */
  notes: Array<{ itemType: 'note'; note: string }>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function creator(name: string): ZoteroCreator {
  const { last, first, suffix } = splitName(name);
  if (!first) return { creatorType: 'author', name: last };
  // Zotero has no suffix field; it keeps "Jr." after the given names, as its own BibTeX import does.
  return { creatorType: 'author', firstName: suffix ? `${first}, ${suffix}` : first, lastName: last };
}

export function zoteroItem(paper: PaperRecord): ZoteroItem {
  const arxivId = arxivIdOf(paper.id);
  const published = isPublished(paper);
  const authors = paper.authors.map((name) => name.trim()).filter(Boolean);
  const item: ZoteroItem = {
    id: paper.id,
    itemType: published ? 'journalArticle' : 'preprint',
    title: paper.title,
    creators: authors.length ? authors.map(creator) : paper.organization ? [{ creatorType: 'author', name: paper.organization }] : [],
    tags: paper.tags.map((tag) => ({ tag })),
    // The note as plain text in a paragraph per line: escaped, so nothing in it becomes markup in Zotero.
    notes: paper.note.trim() ? [{ itemType: 'note', note: paper.note.trim().split(/\r?\n/).map((line) => `<p>${escapeHtml(line)}</p>`).join('') }] : [],
  };
  if (paper.published) item.date = paper.published;
  if (paper.abstract) item.abstractNote = paper.abstract;
  const doi = doiOf(paper);
  if (doi) item.DOI = doi;
  const url = paperLinks(paper).abstract;
  if (url) item.url = url;
  if (arxivId) {
    item.repository = 'arXiv';
    item.archiveID = `arXiv:${arxivId}`;
  }
  if (published && paper.arxiv?.journalRef) item.publicationTitle = paper.arxiv.journalRef;
  return item;
}

export type ZoteroSendResult = { ok: true; sent: number } | { ok: false; reason: 'not-running' | 'read-only' | 'refused' | 'failed'; message: string };

export interface ZoteroSendOptions {
  fetch?: typeof fetch;
  base?: string;
  /** A fresh session id per send (Zotero answers 409 to a reused one). */
  sessionId?: string;
  /** The page the papers were sent from (Zotero records it with the save); the reading list otherwise. */
  uri?: string;
}

/** Posts the papers to a running Zotero desktop in one saveItems call, with their tags and notes as child notes. */
export async function sendToZotero(papers: readonly PaperRecord[], options: ZoteroSendOptions = {}): Promise<ZoteroSendResult> {
  const request = options.fetch ?? fetch;
  const base = options.base ?? ZOTERO_CONNECTOR;
  const notRunning = { ok: false as const, reason: 'not-running' as const, message: 'Zotero is not running: start Zotero desktop (7 or later) and try again.' };
  try {
    const ping = await request(`${base}/connector/ping`, { method: 'POST', headers: HEADERS, body: '{}' });
    if (!ping.ok) return notRunning;
  } catch {
    return notRunning;
  }
  const body = {
    sessionID: options.sessionId ?? `shelfmark-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    uri: options.uri ?? 'https://shelfmark.app/reading-list',
    items: papers.map(zoteroItem),
  };
  let response: Response;
  try {
    response = await request(`${base}/connector/saveItems`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
  } catch {
    return notRunning;
  }
  if (response.status === 201) return { ok: true, sent: papers.length };
  const text = await response.text().catch(() => '');
  if (response.status === 500 && /"libraryEditable"\s*:\s*false/.test(text)) {
    return { ok: false, reason: 'read-only', message: 'The library selected in Zotero is read-only: select My Library or an editable group in Zotero and try again.' };
  }
  if (response.status === 409) return { ok: false, reason: 'refused', message: 'Zotero is busy with another save: try again in a moment.' };
  if (response.status === 400) return { ok: false, reason: 'refused', message: `Zotero refused the request: ${text.trim() || 'bad request'}.` };
  return { ok: false, reason: 'failed', message: `Zotero could not save the papers (HTTP ${response.status}); see Zotero's error console.` };
}
