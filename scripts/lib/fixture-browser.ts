import { chromium, type BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Chromium with the built extension, and fixture pages served at their real URLs: shared by the end-to-end tests, the
 * in-browser benchmarks and `npm start`'s offline demo, so the figures and the demo show the extension the tests
 * exercise.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
export const FIXTURES_DIR = path.join(ROOT, 'tests/fixtures');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// A 1×1 transparent PNG: thumbnails and avatars load without network and without console errors.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAw6AAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface FixtureServer {
  /** Serves a fixture file (path under tests/fixtures) at a real URL, e.g. https://huggingface.co/papers/trending. */
  serve(url: string, fixture: string): void;
  /** Serves literal HTML at a real URL. */
  serveHtml(url: string, html: string): void;
}

export function readFixture(fixture: string): string {
  return readFileSync(path.join(FIXTURES_DIR, fixture), 'utf8');
}

export function readJsonFixture<T>(fixture: string): T {
  return JSON.parse(readFixture(fixture)) as T;
}

function normalize(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.toString();
}

/** Answers every http(s) request of the context: registered pages, a pixel for images, an empty 204 otherwise. */
export async function serveFixtures(context: BrowserContext): Promise<FixtureServer> {
  const pages = new Map<string, string>();
  await context.route(/^https?:\/\//, async (route) => {
    const request = route.request();
    const html = pages.get(normalize(request.url()));
    if (html !== undefined && request.resourceType() === 'document') {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else if (request.resourceType() === 'image') {
      await route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
    } else {
      // The machine is offline: anything else a page asks for gets an empty answer instead of a network error.
      await route.fulfill({ status: 204, body: '' });
    }
  });
  return {
    serve: (url, fixture) => pages.set(normalize(url), readFixture(fixture)),
    serveHtml: (url, html) => pages.set(normalize(url), html),
  };
}

export interface LaunchOptions {
  /** Tests and benchmarks run headless; the demo opens a window. */
  headless?: boolean;
  /** Extra Chromium switches, e.g. `--remote-debugging-port=0` so another client can attach. */
  args?: readonly string[];
  /** A window for a person: the viewport follows the window, Chromium shows no "controlled by automated test
   * software" bar, and Ctrl+C or a kill is left to the caller, which closes the browser (then deletes its profile). */
  forPerson?: boolean;
}

/** Debian Chromium with the built extension; an empty profile directory means a throwaway profile. */
export function launchWithExtension(profileDir = '', options: LaunchOptions = {}): Promise<BrowserContext> {
  const { headless = true, args = [], forPerson = false } = options;
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless,
    ...(forPerson
      ? { viewport: null, ignoreDefaultArgs: ['--enable-automation'], handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }
      : {}),
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
}

