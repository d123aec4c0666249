import type { PaperId } from '../ids';
import { processTerm, tokenizeText, type StoredMeta } from './document';
import { markMatchingRows } from './filters';
import type { PaperIndex, SegmentView } from './paper-index';
import type { Postings } from './postings';
import { hasFilters, type ParsedQuery } from './query';
import { bm25, expandHeadTerm, HEAD_FIELD_BOOSTS, HEAD_FIELD_COUNT, rarity, type HeadPostings } from './head-postings';
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
 * Adds the head's matches of every query term (title, tags, authors, note) to the accumulators, scored as MiniSearch
 * scored them: per matched index term and field, BM25+ over the library's live papers times the match weight and the
 * field boost.
 */
function accumulateHead(index: PaperIndex, plan: Plan): void {
  const views = index.segments();
  const documentCount = index.size;
  const averages = HEAD_FIELD_BOOSTS.map((_, field) => index.averageHeadLength(field));
  const rarities = new Float64Array(HEAD_FIELD_COUNT);
  for (const view of views) {
    const head = view.segment.head;
    const others = views.filter((other) => other !== view).map((other) => other.segment.head);
    const otherPositions = new Int32Array(others.length);
    for (let termIndex = 0; termIndex < plan.terms.length; termIndex += 1) {
      const bit = (1 << termIndex) >>> 0;
      const slot = termIndex < HIGHLIGHT_TERMS ? termIndex : -1;
      for (const [position, weight] of expandHeadTerm(head.vocabulary, plan.terms[termIndex])) {
        const text = head.vocabulary.terms[position];
        for (let o = 0; o < others.length; o += 1) otherPositions[o] = others[o].vocabulary.indexOf(text);
        for (let field = 0; field < HEAD_FIELD_COUNT; field += 1) {
          let frequency = head.fieldFrequency(position, field);
          for (let o = 0; o < others.length; o += 1) if (otherPositions[o] >= 0) frequency += others[o].fieldFrequency(otherPositions[o], field);
          rarities[field] = rarity(documentCount, frequency);
        }
        const matchedId = plan.matchedTerms.push(text);
        addHeadEntries(head, position, view, plan.allowed, weight, rarities, averages, bit, slot, matchedId);
      }
    }
  }
}

function addHeadEntries(
  head: HeadPostings,
  position: number,
  view: SegmentView,
  allowed: Uint8Array | undefined,
  weight: number,
  rarities: Float64Array,
  averages: Float64Array,
  bit: number,
  slot: number,
  matchedId: number,
): void {
  const { docs, fields, tfs, lengths, offsets } = head;
  const { dead, offset } = view;
  for (let at = offsets[position], end = offsets[position + 1]; at < end; at += 1) {
    const row = docs[at];
    if (dead?.[row]) continue;
    const doc = offset + row;
    if (allowed && !allowed[doc]) continue;
    const field = fields[at];
    const score = weight * HEAD_FIELD_BOOSTS[field] * bm25(tfs[at], rarities[field], lengths[row * HEAD_FIELD_COUNT + field], averages[field]);
    addMatch(doc, score, bit, slot, matchedId);
  }
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

/**
 * The `limit` best of the candidates offered, best first; ties go to the more recently active paper. Offered one at a
 * time, so a broad word's tens of thousands of matches are counted and ranked without a list of them.
 */
class Best {
  readonly list: Candidate[] = [];

  constructor(
    private readonly index: PaperIndex,
    private readonly limit: number,
  ) {}

  offer(doc: number, score: number): void {
    const { list, limit } = this;
    if (limit <= 0) return;
    if (list.length === limit && !this.better(doc, score, list[limit - 1])) return;
    let at = list.length;
    while (at > 0 && this.better(doc, score, list[at - 1])) at -= 1;
    list.splice(at, 0, { doc, score });
    if (list.length > limit) list.pop();
  }

  private better(doc: number, score: number, than: Candidate): boolean {
    return score > than.score || (score === than.score && this.recency(doc) > this.recency(than.doc));
  }

  private recency(doc: number): number {
    const { table, row } = this.index.locate(doc);
    return table.last[row];
  }
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
  try {
    accumulateHead(index, plan);
    const head = new Best(index, limit);
    let headCount = 0;
    for (let i = 0; i < scratch.touchedCount; i += 1) {
      const doc = scratch.touched[i];
      if (!qualifies(scratch.mask[doc], plan, combineWith)) continue;
      headCount += 1;
      head.offer(doc, scratch.score[doc]);
      scratch.inHead[doc] = 1;
    }
    if (headCount >= limit) {
      const hits = head.list.map((candidate) => toHit(index, plan, candidate));
      return { hits, total: headCount, exhaustive: false, complete: true };
    }
    accumulateBody(index, plan);
    const bodyOnly = new Best(index, limit - headCount);
    let bodyCount = 0;
    for (let i = 0; i < scratch.touchedCount; i += 1) {
      const doc = scratch.touched[i];
      if (scratch.inHead[doc] || !qualifies(scratch.mask[doc], plan, combineWith)) continue;
      bodyCount += 1;
      bodyOnly.offer(doc, scratch.score[doc]);
    }
    const ranked = [...head.list, ...bodyOnly.list];
    return {
      hits: ranked.map((candidate) => toHit(index, plan, candidate)),
      total: headCount + bodyCount,
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
    const matching = new Best(index, limit);
    let total = 0;
    for (const { segment, offset } of index.segments()) {
      for (let row = 0; row < segment.table.size; row += 1) {
        if (!allowed[offset + row]) continue;
        total += 1;
        matching.offer(offset + row, segment.table.last[row]);
      }
    }
    const plan: Plan = { terms: [], wordBits: 0, phraseBits: 0, matchedTerms: [] };
    const hits = matching.list.map((candidate) => toHit(index, plan, candidate));
    return { hits, total, exhaustive: true, relaxed: false, complete: true };
  }
  const plan: Plan = { ...queryTerms(query), allowed, matchedTerms: [] };
  if (!plan.terms.length) return { hits: [], total: 0, exhaustive: true, relaxed: false, complete: true };
  const strict = tieredSearch(index, plan, limit, 'AND');
  if (strict.total > 0 || query.words.length < 2 || !plan.wordBits) return { ...strict, relaxed: false };
  const loose = tieredSearch(index, { ...plan, matchedTerms: [] }, limit, 'OR');
  return { ...loose, relaxed: loose.total > 0 };
}
