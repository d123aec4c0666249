// Runs Mozilla's addons-linter (what addons.mozilla.org runs on upload) on the Firefox build. Fails on any error and
// on any warning not listed below; each listed warning says why it stays (details in docs/firefox.md).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const BUILD = '.output/firefox-mv2';
const SOURCES = ['components', 'entrypoints', 'lib'];

/** Excerpt of a bundle around the reported place (bundles are minified: line and column matter). */
function around(file, line, column, width = 160) {
  const text = readFileSync(path.join(BUILD, file), 'utf8').split('\n')[(line ?? 1) - 1] ?? '';
  const at = column ?? 0;
  return text.slice(Math.max(0, at - width), at + width);
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx)$/.test(name)) yield full;
  }
}

// Our own code never writes HTML: then the only innerHTML writes in the bundles are Preact's.
const htmlWriters = [];
for (const dir of SOURCES) {
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    if (/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(text)) htmlWriters.push(file);
  }
}

const ACCEPTED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "Preact's renderer applies the dangerouslySetInnerHTML prop, which no Shelfmark component passes",
    matches: (message) => htmlWriters.length === 0 && /dangerouslySetInnerHTML|__html/.test(around(message.file, message.line, message.column)),
  },
  {
    code: 'DANGEROUS_EVAL',
    why: 'lodash\'s global lookup `Function("return this")` bundled with the BibTeX parser (lib/import, issue 19); never called, since `self` exists in every page and worker (and the extension CSP forbids eval)',
    matches: (message) => /(^|\/)(import-worker|import-job)-[\w-]+\.js$/.test(message.file) && /Function\("return this"\)/.test(around(message.file, message.line, message.column, 400)),
  },
];

const run = spawnSync(process.execPath, ['node_modules/addons-linter/bin/addons-linter', '--output', 'json', BUILD], { encoding: 'utf8', maxBuffer: 64 << 20 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(run.stdout, run.stderr);
  console.error('addons-linter gave no JSON report');
  process.exit(1);
}

let unexpected = 0;
for (const error of report.errors) {
  unexpected += 1;
  console.log(`ERROR ${error.code} ${error.file ?? ''}:${error.line ?? ''} ${error.message}`);
}
for (const warning of report.warnings) {
  const accepted = ACCEPTED.find((rule) => rule.code === warning.code && rule.matches(warning));
  if (accepted) console.log(`accepted warning ${warning.code} in ${warning.file}: ${accepted.why}`);
  else {
    unexpected += 1;
    console.log(`WARNING ${warning.code} ${warning.file ?? ''}:${warning.line ?? ''} ${warning.message}: ${warning.description ?? ''}`);
  }
}
for (const notice of report.notices) console.log(`notice ${notice.code} ${notice.file ?? ''} ${notice.message}`);
if (htmlWriters.length > 0) console.log(`Our sources write HTML (page text must never be inserted as HTML): ${htmlWriters.join(', ')}`);
console.log(`addons-linter: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${unexpected} not accepted), ${report.summary.notices} notices`);
process.exit(unexpected === 0 && htmlWriters.length === 0 ? 0 : 1);
