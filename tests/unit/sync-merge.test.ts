import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HlcClock, formatHlc, parseHlc } from '../../lib/sync/hlc';
import {
  announcement,
  applyChange,
  diedIn,
  emptyReplica,
  newWipes,
  pruneReplica,
  wipedBy,
  WIPE_REPLICA,
  joinReplicas,
  replicaOfChange,
  stampsOf,
  viewOf,
  type PaperChangeBody,
  type PaperReplica,
  type SyncChange,
} from '../../lib/sync/model';

const PAPER = 'arxiv:2501.00001';
const DEVICES = ['laptopaa', 'desktopb', 'tabletcc'] as const;

const body: fc.Arbitrary<PaperChangeBody> = fc.oneof(
  fc.record({ kind: fc.constantFrom('saved' as const, 'dismissed' as const), value: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }) }),
  fc.record({ kind: fc.constant('note' as const), value: fc.constantFrom('', 'a', 'b', 'long note') }),
  fc.record({ kind: fc.constant('status' as const), value: fc.constantFrom(null, 'to-read' as const, 'read' as const) }),
  fc.record({ kind: fc.constant('tag' as const), tag: fc.constantFrom('rl', 'agents', 'nlp'), present: fc.boolean() }),
  fc.record({
    kind: fc.constant('meta' as const),
    meta: fc.record({ title: fc.constantFrom('T', 'Title'), authors: fc.constantFrom<string[]>([], ['A'], ['B']), url: fc.constant('https://arxiv.org/abs/2501.00001') }),
  }),
  fc.record({
    kind: fc.constant('seen' as const),
    sighting: fc.record({ viewId: fc.constantFrom('v1', 'v2', 'v3'), site: fc.constant('arxiv' as const), url: fc.constant('https://arxiv.org/list/cs.LG/new'), label: fc.constant('arXiv'), at: fc.integer({ min: 1, max: 5 }) }),
  }),
);

/** A step: a device makes a local change (stamped by its own clock at a skewed wall time), or receives another device's changes. */
type Step = { local: number; body: PaperChangeBody; wall: number } | { deliver: [number, number] };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ local: fc.integer({ min: 0, max: 2 }), body, wall: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ deliver: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })) }),
);

interface Device {
  clock: HlcClock;
  state: PaperReplica;
  /** The wipes this device knows. */
  wipe: PaperReplica;
  log: SyncChange[];
  /** The devices it has read from (the engine's cursors): a wipe it makes covers these and itself. */
  heard: Set<string>;
}

/** What a device does with a change (lib/sync/apply.ts): a wipe prunes, and a surviving paper's description is announced. */
function take(device: Device, change: SyncChange, wall: number): void {
  if (change.kind === 'wipe') {
    const before = device.wipe.wipes;
    device.wipe = applyChange(device.wipe, change);
    if (!newWipes(before, device.wipe.wipes)) return;
    const { replica: survivor, pruned } = pruneReplica(device.state, device.wipe.wipes);
    device.state = survivor ?? emptyReplica(PAPER);
    const announced = survivor && pruned && announcement(survivor, device.clock.tick(wall));
    if (announced) {
      device.log.push(announced);
      device.state = applyChange(device.state, announced);
    }
    return;
  }
  if (!diedIn(change, device.wipe.wipes)) device.state = applyChange(device.state, change);
}

function run(steps: readonly Step[]): Device[] {
  const devices: Device[] = DEVICES.map((id) => ({ clock: new HlcClock(id), state: emptyReplica(PAPER), wipe: emptyReplica(WIPE_REPLICA), log: [], heard: new Set([id]) }));
  for (const s of steps) {
    if ('local' in s) {
      const device = devices[s.local];
      const body = s.body.kind === 'wipe' ? { kind: 'wipe' as const, devices: [...device.heard] } : s.body;
      const change = { ...body, at: device.clock.tick(1000 + s.wall), paper: s.body.kind === 'wipe' ? WIPE_REPLICA : PAPER } as SyncChange;
      device.log.push(change);
      take(device, change, 1000 + s.wall);
    } else {
      const [from, to] = s.deliver.map((i) => devices[i]);
      to.heard.add(from.clock.device);
      // Delivery may repeat changes already applied (a retried sync): applying them again must not matter.
      for (const change of [...from.log]) {
        to.clock.receive(change.at, 2000);
        take(to, change, 2000);
      }
    }
  }
  // Finally everyone reads everyone's log, in device order, until nothing new is announced, so all have seen every change.
  for (let round = 0; round < 4; round++) {
    for (const to of devices) for (const from of devices) for (const change of [...from.log]) take(to, change, 3000);
  }
  return devices;
}

