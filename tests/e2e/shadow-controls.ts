import type { CDPSession, Page } from '@playwright/test';

/**
 * Acts on Shelfmark's strips and bar as a user would, through their closed shadow roots. Playwright's locators do
 * not pierce closed roots (nor should a page script); the DevTools protocol does: the accessibility tree includes
 * them, so controls are found by role and name, and clicks are real mouse events at the control's box (trusted).
 */

interface AxNode {
  ignored: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** Not a role: finds the element by its documented `part` name (the styling contract). */
const PART = '::part';
const POLL_MS = 50;
const TIMEOUT_MS = 10_000;

async function poll<T>(what: string, read: () => Promise<T | null>, timeout = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`shadow-controls: ${what} not found within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The backend node id of the page-reachable host element the expression evaluates to, or null. */
async function hostNode(page: Page, expression: string): Promise<number | null> {
  const session = await cdp(page);
  const { result } = await session.send('Runtime.evaluate', { expression });
  if (!result.objectId) return null;
  const { node } = await session.send('DOM.describeNode', { objectId: result.objectId });
  await session.send('Runtime.releaseObject', { objectId: result.objectId });
  return node.backendNodeId;
}

async function call<T>(page: Page, backendNodeId: number, fn: string, ...args: unknown[]): Promise<T> {
  const session = await cdp(page);
  const { object } = await session.send('DOM.resolveNode', { backendNodeId });
  try {
    const { result, exceptionDetails } = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: fn,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value as T;
  } finally {
    await session.send('Runtime.releaseObject', { objectId: object.objectId! });
  }
}

/**
 * Like Playwright's getByLabel: the element whose aria-label is the name, found in the DOM under the host (a "Note"
 * button is not the note; a paragraph's aria-label is not an accessible name in Chromium's tree).
 */
async function labelledNode(page: Page, host: number, label: string): Promise<number | null> {
  return nodeWithAttribute(page, host, (name, value) => name === 'aria-label' && value === label);
}

/** The first element under the host (shadow roots included) with an attribute the test accepts. */
async function nodeWithAttribute(page: Page, host: number, accepts: (name: string, value: string) => boolean): Promise<number | null> {
  const session = await cdp(page);
  const { node } = (await session.send('DOM.describeNode', { backendNodeId: host, depth: -1, pierce: true })) as { node: DomNode };
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const attributes = current.attributes ?? [];
    for (let i = 0; i < attributes.length; i += 2) {
      if (accepts(attributes[i], attributes[i + 1])) return current.backendNodeId;
    }
    stack.push(...(current.shadowRoots ?? []), ...(current.children ?? []));
  }
  return null;
}

export interface NameMatch {
  /** Whole-name match (default); otherwise the name only has to contain the text. */
  exact?: boolean;
}

export class ShadowControl {
  constructor(
    private readonly page: Page,
    private readonly scope: () => Promise<number | null>,
    private readonly role: string | null,
    private readonly name: string,
    private readonly match: NameMatch,
  ) {}

  /** The control's node now, or null when its strip or the control itself is not drawn. */
  async find(): Promise<number | null> {
    const host = await this.scope();
    if (host === null) return null;
    const found = await this.findUnder(host);
    // Strips below the first screen are drawn when scrolled near: bring the host into view, as a reader would.
    if (found === null) await (await cdp(this.page)).send('DOM.scrollIntoViewIfNeeded', { backendNodeId: host }).catch(() => {});
    return found;
  }

  private async findUnder(host: number): Promise<number | null> {
    if (this.role === PART) return nodeWithAttribute(this.page, host, (name, value) => name === 'part' && value.split(' ').includes(this.name));
    if (!this.role) return labelledNode(this.page, host, this.name);
    const exact = this.match.exact ?? true;
    const session = await cdp(this.page);
    const { nodes } = (await session.send('Accessibility.queryAXTree', { backendNodeId: host, role: this.role })) as {
      nodes: AxNode[];
    };
    const hit = nodes.find((node) => {
      const name = node.name?.value ?? '';
      return !node.ignored && node.backendDOMNodeId !== undefined && (exact ? name === this.name : name.includes(this.name));
    });
    return hit?.backendDOMNodeId ?? null;
  }

  private node(): Promise<number> {
    return poll(`${this.role ?? 'element'} "${this.name}"`, () => this.find());
  }

  async exists(): Promise<boolean> {
    return (await this.find()) !== null;
  }

  /** A trusted click at the centre of the control, scrolled into view first. */
  async click(): Promise<void> {
    const session = await cdp(this.page);
    const [x, y] = await poll(`clickable ${this.role ?? 'element'} "${this.name}"`, async () => {
      const backendNodeId = await this.find();
      if (backendNodeId === null) return null;
      await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
      const { quads } = await session.send('DOM.getContentQuads', { backendNodeId });
      const quad = quads[0];
      if (!quad) return null;
      const xs = [quad[0], quad[2], quad[4], quad[6]];
      const ys = [quad[1], quad[3], quad[5], quad[7]];
      return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2] as const;
    });
    await this.page.mouse.click(x, y);
  }

  /** Focuses the control (as a Tab would), then presses a key: real keyboard input. */
  async press(key: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press(key);
  }

  async focus(): Promise<void> {
    const session = await cdp(this.page);
    await session.send('DOM.focus', { backendNodeId: await this.node() });
  }

  /** Picks a select's option by typing its label, as a keyboard user would (the change event is trusted). */
  async selectOption(label: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.type(label);
  }

  /** Replaces the field's text by typing, as a user would. */
  async fill(text: string): Promise<void> {
    await this.focus();
    // Only a field holding text is cleared: Backspace in an empty tag box removes the last tag.
    if (await this.value()) {
      await this.page.keyboard.press('ControlOrMeta+a');
      await this.page.keyboard.press('Backspace');
    }
    if (text) await this.page.keyboard.type(text);
  }

  async attribute(name: string): Promise<string | null> {
    return call(this.page, await this.node(), 'function (name) { return this.getAttribute(name); }', name);
  }

  async value(): Promise<string> {
    return call(this.page, await this.node(), 'function () { return this.value; }');
  }

  /** A computed style property of the control. */
  async style(property: string): Promise<string> {
    return call(this.page, await this.node(), 'function (name) { return getComputedStyle(this).getPropertyValue(name); }', property);
  }

  /** The control's rendered text. */
  async text(): Promise<string> {
    return call(this.page, await this.node(), 'function () { return this.innerText.replace(/\\s+/g, " ").trim(); }');
  }

  async isFocused(): Promise<boolean> {
    const backendNodeId = await this.find();
    if (backendNodeId === null) return false;
    return call(this.page, backendNodeId, 'function () { return this.getRootNode().activeElement === this; }');
  }
}

export class ShadowScope {
  constructor(
    private readonly page: Page,
    private readonly host: () => Promise<number | null>,
    private readonly label: string,
  ) {}

  /** A role, or null for `labelled`: the element whose aria-label is the name (Playwright's getByLabel). */
  control(role: string | null, name: string, match: NameMatch = {}): ShadowControl {
    return new ShadowControl(this.page, this.host, role, name, match);
  }

  labelled(name: string, match?: NameMatch): ShadowControl {
    return this.control(null, name, match);
  }

  /** The element exposed as `::part(name)`, e.g. the stub's `reason`. */
  part(name: string): ShadowControl {
    return this.control(PART, name);
  }

  option(name: string, match?: NameMatch): ShadowControl {
    return this.control('option', name, match);
  }

  button(name: string, match?: NameMatch): ShadowControl {
    return this.control('button', name, match);
  }

  combobox(name: string, match?: NameMatch): ShadowControl {
    return this.control('combobox', name, match);
  }

  textbox(name: string, match?: NameMatch): ShadowControl {
    return this.control('textbox', name, match);
  }

  region(name: string, match?: NameMatch): ShadowControl {
    return this.control('region', name, match);
  }

  checkbox(name: string, match?: NameMatch): ShadowControl {
    return this.control('checkbox', name, match);
  }

  /** Whether the host element is on the page (its UI may not be drawn yet). */
  async exists(): Promise<boolean> {
    return (await this.host()) !== null;
  }

  /** The rendered text of everything inside the shadow root ("" while nothing is drawn). */
  async text(): Promise<string> {
    const host = await poll(this.label, this.host);
    const session = await cdp(this.page);
    const { node } = (await session.send('DOM.describeNode', { backendNodeId: host, depth: 2, pierce: true })) as { node: DomNode };
    const root = node.shadowRoots?.[0];
    const container = root?.children?.find((child) => child.nodeType === 1 && child.nodeName !== 'STYLE');
    if (!container) return '';
    return call(this.page, container.backendNodeId, 'function () { return this.innerText.replace(/\\s+/g, " ").trim(); }');
  }
}

function cssString(value: string): string {
  return JSON.stringify(value);
}

/** The strip (or stub) of the nth card with this Shelfmark id. */
export function inStrip(page: Page, id: string, nth = 0): ShadowScope {
  const expression = `document.querySelectorAll(${cssString(`[data-shelfmark-id="${id}"]`)})[${nth}]?.querySelector('shelfmark-controls') ?? null`;
  return new ShadowScope(page, () => hostNode(page, expression), `strip of ${id}`);
}

/** The strip mounted on the card element the selector finds (for cards found by position rather than id). */
export function inStripOf(page: Page, cardSelector: string, nth = 0): ShadowScope {
  const expression = `document.querySelectorAll(${cssString(cardSelector)})[${nth}]?.querySelector('shelfmark-controls') ?? null`;
  return new ShadowScope(page, () => hostNode(page, expression), `strip in ${cardSelector}`);
}

/** The duplicate bar above the listing. */
export function inBar(page: Page): ShadowScope {
  return new ShadowScope(page, () => hostNode(page, `document.querySelector('shelfmark-bar')`), 'duplicate bar');
}
