import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Zotero desktop's connector server (Zotero desktop cannot run here), answering as zotero/zotero's
 * chrome/content/zotero/xpcom/server/server.js and server_connector.js do: a browser request (it has an Origin)
 * without `X-Zotero-Connector-API-Version` is refused with 400 "Request not allowed"; `/connector/ping` answers
 * 200; `/connector/saveItems` answers 400 without items, 409 `SESSION_EXISTS` for a session id already used,
 * 500 `{ libraryEditable: false }` when the selected library is read-only, 500 when saving fails, else 201.
 */
export interface ProtocolServer {
  base: string;
  /** saveItems bodies received, in order. */
  saved: Array<{ sessionID: string; uri?: string; items: unknown[] }>;
  state: { editable: boolean; failing: boolean };
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `port` 0 picks a free one; the end-to-end tests take Zotero's own, 23119, which the extension posts to. */
export async function startProtocolServer({ port: wanted = 0 }: { port?: number } = {}): Promise<ProtocolServer> {
  const sessions = new Set<string>();
  const saved: ProtocolServer['saved'] = [];
  const state = { editable: true, failing: false };
  const server: Server = createServer(async (request, response) => {
    const send = (status: number, type?: string, body?: string) => {
      response.writeHead(status, type ? { 'Content-Type': type } : {});
      response.end(body);
    };
    const isBrowser = request.headers.origin !== undefined || /Mozilla/.test(request.headers['user-agent'] ?? '');
    if (isBrowser && !request.headers['x-zotero-connector-api-version'] && !request.headers['zotero-allowed-request']) {
      return send(400, 'text/plain', 'Request not allowed\n');
    }
    const text = await bodyOf(request);
    if (request.url === '/connector/ping') return send(200, 'text/html', '<!DOCTYPE html><html><body>Zotero is running</body></html>');
    if (request.url !== '/connector/saveItems' || request.method !== 'POST') return send(404, 'text/plain', 'No endpoint found\n');
    let data: { sessionID?: string; uri?: string; items?: unknown[] };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      return send(400, 'text/plain', 'Invalid JSON\n');
    }
    if (!Array.isArray(data.items) || !data.sessionID) return send(400, 'text/plain', 'Missing items or sessionID\n');
    if (sessions.has(data.sessionID)) return send(409, 'application/json', JSON.stringify({ error: 'SESSION_EXISTS' }));
    sessions.add(data.sessionID);
    if (!state.editable) return send(500, 'application/json', JSON.stringify({ libraryEditable: false }));
    if (state.failing) return send(500);
    saved.push({ sessionID: data.sessionID, uri: data.uri, items: data.items });
    return send(201, 'application/json');
  });
  await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, saved, state, close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser keeps its connection alive: without this, close waits for it (and Zotero "keeps running").
        server.closeAllConnections();
      }),
  };
}

/**
 * A fetch over node:http, for tests in a happy-dom page, whose own fetch applies a web page's CORS rules (the
 * extension page is exempt through its loopback host permission).
 */
export const nodeFetch = (async (url: string, init: RequestInit = {}) => {
  const { request } = await import('node:http');
  return new Promise<Response>((resolve, reject) => {
    const outgoing = request(url, { method: init.method ?? 'GET', headers: init.headers as Record<string, string> }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ ok: (incoming.statusCode ?? 0) < 300, status: incoming.statusCode ?? 0, text: async () => body } as Response);
      });
    });
    outgoing.on('error', reject);
    outgoing.end(typeof init.body === 'string' ? init.body : undefined);
  });
}) as unknown as typeof fetch;
