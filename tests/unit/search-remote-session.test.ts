import 'fake-indexeddb/auto';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';
import { RemoteSession, serveSession, SupersededSearch, type Endpoint, type SessionCall, type SessionMessage } from '../../lib/search/remote-session';
import { SearchSession } from '../../lib/search/session';
import { seenRecord } from '../fixtures/library/records';

const T0 = Date.UTC(2026, 9, 1);
let db: ShelfmarkDb;
let counter = 0;
let channel: MessageChannel;

/** A paper seen on an arXiv listing at `at` (and saved then, when `saved`). */
function seenPaper(id: string, title: string, at: number, saved = false): PaperRecord {
  const where = { viewId: 'v1', site: 'arxiv' as const, url: 'https://arxiv.org/list/cs.LG/new', label: 'arXiv cs.LG new' };
  return seenRecord(id, at, { title, abstract: `An abstract about ${title.toLowerCase()}.`, savedAt: saved ? at : null }, where);
}

/** A session served on one end of a message channel, as the popup's worker serves it, and the popup's end. */
function connect(session: SearchSession | ((post: (message: SessionMessage) => void) => SearchSession)): RemoteSession {
  channel = new MessageChannel();
  const served = channel.port1 as unknown as Endpoint<SessionCall, SessionMessage>;
  serveSession(session instanceof SearchSession ? session : session((message) => served.postMessage(message)), served);
  return new RemoteSession(channel.port2 as unknown as Endpoint<SessionMessage, SessionCall>);
}

const titles = (outcome: { results: Array<{ record: PaperRecord }> }) => outcome.results.map((result) => result.record.title);

beforeEach(async () => {
  db = new ShelfmarkDb(`remote-session-test-${++counter}`);
  await db.papers.bulkPut([
    seenPaper('2501.00001', 'Pipeline Parallelism at Scale', T0, true),
    seenPaper('2501.00002', 'Reward Models for Reasoning', T0 + 1_000),
    seenPaper('2501.00003', 'Parallel Decoding of Pipelines', T0 + 2_000),
  ]);
});

afterEach(async () => {
  channel.port1.close();
  channel.port2.close();
  await db.delete();
});

describe('the search session behind a message port', () => {
  it('answers as the session itself does, and lists recent saves without opening the index', async () => {
    const remote = connect(new SearchSession(db));
    const recent = await remote.search('');
    expect(recent.source).toBe('recent-saves');
    expect(titles(recent)).toEqual(['Pipeline Parallelism at Scale']);
    expect(remote.ready).toBe(false);

    await remote.open();
    expect(remote.ready).toBe(true);
    const direct = new SearchSession(db);
    for (const input of ['pipel', 'paralel', 'reward', 'is:saved', '"parallel decoding"']) {
      const [viaPort, inPage] = [await remote.search(input), await direct.search(input)];
      expect(titles(viaPort), input).toEqual(titles(inPage));
      expect(viaPort.total, input).toBe(inPage.total);
    }
    await remote.complete();
    await db.papers.put(seenPaper('2501.00004', 'Pipelined Training Systems', Date.now()));
    expect(await remote.refresh()).toBeGreaterThan(0);
    expect(titles(await remote.search('pipelined training'))).toEqual(['Pipelined Training Systems']);
  });

  it('ranks only the last of a burst of keystrokes; the others are superseded, not computed', async () => {
    const remote = connect(new SearchSession(db));
    const inputs = ['p', 'pi', 'pip', 'pipe', 'pipel'];
    const answers = await Promise.allSettled(inputs.map((input) => remote.search(input)));
    const last = answers.pop()!;
    expect(last.status === 'fulfilled' && titles(last.value)).toEqual(['Pipeline Parallelism at Scale', 'Parallel Decoding of Pipelines']);
    for (const answer of answers) {
      expect(answer.status).toBe('rejected');
      expect(answer.status === 'rejected' && answer.reason).toBeInstanceOf(SupersededSearch);
    }
  });

  it('reports the progress of a rebuild to the popup', async () => {
    const counts: number[] = [];
    const remote = connect((post) => new SearchSession(db, undefined, (indexed) => post({ type: 'indexing', indexed })));
    remote.watchIndexing((indexed) => counts.push(indexed));
    await remote.open();
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.at(-1)).toBe(3);
  });

  it('fails every waiting and later call with the reason when the worker cannot start', async () => {
    const endpoint: Endpoint<SessionMessage, SessionCall> = { onmessage: null, postMessage: () => {} };
    const remote = new RemoteSession(endpoint);
    const waiting = remote.search('pipeline');
    endpoint.onerror?.({ message: 'SecurityError: script origin' } as ErrorEvent);
    await expect(waiting).rejects.toThrow('Search is unavailable: SecurityError: script origin');
    await expect(remote.open()).rejects.toThrow('Search is unavailable');
  });

  it('passes errors back as errors', async () => {
    const broken = new SearchSession(db);
    broken.open = () => Promise.reject(new Error('index unreadable'));
    const remote = connect(broken);
    await expect(remote.open()).rejects.toThrow('index unreadable');
    await expect(remote.search('pipeline')).rejects.toThrow('index unreadable');
    expect(remote.ready).toBe(false);
  });
});
