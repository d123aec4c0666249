import type { ShelfmarkDb } from './db';
import type { SiteKey } from './paper';
import { SITE_KEYS } from './sites/registry';

/** How cards the duplicate filter catches are shown. */
export type DuplicateMode = 'hide' | 'dim' | 'off';

/** Which kinds of earlier encounter make a card a duplicate. */
export interface DuplicateKinds {
  seen: boolean;
  saved: boolean;
  dismissed: boolean;
  repeat: boolean;
  similar: boolean;
}

export interface Settings {
  /** Sites the content script augments. */
  sites: Record<SiteKey, boolean>;
  /** Keyboard triage on listings (j/k, s, x, t, n, o, u, ?). */
  keyboard: boolean;
  duplicates: {
    defaultMode: DuplicateMode;
    /** A mode chosen on a site's page overrides the default there. */
    perSite: Partial<Record<SiteKey, DuplicateMode>>;
    kinds: DuplicateKinds;
  };
  /** "For you" badges (lib/relevance): off switch, and how many saved papers before any card is marked. */
  relevance: { enabled: boolean; minSaved: number; percent: number };
}

/** Below five saved papers the evaluation's precision is no better than at one (docs/relevance.md). */
export const MIN_SAVED_FOR_RELEVANCE = 5;
/** A card is "for you" when it scores in the top this-many percent of the papers seen recently (docs/relevance.md). */
export const FOR_YOU_PERCENT = 10;

export const DEFAULT_SETTINGS: Settings = {
  sites: Object.fromEntries(SITE_KEYS.map((key) => [key, true])) as Record<SiteKey, boolean>,
  keyboard: true,
  duplicates: {
    defaultMode: 'hide',
    perSite: {},
    kinds: { seen: true, saved: true, dismissed: true, repeat: true, similar: true },
  },
  relevance: { enabled: true, minSaved: MIN_SAVED_FOR_RELEVANCE, percent: FOR_YOU_PERCENT },
};

const SETTINGS_KEY = 'settings';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges a stored or partial value over defaults, ignoring keys and types the defaults do not have. */
function mergeOver<T>(defaults: T, value: unknown): T {
  if (!isRecord(defaults)) return typeof value === typeof defaults ? (value as T) : defaults;
  if (!isRecord(value)) return defaults;
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (key in value) result[key] = mergeOver(fallback, value[key]);
  }
  return result as T;
}

const MODES: readonly DuplicateMode[] = ['hide', 'dim', 'off'];
const SITES = SITE_KEYS;

function isMode(value: unknown): value is DuplicateMode {
  return MODES.includes(value as DuplicateMode);
}

export function normalizeSettings(value: unknown): Settings {
  const settings = mergeOver(DEFAULT_SETTINGS, value);
  if (!isMode(settings.duplicates.defaultMode)) settings.duplicates.defaultMode = DEFAULT_SETTINGS.duplicates.defaultMode;
  // perSite starts empty in the defaults, so mergeOver cannot know its keys: keep only valid site → mode entries.
  const stored = isRecord(value) && isRecord(value.duplicates) && isRecord(value.duplicates.perSite) ? value.duplicates.perSite : {};
  settings.duplicates.perSite = Object.fromEntries(SITES.filter((site) => isMode(stored[site])).map((site) => [site, stored[site]]));
  const minSaved = settings.relevance.minSaved;
  settings.relevance.minSaved = Number.isInteger(minSaved) && minSaved >= 1 && minSaved <= 1000 ? minSaved : MIN_SAVED_FOR_RELEVANCE;
  const percent = settings.relevance.percent;
  settings.relevance.percent = Number.isInteger(percent) && percent >= 1 && percent <= 50 ? percent : FOR_YOU_PERCENT;
  return settings;
}

export async function readSettings(db: ShelfmarkDb): Promise<Settings> {
  const row = await db.settings.get(SETTINGS_KEY);
  return normalizeSettings(row?.value);
}

export type SettingsPatch = {
  sites?: Partial<Settings['sites']>;
  keyboard?: boolean;
  duplicates?: Partial<Omit<Settings['duplicates'], 'kinds'>> & { kinds?: Partial<DuplicateKinds> };
  relevance?: Partial<Settings['relevance']>;
};

export async function updateSettings(db: ShelfmarkDb, patch: SettingsPatch): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const current = await readSettings(db);
    const next = normalizeSettings({
      sites: { ...current.sites, ...patch.sites },
      keyboard: patch.keyboard ?? current.keyboard,
      duplicates: {
        ...current.duplicates,
        ...patch.duplicates,
        perSite: { ...current.duplicates.perSite, ...patch.duplicates?.perSite },
        kinds: { ...current.duplicates.kinds, ...patch.duplicates?.kinds },
      },
      relevance: { ...current.relevance, ...patch.relevance },
    });
    await db.settings.put({ key: SETTINGS_KEY, value: next });
    return next;
  });
}

export function duplicateModeFor(settings: Settings, site: SiteKey): DuplicateMode {
  return settings.duplicates.perSite[site] ?? settings.duplicates.defaultMode;
}
