import type { PaperId } from '../ids';
import { processTerm, tokenizeText, type StoredMeta } from './document';
import { markMatchingRows } from './filters';
import type { PaperIndex, SegmentView } from './paper-index';
import type { Postings } from './postings';
import { hasFilters, type ParsedQuery } from './query';
import { IMPACT_SCALE } from './term-impacts';
import { expandTerm, type QueryTerm } from './term-expansion';

export interface RankedHit {
  id: PaperId;
  score: number;
  /** Indexed terms that matched (after prefix/typo expansion), for highlighting. */
  terms: string[];
  meta: StoredMeta;
}

export interface Ranking {
  hits: RankedHit[];
  /** Papers found; when `exhaustive` is false, at least this many match. */
  total: number;
  exhaustive: boolean;
  /** No paper had every word, so papers with some of them are shown. */
  relaxed: boolean;
  /** False while the abstracts are not loaded and were needed: abstract-only matches may be missing. */
  complete: boolean;
}

// Match masks are 32-bit; a query longer than this is cut (nobody types 30 words into a popup).
const MAX_TERMS = 30;
// Matched terms are remembered per paper for this many query terms, for highlighting.
const HIGHLIGHT_TERMS = 8;

/** Per-document accumulators, reused across queries; only the touched entries are reset. */
class Scratch {
  score = new Float64Array(0);
  mask = new Uint32Array(0);
  inHead = new Uint8Array(0);
  matched = new Int32Array(0);
  touched = new Uint32Array(0);
  touchedCount = 0;

  ensure(size: number): void {
    if (this.score.length >= size) return;
    this.score = new Float64Array(size);
    this.mask = new Uint32Array(size);
    this.inHead = new Uint8Array(size);
    this.matched = new Int32Array(size * HIGHLIGHT_TERMS);
    this.touched = new Uint32Array(size);
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i += 1) {
      const doc = this.touched[i];
      this.score[doc] = 0;
      this.mask[doc] = 0;
      this.inHead[doc] = 0;
      for (let slot = doc * HIGHLIGHT_TERMS, end = slot + HIGHLIGHT_TERMS; slot < end; slot += 1) this.matched[slot] = 0;
    }
    this.touchedCount = 0;
  }
}

const scratch = new Scratch();

interface Plan {
  terms: QueryTerm[];
  /** Bits of the loose words and of the phrase words. */
  wordBits: number;
  phraseBits: number;
  /** Papers the filters allow (by document number), or undefined when there are no filters. */
  allowed?: Uint8Array;
  /** Matched index terms; `scratch.matched` holds positions in this list plus one. */
  matchedTerms: string[];
}

/** Adds one paper's match of one query term to the accumulators. */
function addMatch(doc: number, score: number, bit: number, slot: number, matchedId: number): void {
  const { mask, matched, touched } = scratch;
  if (mask[doc] === 0) touched[scratch.touchedCount++] = doc;
  scratch.score[doc] += score;
  mask[doc] = (mask[doc] | bit) >>> 0;
  if (slot >= 0 && matched[doc * HIGHLIGHT_TERMS + slot] === 0) matched[doc * HIGHLIGHT_TERMS + slot] = matchedId;
}

function queryTerms(query: ParsedQuery): { terms: QueryTerm[]; wordBits: number; phraseBits: number } {
  const process = (text: string) => tokenizeText(text).map(processTerm).filter((term): term is string => !!term);
  const terms: QueryTerm[] = [];
  let wordBits = 0;
  let phraseBits = 0;
  for (const text of process(query.words.join(' '))) {
    if (terms.length === MAX_TERMS) break;
    wordBits |= 1 << terms.length;
    terms.push({ text, exact: false });
  }
  for (const text of query.phrases.flatMap(process)) {
    if (terms.length === MAX_TERMS) break;
    phraseBits |= 1 << terms.length;
    terms.push({ text, exact: true });
  }
  return { terms, wordBits: wordBits >>> 0, phraseBits: phraseBits >>> 0 };
}

function allowedDocs(index: PaperIndex, query: ParsedQuery): Uint8Array {
  const allowed = new Uint8Array(index.docCount);
  for (const { segment, offset, dead } of index.segments()) markMatchingRows(segment.table, dead, query.filters, allowed, offset);
  return allowed;
}

/**
 * Adds MiniSearch's matches of every query term in title, tags, authors and note to the accumulators. `narrow` (for
 * an all-words search): terms already answered go first, and each term not remembered is looked for only among the
 * papers that have every earlier term there (and pass the filters) — the only papers that can qualify in this tier.
 * A broad word typed after selective ones then costs its few candidates instead of a third of the library.
 */
