import type { LibraryStats } from '../../lib/library';

interface PopupFooterProps {
  stats: LibraryStats | undefined;
  onOpenReadingList: () => void;
}

const KEYS: [string, string][] = [
  ['↑↓', 'move'],
  ['Enter', 'open'],
  ['Alt+S', 'save'],
  ['Alt+T', 'tags'],
  ['Alt+Z', 'Zotero'],
  ['Esc', 'clear'],
];

export function PopupFooter({ stats, onOpenReadingList }: PopupFooterProps) {
  return (
    <footer class="footer">
      <ul class="keys" aria-label="Keyboard shortcuts">
        {KEYS.map(([key, action]) => (
          <li key={key}>
            <kbd>{key}</kbd> {action}
          </li>
        ))}
      </ul>
      <div class="footer-row">
        <span class="stats" aria-label="Library counts">
          {stats ? `${stats.saved} saved · ${stats.tagged} tagged · ${stats.seen} seen` : ' '}
        </span>
        <button type="button" class="reading-list" onClick={onOpenReadingList}>
          Reading list →
        </button>
      </div>
    </footer>
  );
}