let nextCounter = 1;
const replica: fc.Arbitrary<PaperReplica> = fc
  .array(fc.tuple(body, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 })), { maxLength: 8 })
  .map((changes) =>
    // A stamp is one write: the counter takes a fresh value per generated change, as a real clock's would.
    changes.reduce(
      (state, [b, wall, device]) => applyChange(state, { ...b, paper: PAPER, at: formatHlc({ wall, counter: nextCounter++, device: DEVICES[device] }) } as SyncChange),
      emptyReplica(PAPER),
    ),
  );

const withWipes: fc.Arbitrary<Step> = fc.oneof(
  step,
  fc.record({ local: fc.integer({ min: 0, max: 2 }), body: fc.constant<PaperChangeBody>({ kind: 'wipe', devices: [] }), wall: fc.integer({ min: 0, max: 20 }) }),
);

describe('sync merge (state-based CRDT)', () => {
  it('converges with wipes in the mix, and nothing a wipe covers survives it', () => {
    fc.assert(
      fc.property(fc.array(withWipes, { maxLength: 40 }), (steps) => {
        const [a, b, c] = run(steps);
        expect(b.state).toEqual(a.state);
        expect(c.state).toEqual(a.state);
        expect(b.wipe).toEqual(a.wipe);
        const wipes = a.wipe.wipes;
        if (!wipes) return;
        const view = viewOf(a.state);
        const stamps = [a.state.saved?.at, a.state.dismissed?.at, a.state.status?.at, ...a.state.notes.map((n) => n.at), ...Object.values(a.state.tags).flatMap((t) => [t.added, t.removed])];
        for (const stamp of stamps) if (stamp) expect(wipedBy(stamp, wipes)).toBe(false);
        // What no wipe covers (done after it, or by a device the wiping one had not heard of) is still there.
        const later = a.log.concat(b.log, c.log).filter((change) => !wipedBy(change.at, wipes) && change.kind === 'tag' && change.present);
        for (const change of later) if (change.kind === 'tag' && !a.log.concat(b.log, c.log).some((o) => o.kind === 'tag' && o.tag === change.tag && o.at > change.at)) expect(view.tags).toContain(change.tag);
      }),
      { numRuns: 1000 },
    );
  });

  it('a device the wiping one had never heard of keeps what it brings, however old', () => {
    const devices = run([
      { local: 0, body: { kind: 'tag', tag: 'rl', present: true }, wall: 1 },
      // C tagged long ago, before A's wipe, but A has never read from C (C turns sync on later).
      { local: 2, body: { kind: 'tag', tag: 'nlp', present: true }, wall: 0 },
      { local: 0, body: { kind: 'wipe', devices: [] }, wall: 5 },
    ]);
    for (const device of devices) expect(viewOf(device.state).tags).toEqual(['nlp']);
  });

  it('a wipe removes what was done before it; a later edit on another device, made before it heard of the wipe, stays', () => {
    const devices = run([
      { local: 0, body: { kind: 'tag', tag: 'rl', present: true }, wall: 1 },
      { local: 0, body: { kind: 'note', value: 'old note' }, wall: 2 },
      { deliver: [0, 1] },
      { local: 0, body: { kind: 'wipe', devices: [] }, wall: 5 },
      // B, offline, edits after the wipe (by clock) without having heard of it.
      { local: 1, body: { kind: 'tag', tag: 'agents', present: true }, wall: 9 },
    ]);
    for (const device of devices) {
      expect(viewOf(device.state).tags).toEqual(['agents']);
      expect(viewOf(device.state).note).toBe('');
      expect(device.state.meta).toBeUndefined();
    }
  });

  it('any interleaving of changes and deliveries on three replicas converges to one state', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const [a, b, c] = run(steps);
        expect(viewOf(b.state)).toEqual(viewOf(a.state));
        expect(viewOf(c.state)).toEqual(viewOf(a.state));
        expect(b.state).toEqual(a.state);
        expect(c.state).toEqual(a.state);
      }),
      { numRuns: 300 },
    );
  });

  it('join is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(replica, replica, replica, (x, y, z) => {
        expect(joinReplicas(x, y)).toEqual(joinReplicas(y, x));
        expect(joinReplicas(joinReplicas(x, y), z)).toEqual(joinReplicas(x, joinReplicas(y, z)));
        expect(joinReplicas(x, x)).toEqual(x);
      }),
      { numRuns: 300 },
    );
  });

  it('a replica names every latest stamp of what was joined into it, so applying it moves the clock past all of them', () => {
    const extra: fc.Arbitrary<PaperChangeBody> = fc.oneof(body, fc.constant<PaperChangeBody>({ kind: 'wipe', devices: ['laptopaa'] }), fc.constant<PaperChangeBody>({ kind: 'settings', value: { a: 1 } }));
    fc.assert(
      fc.property(fc.array(fc.tuple(extra, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 10 }), (changes) => {
        const stamped = changes.map(([b, wall, device], counter) => ({ ...b, paper: PAPER, at: formatHlc({ wall, counter, device: DEVICES[device] }) }) as SyncChange);
        const joined = stamped.reduce(applyChange, emptyReplica(PAPER));
        const clock = new HlcClock('receiver');
        for (const stamp of stampsOf(joined)) clock.receive(stamp, 0);
        const latest = parseHlc(stamped.map((change) => change.at).sort().at(-1)!);
        const now = parseHlc(clock.current);
        expect([now.wall, now.counter]).toEqual([latest.wall, latest.counter]);
      }),
      { numRuns: 300 },
    );
  });

  it('applying the same change twice equals applying it once', () => {
    fc.assert(
      fc.property(replica, body, fc.integer({ min: 0, max: 60 }), (state, b, wall) => {
        const change = { ...b, paper: PAPER, at: formatHlc({ wall, counter: 0, device: 'laptopaa' }) } as SyncChange;
        const once = applyChange(state, change);
        expect(applyChange(once, change)).toEqual(once);
      }),
    );
  });
});