function accumulateHead(index: PaperIndex, plan: Plan, narrow: boolean): void {
  const interned = new Map<string, number>();
  const { head } = index;
  const order = plan.terms.map((_, termIndex) => termIndex);
  if (narrow) order.sort((a, b) => Number(head.isCached(plan.terms[b])) - Number(head.isCached(plan.terms[a])));
  let required = 0;
  let candidates: Set<number> | undefined;
  for (const termIndex of order) {
    const term = plan.terms[termIndex];
    const bit = (1 << termIndex) >>> 0;
    const slot = termIndex < HIGHLIGHT_TERMS ? termIndex : -1;
    const within = narrow && !head.isCached(term) ? candidateTest(index, candidates, plan.allowed) : undefined;
    for (const match of head.matches(term, within)) {
      const doc = index.numberOf(match.id);
      if (doc === undefined || (plan.allowed && !plan.allowed[doc])) continue;
      let matchedId = interned.get(match.term);
      if (matchedId === undefined) interned.set(match.term, (matchedId = plan.matchedTerms.push(match.term)));
      addMatch(doc, match.score, bit, slot, matchedId);
    }
    if (!narrow) continue;
    required = (required | bit) >>> 0;
    candidates = new Set();
    for (let i = 0; i < scratch.touchedCount; i += 1) {
      const doc = scratch.touched[i];
      if ((scratch.mask[doc] & required) >>> 0 === required) candidates.add(doc);
    }
  }
}

/** Accepts the papers among `candidates` (when known) that the filters allow (when any). */
function candidateTest(index: PaperIndex, candidates: Set<number> | undefined, allowed: Uint8Array | undefined): ((id: PaperId) => boolean) | undefined {
  if (!candidates && !allowed) return undefined;
  return (id) => {
    const doc = index.numberOf(id);
    return doc !== undefined && (!candidates || candidates.has(doc)) && (!allowed || allowed[doc] === 1);
  };
}

/** Adds the contributions of the abstracts' postings to the accumulators. */
function accumulateBody(index: PaperIndex, plan: Plan): void {
  const views = index.segments();
  const libraryRarity = (df: number) => Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
  const postingsOf = (view: SegmentView): Postings | undefined => view.segment.body;
  for (const view of views) {
    const postings = postingsOf(view);
    if (!postings) continue;
    const others = views.filter((other) => other !== view).map(postingsOf);
    for (let termIndex = 0; termIndex < plan.terms.length; termIndex += 1) {
      const term = plan.terms[termIndex];
      const bit = (1 << termIndex) >>> 0;
      // No typo tolerance in abstracts: their vocabulary is large, and a typo matching an abstract word is noise.
      for (const [position, weight] of expandTerm(postings.vocabulary, term)) {
        const text = postings.vocabulary.terms[position];
        let df = postings.documentFrequency(position);
        for (const other of others) df += other?.frequencyOf(text) ?? 0;
        const factor = (weight * libraryRarity(df)) / IMPACT_SCALE;
        const matchedId = plan.matchedTerms.push(text);
        addPostings(postings, position, view, plan.allowed, factor, bit, termIndex < HIGHLIGHT_TERMS ? termIndex : -1, matchedId);
      }
    }
  }
}

function addPostings(postings: Postings, position: number, view: SegmentView, allowed: Uint8Array | undefined, factor: number, bit: number, slot: number, matchedId: number): void {
  const { docs, impacts, offsets } = postings;
  const { dead, offset } = view;
  for (let at = offsets[position], end = offsets[position + 1]; at < end; at += 1) {
    const row = docs[at];
    if (dead?.[row]) continue;
    const doc = offset + row;
    if (allowed && !allowed[doc]) continue;
    addMatch(doc, factor * impacts[at], bit, slot, matchedId);
  }
}

interface Candidate {
  doc: number;
  score: number;
}

function qualifies(mask: number, plan: Plan, combineWith: 'AND' | 'OR'): boolean {
  if ((mask & plan.phraseBits) >>> 0 !== plan.phraseBits) return false;
  if (combineWith === 'AND') return (mask & plan.wordBits) >>> 0 === plan.wordBits;
  return plan.wordBits === 0 || (mask & plan.wordBits) !== 0;
}

