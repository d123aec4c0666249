import { SITE_LABELS } from '../../lib/paper';
import { SITE_KEYS } from '../../lib/sites/registry';
import type { Settings, SettingsPatch } from '../../lib/settings';

export interface SectionProps {
  settings: Settings;
  onUpdate: (patch: SettingsPatch) => void;
}

const SITES = SITE_KEYS;

export function SitesSection({ settings, onUpdate }: SectionProps) {
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="muted">Shelfmark adds its controls and remembers papers only on the sites switched on here.</p>
      {SITES.map((site) => (
        <label class="switch" key={site}>
          <input
            type="checkbox"
            role="switch"
            checked={settings.sites[site]}
            onChange={(event) => onUpdate({ sites: { [site]: event.currentTarget.checked } })}
          />{' '}
          {SITE_LABELS[site]}
        </label>
      ))}
    </section>
  );
}
