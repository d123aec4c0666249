import { chromium } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PAGES, WELCOME_URL } from '../../scripts/demo/demo';
import { expect, readJsonFixture, test } from './extension';

/*
 * `npm start --demo` as a person runs it: the start script in its own process, with a window on a virtual display
 * (xvfb-run; headless when it is not installed). The test attaches over the DevTools port the script lets it open,
 * looks, detaches, and stops the script with a signal, as Ctrl+C or a kill would.
 */

const XVFB_RUN = '/usr/bin/xvfb-run';
const daily = readJsonFixture<Record<string, { url: string; ids: string[] }>>('hf/manifest.json')['daily-2026-10-02.html'];

function startScript(): ChildProcess {
  const script = ['node', '--import', 'tsx', 'scripts/start.ts', '--demo', '--no-build', '--remote-debugging-port=0'];
  const [command, ...args] = existsSync(XVFB_RUN) ? [XVFB_RUN, '-a', '-s', '-screen 0 1280x900x24', ...script] : [...script, '--headless'];
  // Its own process group, so that whatever is left after the test can be ended together.
  return spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

test('npm start --demo opens the fixture pages with their strips behind a welcome tab, and a kill ends it and deletes its profile', async () => {
  test.setTimeout(180_000);
  const child = startScript();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let profileDir = '';
  try {
    await expect.poll(() => output, { timeout: 120_000, message: 'the script says the demo runs' }).toMatch(/Shelfmark demo running/);
    const [, profile, pid] = /profile (\S+), deleted on exit; script pid (\d+)/.exec(output) ?? [];
    profileDir = profile;
    expect(path.basename(profileDir)).toMatch(/^shelfmark-demo-/);
    const portFile = path.join(profileDir, 'DevToolsActivePort');
    await expect.poll(() => existsSync(portFile)).toBe(true);
    const port = readFileSync(portFile, 'utf8').split('\n')[0];

    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    try {
      const pages = browser.contexts().flatMap((context) => context.pages());
      expect(pages.map((page) => page.url()).sort()).toEqual([WELCOME_URL, ...DEMO_PAGES.map((page) => page.url)].sort());

      const listing = pages.find((page) => page.url() === daily.url);
      expect(listing, 'the first listing page is open').toBeDefined();
      await expect.poll(() => listing!.locator('[data-shelfmark-id] shelfmark-controls').count()).toBe(daily.ids.length);

      const welcome = pages.find((page) => page.url() === WELCOME_URL)!;
      const paragraph = (await welcome.locator('#what-to-try').textContent()) ?? '';
      for (const phrase of ['demo data', 'Save', 'Tag', 'Hide', 'Alt+Shift+S', 'reading list']) expect(paragraph.replace(/\s+/g, ' ')).toContain(phrase);
      const links = await welcome.locator('a').evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
      expect(links).toEqual(DEMO_PAGES.map((page) => page.url));
    } finally {
      // Detaches only: the demo's browser belongs to the script.
      await browser.close();
    }
    expect(child.exitCode, 'the demo keeps running until it is stopped').toBeNull();

    process.kill(Number(pid), 'SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(existsSync(profileDir), 'the demo profile is deleted').toBe(false);
  } finally {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(-child.pid, 'SIGKILL');
      await exited(child);
    }
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
});
