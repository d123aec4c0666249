// Per-card read cost of each site adapter on the largest page of its site, in Node with happy-dom. This is the
// adapter's own share (parsing excluded, the card layer's marking and strips excluded; those are measured in Chromium
// by arxiv-annotate). Pages are the unit-test fixtures with their card repeated to each site's real largest size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Window } from 'happy-dom';
import { adapterFor } from '../../lib/sites/index';

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures');

export interface Case {
  site: string;
  url: string;
  file: string;
  /** The repeated card as a regular expression over the fixture, and how many cards the largest real page has. */
  card: RegExp;
  count: number;
}

export const CASES: Case[] = [
  { site: 'OpenReview tab (rendered page)', url: 'https://openreview.net/group?id=ICLR.cc/2026/Conference', file: 'openreview/group-ICLR2026-rendered.html', card: /<li><div class="note {2}undefined">.*?<\/div><\/li>/s, count: 25 },
  { site: 'NeurIPS 2024 year index', url: 'https://proceedings.neurips.cc/paper_files/paper/2024', file: 'neurips/year-2024.html', card: /<li class="conference"><div class="paper-content">.*?<\/li>/s, count: 4500 },
  { site: 'PMLR v267 volume', url: 'https://proceedings.mlr.press/v267/', file: 'pmlr/volume-v267.html', card: /<div class="paper">.*?<\/div>/s, count: 3300 },
  { site: 'CVF CVPR2025 ?day=all', url: 'https://openaccess.thecvf.com/CVPR2025?day=all', file: 'cvf/CVPR2025-day-all.html', card: /<dt class="ptitle">.*?<\/dd>\s*<dd>.*?<\/dd>/s, count: 2900 },
  { site: 'ACL event (all volumes)', url: 'https://aclanthology.org/events/acl-2025/', file: 'acl/volume-2025.acl-long.html', card: /<div class="d-sm-flex align-items-stretch mb-3"><div class="d-block me-2 list-button-row">(?:(?!<div class="d-sm-flex).)*?acl-long\.2\.pdf.*?abstract-collapse" id=abstract-2025--acl-long--2>.*?<\/div><\/div>/s, count: 3000 },
  { site: 'Google Scholar results', url: 'https://scholar.google.com/scholar?q=x', file: 'scholar/results-turboquant.html', card: /<div class="gs_r gs_or gs_scl" data-cid="XEec5xrhXmEJ".*?<\/div><\/div><\/div>\n/s, count: 20 },
];

export function repeated(html: string, card: RegExp, count: number): string {
  const match = card.exec(html);
  if (!match) throw new Error(`card pattern not found: ${card}`);
  const copies: string[] = [];
  for (let i = 0; i < count; i++) {
    // Distinct titles and ids, so every card is its own paper.
    copies.push(match[0].replace(/(tO3ASKZlok|5a7c947568c1b1328ccc5230172e1e7c|liu25bi|Wang_VGGT|acl-long\.2|acl-long--2|XEec5xrhXmEJ|2504\.19874|2503\.11651)/g, (id) => `${id}${i}`).replace(/>([A-Z][^<]{8,})</, `>$1 ${i}<`));
  }
  return html.replace(match[0], copies.join('\n'));
}

export async function main(): Promise<void> {
  console.log('| page | cards | read ms (median of 5) | µs per card |');
  console.log('|---|---:|---:|---:|');
  for (const item of CASES) {
    const html = repeated(readFileSync(join(FIXTURES, item.file), 'utf8'), item.card, item.count);
    const window = new Window({ url: item.url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
    window.document.write(html);
    const doc = window.document as unknown as Document;
    const adapter = adapterFor(new URL(item.url))!;
    const times: number[] = [];
    let cards = 0;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      cards = 0;
      for (const entry of adapter.scan(doc)) if (entry.card) cards++;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[2];
    console.log(`| ${item.site} | ${cards} | ${median.toFixed(1)} | ${((median * 1000) / Math.max(cards, 1)).toFixed(0)} |`);
    await window.happyDOM.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
