import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperId } from '../../lib/ids';
import { sendToZotero, zoteroItem } from '../../lib/zotero/connector';
import { record } from '../fixtures/library/records';
import { startProtocolServer, type ProtocolServer } from '../zotero/protocol-server';

let server: ProtocolServer;
beforeAll(async () => {
  server = await startProtocolServer();
});
afterAll(() => server.close());

const paper = record('arxiv:2501.01234' as PaperId, {
  title: 'A <b>bold</b> title',
  authors: ['Martin Luther King Jr.', 'Anna van der Berg'],
  tags: ['rl', 'a, b'],
  note: 'Line <one>\nLine two',
  published: '2025-01-02',
});

describe('Send to Zotero', () => {
  it('maps a paper to Zotero item JSON with tags and the note as an escaped child note', () => {
    expect(zoteroItem(paper)).toMatchObject({
      itemType: 'preprint',
      title: 'A <b>bold</b> title',
      creators: [
        { creatorType: 'author', firstName: 'Martin Luther, Jr.', lastName: 'King' },
        { creatorType: 'author', firstName: 'Anna', lastName: 'van der Berg' },
      ],
      tags: [{ tag: 'rl' }, { tag: 'a, b' }],
      notes: [{ itemType: 'note', note: '<p>Line &#60;one&#62;</p><p>Line two</p>' }],
      url: 'https://arxiv.org/abs/2501.01234',
      archiveID: 'arXiv:2501.01234',
      date: '2025-01-02',
    });
  });

  it('posts the papers to saveItems with the connector header, and Zotero answers 201', async () => {
    const result = await sendToZotero([paper], { base: server.base });
    expect(result).toEqual({ ok: true, sent: 1 });
    expect(server.saved.at(-1)?.items).toHaveLength(1);
  });

  it('the protocol server refuses a browser request without the header, as Zotero does', async () => {
    const response = await fetch(`${server.base}/connector/saveItems`, { method: 'POST', headers: { Origin: 'https://evil.example' }, body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Request not allowed\n');
  });

  it('says Zotero is busy on 409 (a session id already used)', async () => {
    await sendToZotero([paper], { base: server.base, sessionId: 'same' });
    expect(await sendToZotero([paper], { base: server.base, sessionId: 'same' })).toMatchObject({ ok: false, reason: 'refused', message: expect.stringMatching(/busy/) });
  });

  it('says the library is read-only on 500 { libraryEditable: false }', async () => {
    server.state.editable = false;
    try {
      expect(await sendToZotero([paper], { base: server.base })).toMatchObject({ ok: false, reason: 'read-only', message: expect.stringMatching(/read-only/) });
    } finally {
      server.state.editable = true;
    }
  });

  it('reports a plain 500 as a failed save', async () => {
    server.state.failing = true;
    try {
      expect(await sendToZotero([paper], { base: server.base })).toMatchObject({ ok: false, reason: 'failed', message: expect.stringMatching(/HTTP 500/) });
    } finally {
      server.state.failing = false;
    }
  });

  it('says Zotero is not running when nothing listens', async () => {
    const closed = await startProtocolServer();
    await closed.close();
    expect(await sendToZotero([paper], { base: closed.base })).toMatchObject({ ok: false, reason: 'not-running', message: expect.stringMatching(/not running/) });
  });
});