describe('sync merge rules', () => {
  const at = (wall: number, device = 'laptopaa') => formatHlc({ wall, counter: 0, device });
  const apply = (...changes: SyncChange[]) => changes.reduce(applyChange, emptyReplica(PAPER));

  it('keeps tags added concurrently on two devices', () => {
    const state = apply({ at: at(5, 'laptopaa'), paper: PAPER, kind: 'tag', tag: 'rl', present: true }, { at: at(5, 'desktopb'), paper: PAPER, kind: 'tag', tag: 'agents', present: true });
    expect(viewOf(state).tags.sort()).toEqual(['agents', 'rl']);
  });

  it('an explicit removal wins over an older add, and a newer add over the removal', () => {
    const add = { at: at(1), paper: PAPER, kind: 'tag', tag: 'rl', present: true } as const;
    const remove = { at: at(2, 'desktopb'), paper: PAPER, kind: 'tag', tag: 'rl', present: false } as const;
    expect(viewOf(apply(remove, add)).tags).toEqual([]);
    expect(viewOf(apply(add, remove, { ...add, at: at(3) })).tags).toEqual(['rl']);
  });

  it('the latest note wins and the overwritten one stays in the history', () => {
    const state = apply({ at: at(9, 'desktopb'), paper: PAPER, kind: 'note', value: 'desktop' }, { at: at(4), paper: PAPER, kind: 'note', value: 'laptop' });
    expect(viewOf(state).note).toBe('desktop');
    expect(viewOf(state).noteHistory.map((n) => n.value)).toEqual(['laptop']);
  });

  it('the seen history is a union', () => {
    const seen = (viewId: string, t: number): SyncChange => ({ at: at(t), paper: PAPER, kind: 'seen', sighting: { viewId, site: 'hf', url: 'https://huggingface.co/papers', label: 'HF', at: t } });
    expect(viewOf(apply(seen('v1', 1), seen('v2', 2), seen('v1', 1))).seen.map((s) => s.viewId)).toEqual(['v1', 'v2']);
  });

  it('richer metadata wins field by field whatever the order', () => {
    const thin = replicaOfChange({ at: at(1), paper: PAPER, kind: 'meta', meta: { title: 'T', authors: ['A'], url: 'u', abstract: 'An abstract' } });
    const rich = replicaOfChange({ at: at(2), paper: PAPER, kind: 'meta', meta: { title: 'Title', authors: ['A', 'B'], url: 'u' } });
    expect(joinReplicas(thin, rich).meta).toEqual({ title: 'Title', authors: ['A', 'B'], url: 'u', abstract: 'An abstract' });
  });
});

describe('hybrid logical clock', () => {
  it('stamps grow even when the wall clock goes back, and after what it received', () => {
    const clock = new HlcClock('laptopaa');
    const first = clock.tick(1000);
    const second = clock.tick(500);
    expect(second > first).toBe(true);
    clock.receive(formatHlc({ wall: 5000, counter: 3, device: 'desktopb' }), 1000);
    const third = clock.tick(1000);
    expect(parseHlc(third)).toEqual({ wall: 5000, counter: 4, device: 'laptopaa' });
  });

  it('does not let a stamp from far in the future drag the clock along', () => {
    const clock = new HlcClock('laptopaa');
    clock.receive(formatHlc({ wall: 10 ** 12, counter: 0, device: 'desktopb' }), 1000);
    expect(parseHlc(clock.tick(1000)).wall).toBe(1000);
  });
});
