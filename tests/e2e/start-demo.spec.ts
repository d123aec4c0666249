import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PAGES, WELCOME_URL } from '../../scripts/demo/demo';
import { expect, readJsonFixture, test } from './extension';

/*
 * `npm start --demo` as a person runs it: the start script in its own process, with a window on a virtual display
 * (xvfb-run; headless when it is not installed). The test attaches over the DevTools port the script lets it open,
 * and the demo ends as a person ends it: with a signal (Ctrl+C, kill) or by quitting the browser.
 */

const XVFB_RUN = '/usr/bin/xvfb-run';
const daily = readJsonFixture<Record<string, { url: string; ids: string[] }>>('hf/manifest.json')['daily-2026-10-02.html'];

interface RunningDemo {
  child: ChildProcess;
  scriptPid: number;
  profileDir: string;
  browser: Browser;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts the script, waits until it says the demo runs, attaches; always stops what it started. */
async function withDemo(body: (demo: RunningDemo) => Promise<void>): Promise<void> {
  const script = ['node', '--import', 'tsx', 'scripts/start.ts', '--demo', '--no-build', '--remote-debugging-port=0'];
  const [command, ...args] = existsSync(XVFB_RUN) ? [XVFB_RUN, '-a', '-s', '-screen 0 1280x900x24', ...script] : [...script, '--headless'];
  // Its own process group, so that whatever is left after the test can be ended together.
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let profileDir = '';
  let browser: Browser | undefined;
  try {
    await expect.poll(() => output, { timeout: 120_000, message: 'the script says the demo runs' }).toMatch(/Shelfmark demo running/);
    const [, profile, pid] = /profile (\S+), deleted on exit; script pid (\d+)/.exec(output) ?? [];
    profileDir = profile;
    expect(path.basename(profileDir)).toMatch(/^shelfmark-demo-/);
    const portFile = path.join(profileDir, 'DevToolsActivePort');
    await expect.poll(() => existsSync(portFile)).toBe(true);
    const port = readFileSync(portFile, 'utf8').split('\n')[0];
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    await body({ child, scriptPid: Number(pid), profileDir, browser });
    expect(output).not.toContain('Could not delete');
  } finally {
    // Detaches only (the browser belongs to the script), then ends anything still running.
    await browser?.close().catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(-child.pid, 'SIGKILL');
      await exited(child);
    }
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
}

test('npm start --demo opens the fixture pages with their strips behind a welcome tab; a kill ends it and deletes its profile', async () => {
  test.setTimeout(180_000);
  await withDemo(async ({ child, scriptPid, profileDir, browser }) => {
    const pages = browser.contexts().flatMap((context) => context.pages());
    expect(pages.map((page) => page.url()).sort()).toEqual([WELCOME_URL, ...DEMO_PAGES.map((page) => page.url)].sort());

    const listing = pages.find((page) => page.url() === daily.url);
    expect(listing, 'the first listing page is open').toBeDefined();
    await expect.poll(() => listing!.locator('[data-shelfmark-id] shelfmark-controls').count()).toBe(daily.ids.length);

    const welcome = pages.find((page) => page.url() === WELCOME_URL)!;
    const paragraph = ((await welcome.locator('#what-to-try').textContent()) ?? '').replace(/\s+/g, ' ');
    for (const phrase of ['demo data', 'Save', 'Tag', 'Hide', 'Alt+Shift+S', 'reading list']) expect(paragraph).toContain(phrase);
    const links = await welcome.locator('a').evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(links).toEqual(DEMO_PAGES.map((page) => page.url));

    await browser.close();
    expect(child.exitCode, 'the demo keeps running until it is stopped').toBeNull();
    process.kill(scriptPid, 'SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(existsSync(profileDir), 'the demo profile is deleted').toBe(false);
  });
});

test('quitting the demo browser ends npm start and deletes the demo profile', async () => {
  test.setTimeout(180_000);
  await withDemo(async ({ child, profileDir, browser }) => {
    // What closing the last window does: the browser quits on its own, not through the script.
    const session = await browser.newBrowserCDPSession();
    await session.send('Browser.close').catch(() => undefined);
    expect(await exited(child)).toBe(0);
    expect(existsSync(profileDir), 'the demo profile is deleted').toBe(false);
  });
});
