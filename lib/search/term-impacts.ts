import type { PaperId } from '../ids';
import type { PaperRecord } from '../paper';
import { headPaper, type HeadPaper } from './head-postings';
import { BODY_FIELDS, FIELD_BOOSTS, metaOf, processTerm, toSearchDocument, tokenizeText, type StoredMeta } from './document';

type BodyField = (typeof BODY_FIELDS)[number];

/**
 * BM25's per-document half (term frequency saturated by field length, times the field boost), computed once at
 * indexing time and stored as one byte per posting; the query multiplies it by the term's rarity. Field lengths are
 * measured against fixed typical lengths rather than the library's averages, so an impact never needs recomputing
 * when other papers are added.
 */
const K1 = 1.2;
const B = 0.7;
const TYPICAL_LENGTH: Record<BodyField, number> = { abstract: 150 };

/** Impacts are stored as round(impact × IMPACT_SCALE) in a byte. */
export const IMPACT_SCALE = 10;

/** One paper as the index stores it: filter metadata, its head terms, and the quantized impact of each abstract term. */
export interface IndexedPaper {
  id: PaperId;
  meta: StoredMeta;
  head: HeadPaper;
  body: Map<string, number>;
}

function addField(impacts: Map<string, number>, field: BodyField, text: string): void {
  const counts = new Map<string, number>();
  let length = 0;
  for (const token of tokenizeText(text)) {
    const term = processTerm(token);
    if (!term) continue;
    length += 1;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const norm = K1 * (1 - B + (B * length) / TYPICAL_LENGTH[field]);
  for (const [term, tf] of counts) {
    const impact = (FIELD_BOOSTS[field] * tf * (K1 + 1)) / (tf + norm);
    impacts.set(term, (impacts.get(term) ?? 0) + impact);
  }
}

function quantize(impacts: Map<string, number>): Map<string, number> {
  for (const [term, impact] of impacts) impacts.set(term, Math.max(1, Math.min(255, Math.round(impact * IMPACT_SCALE))));
  return impacts;
}

export function indexPaper(record: PaperRecord): IndexedPaper {
  const document = toSearchDocument(record);
  const body = new Map<string, number>();
  for (const field of BODY_FIELDS) addField(body, field, document[field]);
  return { id: record.id, meta: metaOf(record), head: headPaper(record), body: quantize(body) };
}
