import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EvalPage, EvalPaper, EvalTopic } from '../../lib/relevance/evaluation';

const SEEDS = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

/** The seed papers and pages as the relevance evaluation takes them (tests/fixtures/seeds, see its README). */
export function relevanceSeeds(): { papers: EvalPaper[]; pages: EvalPage[]; topics: EvalTopic[] } {
  const raw = JSON.parse(readFileSync(`${SEEDS}papers.json`, 'utf8')) as Array<{ arxivId: string; title: string; abstract?: string }>;
  const pages = JSON.parse(readFileSync(`${SEEDS}pages.json`, 'utf8')) as Array<{ capture: string; arxivIds: string[] }>;
  return {
    papers: raw.map((paper) => ({ id: paper.arxivId, title: paper.title, abstract: paper.abstract })),
    pages: pages.map((page) => ({ name: page.capture, ids: page.arxivIds })),
    // The two search captures: results for distributed training and for clustering.
    topics: [
      { name: 'distributed training', page: '000_a96c0aec066cf5dd', word: /distribut/i },
      { name: 'clustering', page: '001_2eb59af7a1cf0c7c', word: /cluster/i },
    ],
  };
}
