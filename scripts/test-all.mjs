// Runs every check the project has, in order, and ends with one plain summary line for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-reports/unit.json']],
  ['build (Chrome)', 'npx', ['wxt', 'build']],
  ['build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
  ['end-to-end tests (Firefox)', 'npx', ['playwright', 'test', '-c', 'playwright.firefox.config.ts']],
  ['addons-linter (Firefox build)', 'node', ['scripts/lint-firefox.mjs']],
];

rmSync('test-reports', { recursive: true, force: true });
let failedStep;
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

function counts(file, read) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  return read(JSON.parse(readFileSync(file, 'utf8')));
}
const unit = counts('test-reports/unit.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
}));
const playwrightCounts = (r) => ({
  passed: r.stats.expected,
  failed: r.stats.unexpected + r.stats.flaky,
  skipped: r.stats.skipped,
});
const chromium = counts('test-reports/e2e.json', playwrightCounts);
const firefox = counts('test-reports/firefox.json', playwrightCounts);
const e2e = { passed: chromium.passed + firefox.passed, failed: chromium.failed + firefox.failed, skipped: chromium.skipped + firefox.skipped };
const failed = unit.failed + e2e.failed + (failedStep && unit.failed + e2e.failed === 0 ? 1 : 0);
if (failedStep) console.log(`\nStopped at: ${failedStep}`);
console.log(`\nunit ${unit.passed}/${unit.passed + unit.failed}, end-to-end ${e2e.passed}/${e2e.passed + e2e.failed}`);
console.log(`tests: ${unit.passed + e2e.passed} passed, ${failed} failed, ${unit.skipped + e2e.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
