import type { ReadingStatus } from '../../lib/paper';
import { effectiveStatus, isReadingStatus, READING_STATUSES, STATUS_LABELS } from '../../lib/reading-list/status';

export interface StatusSelectProps {
  status: ReadingStatus | null;
  label: string;
  onChange: (status: ReadingStatus) => void;
}

export function StatusSelect({ status, label, onChange }: StatusSelectProps) {
  return (
    <select
      class="status-select"
      aria-label={label}
      value={effectiveStatus({ status })}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isReadingStatus(value)) onChange(value);
      }}
    >
      {READING_STATUSES.map((value) => (
        <option key={value} value={value}>
          {STATUS_LABELS[value]}
        </option>
      ))}
    </select>
  );
}
