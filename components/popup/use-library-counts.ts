import { useState } from 'preact/hooks';
import type { LibraryStats, TagCount } from '../../lib/library';
import type { Requester } from '../shared-ui/requester';

/** The footer's counts and the tag editor's suggestions, asked of the background when `refresh` is called. */
export function useLibraryCounts(send: Requester) {
  const [stats, setStats] = useState<LibraryStats>();
  const [knownTags, setKnownTags] = useState<TagCount[]>([]);
  const refresh = () => {
    send('library/stats', {}).then(setStats, () => {});
    send('tags/counts', {}).then(setKnownTags, () => {});
  };
  return { stats, knownTags, refresh };
}