/** The `limit` best candidates, best first; ties go to the more recently active paper. */
function top(index: PaperIndex, candidates: readonly Candidate[], limit: number): Candidate[] {
  const recency = (doc: number) => {
    const { table, row } = index.locate(doc);
    return table.last[row];
  };
  const better = (a: Candidate, b: Candidate) => a.score > b.score || (a.score === b.score && recency(a.doc) > recency(b.doc));
  const best: Candidate[] = [];
  for (const candidate of candidates) {
    if (best.length === limit && !better(candidate, best[limit - 1])) continue;
    let at = best.length;
    while (at > 0 && better(candidate, best[at - 1])) at -= 1;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best;
}

function toHit(index: PaperIndex, plan: Plan, candidate: Candidate): RankedHit {
  const { table, row } = index.locate(candidate.doc);
  const terms = new Set<string>();
  for (let slot = 0; slot < HIGHLIGHT_TERMS; slot += 1) {
    const matchedId = scratch.matched[candidate.doc * HIGHLIGHT_TERMS + slot];
    if (matchedId) terms.add(plan.matchedTerms[matchedId - 1]);
  }
  return { id: table.ids[row], score: candidate.score, terms: [...terms], meta: table.metaOf(row) };
}

/**
 * Papers matching in the remembered fields (title, tags, authors, note) rank first; papers matching only through
 * their abstract follow, and are looked for only when the first tier leaves room.
 */
function tieredSearch(index: PaperIndex, plan: Plan, limit: number, combineWith: 'AND' | 'OR'): Omit<Ranking, 'relaxed'> {
  scratch.ensure(index.docCount);
  const headTier = (narrow: boolean): Candidate[] => {
    accumulateHead(index, plan, narrow);
    const head: Candidate[] = [];
    for (let i = 0; i < scratch.touchedCount; i += 1) {
      const doc = scratch.touched[i];
      if (!qualifies(scratch.mask[doc], plan, combineWith)) continue;
      head.push({ doc, score: scratch.score[doc] });
      scratch.inHead[doc] = 1;
    }
    return head;
  };
  try {
    // Narrowed, the head tier is exact when it fills the page; otherwise the abstracts are needed, and they may
    // complete papers the narrowing left out (a word in the abstract, another in the title): search in full.
    const narrow = combineWith === 'AND' && (plan.terms.length > 1 || plan.allowed !== undefined);
    let head = headTier(narrow);
    if (head.length < limit && narrow) {
      scratch.reset();
      head = headTier(false);
    }
    if (head.length >= limit) {
      const hits = top(index, head, limit).map((candidate) => toHit(index, plan, candidate));
      return { hits, total: head.length, exhaustive: false, complete: true };
    }
    accumulateBody(index, plan);
    const bodyOnly: Candidate[] = [];
    for (let i = 0; i < scratch.touchedCount; i += 1) {
      const doc = scratch.touched[i];
      if (!scratch.inHead[doc] && qualifies(scratch.mask[doc], plan, combineWith)) bodyOnly.push({ doc, score: scratch.score[doc] });
    }
    const ranked = [...top(index, head, limit), ...top(index, bodyOnly, limit - head.length)];
    return {
      hits: ranked.map((candidate) => toHit(index, plan, candidate)),
      total: head.length + bodyOnly.length,
      exhaustive: index.complete,
      complete: index.complete,
    };
  } finally {
    scratch.reset();
  }
}

/**
 * Ranks the papers matching a query: words with prefix and typo tolerance, all required (falling back to any when
 * no paper has all of them), phrases' words required, filters applied inside the index. A query with only filters
 * lists the matching papers by latest activity.
 */
export function rankPapers(index: PaperIndex, query: ParsedQuery, limit: number): Ranking {
  const filtered = hasFilters(query.filters);
  const allowed = filtered ? allowedDocs(index, query) : undefined;
  if (!query.words.length && !query.phrases.length) {
    if (!allowed) return { hits: [], total: 0, exhaustive: true, relaxed: false, complete: true };
    const matching: Candidate[] = [];
    for (const { segment, offset } of index.segments()) {
      for (let row = 0; row < segment.table.size; row += 1) {
        if (allowed[offset + row]) matching.push({ doc: offset + row, score: segment.table.last[row] });
      }
    }
    const plan: Plan = { terms: [], wordBits: 0, phraseBits: 0, matchedTerms: [] };
    const hits = top(index, matching, limit).map((candidate) => toHit(index, plan, candidate));
    return { hits, total: matching.length, exhaustive: true, relaxed: false, complete: true };
  }
  const plan: Plan = { ...queryTerms(query), allowed, matchedTerms: [] };
  if (!plan.terms.length) return { hits: [], total: 0, exhaustive: true, relaxed: false, complete: true };
  const strict = tieredSearch(index, plan, limit, 'AND');
  if (strict.total > 0 || query.words.length < 2 || !plan.wordBits) return { ...strict, relaxed: false };
  const loose = tieredSearch(index, { ...plan, matchedTerms: [] }, limit, 'OR');
  return { ...loose, relaxed: loose.total > 0 };
}
