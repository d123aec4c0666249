import { describe, expect, it } from 'vitest';
import type { PaperState } from '../../lib/paper';
import { duplicateReason, kindsOf } from '../../lib/page/duplicate-filter';

const state = (similarTo: PaperState['similarTo']): PaperState => ({
  id: 'title:self-instruct' as PaperState['id'],
  savedAt: null,
  dismissedAt: null,
  tags: [],
  note: '',
  earlierSighting: null,
  similarTo,
});

describe('the near-duplicate stub', () => {
  it('says where a version was seen and under which title', () => {
    const facts = { arrival: state({ id: 'arxiv:2212.10560', title: 'Self-Instruct: Aligning Language Model with Self Generated Instructions', relation: 'seen', site: 'arxiv' }), current: state(null), repeatOf: null };
    expect(kindsOf(facts, 0)).toEqual(['similar']);
    expect(duplicateReason('similar', facts, 0)).toBe('seen on arXiv as “Self-Instruct: Aligning Language Model with Self Generated Instructions”');
  });

  it('names the relation of a saved or dismissed version', () => {
    const facts = { arrival: state({ id: 'arxiv:1', title: 'T', relation: 'dismissed' }), current: state(null), repeatOf: null };
    expect(duplicateReason('similar', facts, 0)).toBe('another version of dismissed “T”');
  });
});
