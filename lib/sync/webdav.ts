/**
 * The little of WebDAV that sync needs: list a folder (PROPFIND, Depth 1), GET, PUT, MKCOL and DELETE, with Basic
 * authentication. Service workers have no DOMParser, so the multistatus answer is read with a namespace-agnostic
 * scan of its `response` elements. Every failure is a `WebDavError` whose message a user can act on.
 */
export interface WebDavOptions {
  /** The folder everything lives in, e.g. https://cloud.example.org/remote.php/dav/files/ada/Shelfmark/ */
  baseUrl: string;
  username: string;
  password: string;
  fetch?: typeof fetch;
  /** Counts requests and bytes, for the status line and the benchmark. */
  meter?: TransferMeter;
}

export interface TransferMeter {
  requests: number;
  bytesUp: number;
  bytesDown: number;
}

export interface DavEntry {
  name: string;
  collection: boolean;
  size: number;
}

export class WebDavError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebDavError';
  }
}

function statusMessage(status: number, method: string, path: string): string {
  if (status === 401) return 'The server refused the username or password';
  if (status === 403) return `The server does not allow ${method} on ${path || 'the folder'}`;
  if (status === 404) return `Not found on the server: ${path || 'the folder'}`;
  if (status === 507) return 'The server is out of space';
  return `The server answered ${status} to ${method} ${path || '/'}`;
}

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/></d:prop></d:propfind>';

/** Reads `href`, collection-ness and size off each `response` of a multistatus body. */
export function parseMultistatus(xml: string): { href: string; collection: boolean; size: number }[] {
  const out: { href: string; collection: boolean; size: number }[] = [];
  const responses = xml.match(/<(?:[\w-]+:)?response[\s>][\s\S]*?<\/(?:[\w-]+:)?response>/g) ?? [];
  for (const block of responses) {
    const href = /<(?:[\w-]+:)?href[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?href>/.exec(block)?.[1]?.trim();
    if (!href) continue;
    const type = /<(?:[\w-]+:)?resourcetype[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w-]+:)?resourcetype>)/.exec(block)?.[1] ?? '';
    const size = Number(/<(?:[\w-]+:)?getcontentlength[^>]*>\s*(\d+)\s*</.exec(block)?.[1] ?? 0);
    out.push({ href: decodeEntities(href), collection: /<(?:[\w-]+:)?collection\b/.test(type), size });
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!);
}

function hrefPath(href: string): string {
  const path = href.replace(/^https?:\/\/[^/]+/, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function lastSegment(href: string): string {
  const path = href.replace(/^https?:\/\/[^/]+/, '').replace(/\/+$/, '');
  const segment = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class WebDavClient {
  private readonly base: string;
  private readonly auth: string;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: WebDavOptions) {
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    const credentials = new TextEncoder().encode(`${options.username}:${options.password}`);
    this.auth = `Basic ${btoa(String.fromCharCode(...credentials))}`;
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  }

  url(path: string): string {
    return this.base + path.split('/').map(encodeURIComponent).join('/');
  }

  private async request(method: string, path: string, init: { body?: Uint8Array | string; headers?: Record<string, string> } = {}): Promise<Response> {
    const meter = this.options.meter;
    let response: Response;
    try {
      response = await this.fetcher(this.url(path), {
        method,
        headers: { Authorization: this.auth, ...init.headers },
        body: init.body as BodyInit | undefined,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (error) {
      throw new WebDavError(`Could not reach the server (${error instanceof Error ? error.message : String(error)})`);
    }
    if (meter) {
      meter.requests++;
      meter.bytesUp += typeof init.body === 'string' ? init.body.length : (init.body?.length ?? 0);
    }
    return response;
  }

  private async fail(response: Response, method: string, path: string): Promise<never> {
    await response.body?.cancel();
    throw new WebDavError(statusMessage(response.status, method, path), response.status);
  }

  /** The entries of a folder, or null when the folder does not exist. */
  async list(path: string): Promise<DavEntry[] | null> {
    const folder = path === '' || path.endsWith('/') ? path : `${path}/`;
    const response = await this.request('PROPFIND', folder, { body: PROPFIND_BODY, headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' } });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 207) return this.fail(response, 'PROPFIND', folder);
    let xml: string;
    try {
      xml = await response.text();
    } catch (error) {
      throw new WebDavError(`The connection to the server broke off (${error instanceof Error ? error.message : String(error)})`);
    }
    if (this.options.meter) this.options.meter.bytesDown += xml.length;
    const selfPath = hrefPath(this.url(folder));
    // The folder lists itself too.
    const entries = parseMultistatus(xml)
      .filter((entry) => hrefPath(entry.href) !== selfPath)
      .map((entry) => ({ name: lastSegment(entry.href), collection: entry.collection, size: entry.size }));
    return entries;
  }

  /** A file's bytes, or null when it does not exist. */
  async get(path: string): Promise<Uint8Array | null> {
    const response = await this.request('GET', path);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) return this.fail(response, 'GET', path);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new WebDavError(`The connection to the server broke off (${error instanceof Error ? error.message : String(error)})`);
    }
    if (this.options.meter) this.options.meter.bytesDown += bytes.length;
    return bytes;
  }

  async put(path: string, body: Uint8Array): Promise<void> {
    const response = await this.request('PUT', path, { body, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!response.ok) return this.fail(response, 'PUT', path);
    await response.body?.cancel();
  }

  /** Creates a folder; one that already exists is fine. */
  async mkcol(path: string): Promise<void> {
    const folder = path.endsWith('/') ? path : `${path}/`;
    const response = await this.request('MKCOL', folder);
    await response.body?.cancel();
    if (response.ok || response.status === 405) return;
    return this.fail(response, 'MKCOL', folder);
  }

  /** Deletes a file or folder; one already gone is fine. */
  async delete(path: string): Promise<void> {
    const response = await this.request('DELETE', path);
    await response.body?.cancel();
    if (response.ok || response.status === 404) return;
    return this.fail(response, 'DELETE', path);
  }
}
