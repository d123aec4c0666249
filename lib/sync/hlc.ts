/**
 * Hybrid logical clock (Kulkarni et al.): a wall-clock millisecond plus a counter plus the device id. Every change a
 * device makes gets a stamp greater than every stamp it has made or received, so "last writer" means "causally last
 * or, for concurrent edits, latest by clock with the device id as tie-break", never "whichever device's wall clock
 * runs fast". Stamps are fixed-width strings, so they compare with `<` and sort as keys in IndexedDB.
 */
export type Hlc = string;

const WALL_WIDTH = 11; // base 36: enough for ms until the year 5188
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
/** A remote stamp further ahead than this is not trusted to advance our clock (a broken or hostile clock). */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export const DEVICE_ID_PATTERN = /^[a-z0-9]{6,32}$/;
const HLC_PATTERN = /^[0-9a-z]{11}-[0-9a-z]{5}-[a-z0-9]{6,32}$/;

export interface HlcParts {
  wall: number;
  counter: number;
  device: string;
}

export function formatHlc({ wall, counter, device }: HlcParts): Hlc {
  return `${wall.toString(36).padStart(WALL_WIDTH, '0')}-${counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${device}`;
}

export function parseHlc(stamp: Hlc): HlcParts {
  const [wall, counter, device] = stamp.split('-');
  return { wall: parseInt(wall, 36), counter: parseInt(counter, 36), device };
}

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

export function deviceOf(stamp: Hlc): string {
  return stamp.slice(WALL_WIDTH + COUNTER_WIDTH + 2);
}

/** The larger of two optional stamps. */
export function maxHlc(a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/** A clock's whole state is its last stamp: persist it and resume from it. */
export class HlcClock {
  private last: HlcParts;

  constructor(
    readonly device: string,
    last?: Hlc,
  ) {
    if (!DEVICE_ID_PATTERN.test(device)) throw new Error(`Not a device id: ${device}`);
    this.last = last ? { ...parseHlc(last), device } : { wall: 0, counter: 0, device };
  }

  get current(): Hlc {
    return formatHlc(this.last);
  }

  /** A stamp for a local event at wall time `now`. */
  tick(now: number): Hlc {
    const wall = Math.max(this.last.wall, Math.floor(now));
    const counter = wall === this.last.wall ? this.last.counter + 1 : 0;
    this.last = counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, device: this.device } : { wall, counter, device: this.device };
    return formatHlc(this.last);
  }

  /** Takes in a stamp seen in another device's change, so our next stamps come after it. */
  receive(stamp: Hlc, now: number): void {
    const remote = parseHlc(stamp);
    if (remote.wall > now + MAX_DRIFT_MS) return;
    if (remote.wall > this.last.wall || (remote.wall === this.last.wall && remote.counter > this.last.counter)) {
      this.last = { wall: remote.wall, counter: remote.counter, device: this.device };
    }
  }
}

export function newDeviceId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 16; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}
