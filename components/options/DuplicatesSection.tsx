import { SITE_LABELS, type SiteKey } from '../../lib/paper';
import type { DuplicateKinds, DuplicateMode } from '../../lib/settings';
import type { SectionProps } from './SitesSection';

const MODES: ReadonlyArray<[DuplicateMode, string, string]> = [
  ['hide', 'Hide', 'Collapse duplicate cards to a one-line stub you can expand.'],
  ['dim', 'Dim', 'Keep duplicate cards in place but fade them.'],
  ['off', 'Off', 'Show every card as the site draws it.'],
];

const KINDS: ReadonlyArray<[keyof DuplicateKinds, string]> = [
  ['seen', 'Papers seen on an earlier page view'],
  ['saved', 'Papers already on your reading list'],
  ['dismissed', 'Papers you dismissed'],
  ['repeat', 'The same paper repeated on one page'],
  ['similar', 'Near-duplicates: another version of a paper you saved, dismissed or saw recently'],
];

export function DuplicatesSection({ settings, onUpdate }: SectionProps) {
  const { defaultMode, kinds, perSite } = settings.duplicates;
  const overrides = (Object.entries(perSite) as [SiteKey, DuplicateMode | undefined][]).filter(([, mode]) => mode);
  return (
    <section aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">Duplicate filter</h2>
      <fieldset>
        <legend>By default, duplicate cards are</legend>
        {MODES.map(([mode, label, help]) => (
          <label class="choice" key={mode}>
            <input
              type="radio"
              name="duplicate-mode"
              value={mode}
              checked={defaultMode === mode}
              onChange={() => onUpdate({ duplicates: { defaultMode: mode } })}
            />{' '}
            <strong>{label}</strong> <span class="muted">— {help}</span>
          </label>
        ))}
      </fieldset>
      {overrides.length > 0 && (
        <p class="muted">
          Chosen on the sites themselves, and taking precedence there:{' '}
          {overrides.map(([site, mode]) => `${SITE_LABELS[site]}: ${mode}`).join(', ')}.
        </p>
      )}
      <fieldset disabled={defaultMode === 'off' && overrides.length === 0}>
        <legend>A card counts as a duplicate when it is</legend>
        {KINDS.map(([kind, label]) => (
          <label class="choice" key={kind}>
            <input
              type="checkbox"
              checked={kinds[kind]}
              onChange={(event) => onUpdate({ duplicates: { kinds: { [kind]: event.currentTarget.checked } } })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
