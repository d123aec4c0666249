import type { SectionProps } from './SitesSection';

/** "For you" badges: the off switch, how many saved papers the model needs, and how selective the marks are. */
export function RelevanceSection({ settings, onUpdate }: SectionProps) {
  const { enabled, minSaved, percent } = settings.relevance;
  return (
    <section aria-labelledby="relevance-heading">
      <h2 id="relevance-heading">For you</h2>
      <p class="muted">
        Marks the unseen papers on a listing that resemble what you saved and tagged, and lowers those like what you hid.
        Learned and kept on this computer only.
      </p>
      <label class="switch">
        <input type="checkbox" role="switch" checked={enabled} onChange={(event) => onUpdate({ relevance: { enabled: event.currentTarget.checked } })} />{' '}
        Mark papers for you
      </label>
      <label>
        Start after{' '}
        <input
          type="number"
          min={1}
          max={1000}
          value={minSaved}
          disabled={!enabled}
          aria-label="Saved papers needed before marking"
          onChange={(event) => {
            const value = Number(event.currentTarget.value);
            if (Number.isInteger(value) && value >= 1 && value <= 1000) onUpdate({ relevance: { minSaved: value } });
          }}
        />{' '}
        saved papers
      </label>
      <label>
        Mark the best{' '}
        <input
          type="number"
          min={1}
          max={50}
          value={percent}
          disabled={!enabled}
          aria-label="Percent of the papers you see to mark"
          onChange={(event) => {
            const value = Number(event.currentTarget.value);
            if (Number.isInteger(value) && value >= 1 && value <= 50) onUpdate({ relevance: { percent: value } });
          }}
        />{' '}
        % of the papers you see
      </label>
    </section>
  );
}
