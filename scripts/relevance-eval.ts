// Prints the offline evaluation of docs/relevance.md: `npx tsx scripts/relevance-eval.ts [--json out.json]`.
import { writeFileSync } from 'node:fs';
import { evaluate, formatTable } from '../lib/relevance/evaluation';
import { relevanceSeeds } from '../tests/helpers/relevance-seeds';

const seeds = relevanceSeeds();
const started = performance.now();
const rows = evaluate({ ...seeds, savedCounts: [1, 2, 3, 5, 10, 20], trials: 10 });
console.log(formatTable(rows.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.saved - b.saved)));
console.log(`\n${seeds.papers.length} papers, ${seeds.pages.length} pages, ${((performance.now() - started) / 1000).toFixed(1)} s`);
const out = process.argv.indexOf('--json');
if (out > 0) writeFileSync(process.argv[out + 1], JSON.stringify(rows, null, 2));
