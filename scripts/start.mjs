// Builds the extension and opens Chromium with it loaded, in a throwaway profile, on a page Shelfmark augments.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extension = path.resolve('.output/chrome-mv3');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const profile = mkdtempSync(path.join(tmpdir(), 'shelfmark-profile-'));
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  '--no-first-run',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  'https://huggingface.co/papers',
];
console.log(`Starting ${chromium} with ${extension} (profile ${profile})`);
spawn(chromium, args, { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
