// Builds the extension and opens Chromium with it loaded, in a throwaway profile, on the real sites when they answer,
// else (or with --demo) on the offline demo: the project's fixture pages served at their real URLs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemo } from './demo/demo';
import { EXTENSION_DIR } from './lib/fixture-browser';

const USAGE = `usage: npm start [-- [--demo] [--headless] [--no-build] [--remote-debugging-port=N]]
  --demo                     the offline demo even when the real sites answer
  --headless                 no window, always the demo (for checks on machines without a display)
  --no-build                 use the existing .output/chrome-mv3
  --remote-debugging-port=N  let DevTools or Playwright attach (0: any free port, see DevToolsActivePort in the profile)`;

const REAL_SITES = ['https://huggingface.co/papers', 'https://arxiv.org/list/cs.LG/new'];
// Long enough for a slow but working connection to answer, short enough that an offline start does not feel stuck.
const PROBE_TIMEOUT_MS = 3_000;

interface Options {
  demo: boolean;
  headless: boolean;
  build: boolean;
  chromiumArgs: string[];
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { demo: false, headless: false, build: true, chromiumArgs: [] };
  for (const arg of argv) {
    if (arg === '--demo') options.demo = true;
    else if (arg === '--headless') options.headless = true;
    else if (arg === '--no-build') options.build = false;
    else if (/^--remote-debugging-port=\d+$/.test(arg)) options.chromiumArgs.push(arg);
    else {
      console.error(`${arg === '--help' || arg === '-h' ? '' : `unknown option ${arg}\n`}${USAGE}`);
      process.exit(arg === '--help' || arg === '-h' ? 0 : 2);
    }
  }
  return options;
}

/** The real sites that answer at all (any HTTP status) within the timeout. */
async function reachable(urls: readonly string[]): Promise<string[]> {
  const answers = await Promise.all(
    urls.map((url) =>
      fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
        () => true,
        () => false,
      ),
    ),
  );
  return urls.filter((_, index) => answers[index]);
}

/** Deletes a throwaway profile on the way out; a failure there must not turn a clean exit into a crash. */
function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    console.error(`Could not delete the profile ${dir}`);
  }
}

/** Signals that should end the start script (Ctrl+C, kill, a closed terminal). */
function onStopSignal(stop: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // A second signal while the browser is closing means "now": leave at once.
      if (stopping) process.exit(1);
      stopping = true;
      stop(signal);
    });
  }
}

async function runDemo(options: Options): Promise<void> {
  const demo = await startDemo({ headless: options.headless, args: options.chromiumArgs });
  onStopSignal(() => void demo.close());
  // Last resort if the script exits another way: the profile must not outlive it.
  process.on('exit', () => removeQuietly(demo.profileDir));
  console.log(`Shelfmark demo running (profile ${demo.profileDir}, deleted on exit; script pid ${process.pid}).`);
  console.log('Close the browser window or press Ctrl+C to end it.');
  await demo.ended;
  process.exit(0);
}

function runReal(options: Options, sites: readonly string[]): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const profile = mkdtempSync(path.join(tmpdir(), 'shelfmark-profile-'));
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-first-run',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...options.chromiumArgs,
    ...sites,
  ];
  console.log(`Starting ${chromium} with ${EXTENSION_DIR} (profile ${profile}, deleted on exit)`);
  const browser = spawn(chromium, args, { stdio: 'inherit' });
  onStopSignal((signal) => browser.kill(signal));
  process.on('exit', () => removeQuietly(profile));
  browser.on('exit', (code) => process.exit(code ?? 0));
}

const options = parseArgs(process.argv.slice(2));
if (options.build) {
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`No build in ${EXTENSION_DIR}: run without --no-build (or npx wxt build) first.`);
  process.exit(1);
}

// Headless is for checks on machines without a display: nobody would see the real sites, so it always runs the demo.
const sites = options.demo || options.headless ? [] : await reachable(REAL_SITES);
if (sites.length > 0) {
  runReal(options, sites);
} else {
  if (!options.demo) {
    console.log(
      options.headless
        ? 'Headless: starting the offline demo.'
        : `${REAL_SITES.map((url) => new URL(url).host).join(' and ')} did not answer within ${PROBE_TIMEOUT_MS / 1000} s: starting the offline demo.`,
    );
  }
  await runDemo(options);
}
