// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../lib/sites/index';
import type { CardMatch, CardFailure, SiteAdapter } from '../../lib/sites/types';

const FIXTURES = join(__dirname, '../fixtures');

function page(file: string, url: string): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  window.document.write(readFileSync(join(FIXTURES, file), 'utf8'));
  return window.document as unknown as Document;
}

function scan(file: string, url: string): { adapter: SiteAdapter; cards: CardMatch[]; failures: CardFailure[] } {
  const adapter = adapterFor(new URL(url));
  if (!adapter) throw new Error(`no adapter for ${url}`);
  const cards: CardMatch[] = [];
  const failures: CardFailure[] = [];
  for (const entry of adapter.scan(page(file, url))) {
    if (entry.card) cards.push(entry.card);
    else failures.push(entry.failure);
  }
  return { adapter, cards, failures };
}

describe('Hugging Face paper page', () => {
  const url = 'https://huggingface.co/papers/2509.24002';
  it('is one standalone card with the full abstract, not the AI summary, and the authors', () => {
    const { adapter, cards, failures } = scan('hf-paper/paper-2509.24002.html', url);
    expect(adapter.key).toBe('hf');
    expect(failures).toEqual([]);
    expect(cards).toHaveLength(1);
    const [card] = cards;
    expect(card.standalone).toBe(true);
    expect(card.paper).toMatchObject({
      id: 'arxiv:2509.24002',
      title: 'MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use',
      authors: ['Zijian Wu', 'Xiangyan Liu'],
      abstract: 'MCP standardizes how LLMs interact with external systems, forming the foundation for general agents.',
      summary: 'MCPMark is a comprehensive benchmark for evaluating MCP use in real-world workflows.',
      published: '2025-09-28',
    });
  });

  it('reads the same fields from the markup when the props are missing', () => {
    const { cards } = scan('hf-paper/paper-2509.24002-noprops.html', url);
    expect(cards).toHaveLength(1);
    expect(cards[0].paper.abstract).toBe('MCP standardizes how LLMs interact with external systems, forming the foundation for general agents.');
    expect(cards[0].paper.abstract).not.toContain('comprehensive benchmark');
    expect(cards[0].paper.authors).toEqual(['Zijian Wu', 'Xiangyan Liu']);
  });
});

describe('arXiv catch-up', () => {
  it.each([
    ['https://arxiv.org/catchup/cs.LG/2026-06-03?abs=True&page=1', 'arxiv-catchup/cs.LG-2026-06-03-abs.html', true],
    ['https://arxiv.org/catchup/cs.LG/2026-06-03?abs=False&page=1', 'arxiv-catchup/cs.LG-2026-06-03.html', false],
    ['https://export.arxiv.org/catchup/cs.LG/2026-06-03?abs=True', 'arxiv-catchup/cs.LG-2026-06-03-abs.html', true],
  ])('%s reads every dt/dd entry (the /new macro, its two malformed entries included)', (url, file, withAbstracts) => {
    const { adapter, cards, failures } = scan(file, url);
    expect(adapter.key).toBe('arxiv');
    expect(adapter.pageLabel(new URL(url), document)).toBe('arXiv cs.LG catch-up 2026-06-03');
    expect(cards).toHaveLength(15);
    expect(failures).toHaveLength(2);
    expect(cards.every((card) => card.paper.id.startsWith('arxiv:'))).toBe(true);
    expect(cards.filter((card) => card.paper.abstract).length > 0).toBe(withAbstracts);
  });

  it('handles export.arxiv.org listings but not its abstract pages (no match pattern there)', () => {
    expect(adapterFor(new URL('https://export.arxiv.org/list/cs.LG/new'))?.key).toBe('arxiv');
    expect(adapterFor(new URL('https://export.arxiv.org/abs/2501.01234'))).toBeUndefined();
  });
});

describe('OpenReview', () => {
  it('reads a forum page: External IDs arXiv link wins, abstract from the note, authors from citation meta', () => {
    const url = 'https://openreview.net/forum?id=tO3ASKZlok';
    const { cards, failures } = scan('openreview/forum-tO3ASKZlok.html', url);
    expect(failures).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cards[0].standalone).toBe(true);
    expect(cards[0].paper).toMatchObject({
      id: 'arxiv:2504.19874',
      title: 'TurboQuant: Online Vector Quantization with Near-optimal Distortion Rate',
      authors: ['Amir Zandieh', 'Majid Daliri', 'Majid Hadian', 'Vahab Mirrokni'],
      url,
      published: '2026-01-26',
    });
    expect(cards[0].paper.abstract).toMatch(/^Vector quantization, a problem rooted in Shannon's source coding theory.*geometric structure\.$/);
  });

  it('falls back to the title fingerprint on a forum without external ids, with a "Sept" date', () => {
    const { cards } = scan('openreview/forum-no-external.html', 'https://openreview.net/forum?id=Xy_12-abCD');
    expect(cards[0].paper.id).toBe('title:scaling-sparse-autoencoders-to-every-layer');
    expect(cards[0].paper.published).toBe('2025-09-19');
  });

  it('finds no cards in the server HTML of a venue page (client-rendered)', () => {
    const { cards, failures } = scan('openreview/group-ICLR2026-server.html', 'https://openreview.net/group?id=ICLR.cc/2026/Conference');
    expect(cards).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('reads the rendered venue tab, skips MathJax and "et al." toggles, reports a note without a forum link', () => {
    const url = 'https://openreview.net/group?id=ICLR.cc/2026/Conference#tab-accept-oral';
    const { adapter, cards, failures } = scan('openreview/group-ICLR2026-rendered.html', url);
    expect(adapter.pageLabel(new URL(url), document)).toBe('OpenReview ICLR 2026');
    expect(cards.map((card) => card.paper.url)).toEqual(['https://openreview.net/forum?id=tO3ASKZlok', 'https://openreview.net/forum?id=rJl-b3RcF7']);
    expect(cards[1].paper.title).toBe('Bounds on Regularised Policy Gradients');
    expect(cards[1].paper.authors).toEqual(['Jo Kim', 'Li Wei', 'Sam Ode']);
    expect(cards[1].paper.published).toBe('2025-09-19');
    expect(failures).toHaveLength(1);
  });

  it('reads the notes React puts in place on paging (a rescan of the same document)', () => {
    const url = 'https://openreview.net/group?id=ICLR.cc/2026/Conference';
    const doc = page('openreview/group-ICLR2026-rendered.html', url);
    const adapter = adapterFor(new URL(url))!;
    const list = doc.querySelector('ul.list-paginated')!;
    list.innerHTML = readFileSync(join(FIXTURES, 'openreview/group-ICLR2026-page2.html'), 'utf8');
    const titles = [...adapter.scan(doc)].flatMap((entry) => (entry.card ? [entry.card.paper.title] : []));
    expect(titles).toEqual(['Graph Narrators for Neural Networks', 'Attention Is All You Need, Again']);
  });
});

describe('NeurIPS proceedings', () => {
  it('reads the year index (no abstracts) and reports an entry without a link', () => {
    const { cards, failures } = scan('neurips/year-2024.html', 'https://proceedings.neurips.cc/paper_files/paper/2024');
    expect(cards.map((card) => card.paper.title)).toEqual([
      'SWE-agent: Agent-Computer Interfaces Enable Automated Software Engineering',
      'A Benchmark for Stress-Testing Tool Use',
    ]);
    expect(cards[0].paper.authors).toHaveLength(7);
    expect(cards[0].paper.id).toBe('title:swe-agent-agent-computer-interfaces-enable-automated-software-engineering');
    expect(failures).toHaveLength(1);
  });

  it('reads the abstract of a paper page despite the nested-p quirk (the outer p parses empty)', () => {
    const url = 'https://papers.nips.cc/paper_files/paper/2024/hash/5a7c947568c1b1328ccc5230172e1e7c-Abstract-Conference.html';
    const doc = page('neurips/paper-2024-5a7c9475.html', url);
    expect(doc.querySelector('p.paper-abstract')?.textContent).toBe('');
    const { cards } = scan('neurips/paper-2024-5a7c9475.html', url);
    expect(cards).toHaveLength(1);
    expect(cards[0].standalone).toBe(true);
    expect(cards[0].paper.abstract).toBe('Language model agents are increasingly being used to automate complicated tasks in digital environments.');
    expect(cards[0].paper.authors).toEqual(['John Yang', 'Carlos E. Jimenez', 'Ofir Press']);
    // Same work on the index and the paper page: one record.
    const { cards: index } = scan('neurips/year-2024.html', 'https://proceedings.neurips.cc/paper_files/paper/2024');
    expect(cards[0].paper.id).toBe(index[0].paper.id);
  });
});

describe('PMLR', () => {
  it('reads a volume (title is not a link; authors joined by NBSP) and reports an entry without an abs link', () => {
    const { cards, failures } = scan('pmlr/volume-v267.html', 'https://proceedings.mlr.press/v267/');
    expect(cards.map((card) => card.paper.url)).toEqual([
      'https://proceedings.mlr.press/v267/liu25bi.html',
      'https://proceedings.mlr.press/v267/zandieh25a.html',
    ]);
    expect(cards[0].paper.authors).toEqual(['Chenghua Liu', 'Zhengfeng Ji']);
    expect(failures).toHaveLength(1);
  });

  it('reads a paper page: the full #abstract, not the truncated description', () => {
    const { cards } = scan('pmlr/paper-v267-liu25bi.html', 'https://proceedings.mlr.press/v267/liu25bi.html');
    expect(cards[0].paper.abstract).toMatch(/We give quantum algorithms for it\.$/);
    expect(cards[0].paper.published).toBe('2025');
    const { cards: volume } = scan('pmlr/volume-v267.html', 'https://proceedings.mlr.press/v267/');
    expect(cards[0].paper.id).toBe(volume[0].paper.id);
  });
});

describe('CVF open access', () => {
  it('reads dt.ptitle + dd cards on ?day=all, the arXiv link as id, and skips non-paper rows', () => {
    const { cards, failures } = scan('cvf/CVPR2025-day-all.html', 'https://openaccess.thecvf.com/CVPR2025?day=all');
    expect(cards.map((card) => card.paper.id)).toEqual(['arxiv:2503.11651', 'title:dense-matching-without-labels']);
    expect(cards[0].elements).toHaveLength(3);
    expect(cards[0].paper.authors).toEqual(['Jianyuan Wang', 'Minghao Chen']);
    expect(cards[1].paper.authors).toEqual(['Kim Lee', 'Ravi Patel']);
    expect(failures).toHaveLength(1);
  });

  it('reads a paper page as the same record as its list entry', () => {
    const { cards } = scan('cvf/paper-Wang_VGGT.html', 'https://openaccess.thecvf.com/content/CVPR2025/html/Wang_VGGT_Visual_Geometry_Grounded_Transformer_CVPR_2025_paper.html');
    expect(cards[0].paper).toMatchObject({ id: 'arxiv:2503.11651', authors: ['Jianyuan Wang', 'Minghao Chen'], published: '2025' });
    expect(cards[0].paper.abstract).toMatch(/^We present VGGT/);
  });
});

describe('ACL Anthology', () => {
  it('reads a 2025+ minified volume: skips front matter, keeps acl-fixed-case letters, derives the v1 DOI', () => {
    const { cards, failures } = scan('acl/volume-2025.acl-long.html', 'https://aclanthology.org/volumes/2025.acl-long/');
    expect(cards.map((card) => card.paper.id)).toEqual(['doi:10.18653/v1/2025.acl-long.2', 'doi:10.18653/v1/2025.acl-long.3']);
    expect(cards[0].paper.title).toBe('GraphNarrator: Generating Textual Explanations for Graph Neural Networks');
    expect(cards[0].paper.authors).toEqual(['Bo Pan', 'Liang Zhao']);
    expect(cards[0].paper.abstract).toBe('Graph representation learning has garnered significant attention.');
    expect(cards[0].elements).toHaveLength(2);
    expect(cards[1].paper.abstract).toBeUndefined();
    expect(failures).toHaveLength(1);
  });

  it('reads a paper page: citation_doi, visible author names, the abstract span', () => {
    const { cards } = scan('acl/paper-2023.findings-emnlp.725.html', 'https://aclanthology.org/2023.findings-emnlp.725/');
    expect(cards[0].paper).toMatchObject({
      id: 'doi:10.18653/v1/2023.findings-emnlp.725',
      title: 'HuatuoGPT, Towards Taming Language Model to Be a Doctor',
      authors: ['Hongbo Zhang', 'Junying Chen', 'Feng Jiang'],
      published: '2023-12',
    });
    expect(cards[0].paper.abstract).toMatch(/data from ChatGPT and doctors\.$/);
  });
});

describe('Google Scholar', () => {
  it('reads results with identity from their links (arXiv, DOI in a publisher URL) or the title', () => {
    const { cards, failures } = scan('scholar/results-turboquant.html', 'https://scholar.google.com/scholar?q=turboquant');
    expect(cards.map((card) => card.paper.id)).toEqual([
      'arxiv:2504.19874',
      'doi:10.1145/3580305.3599255',
      'title:swe-agent-agent-computer-interfaces-enable-automated-software-engineering',
      'title:vggt-visual-geometry-grounded-transformer',
    ]);
    expect(cards[0].paper.authors).toEqual(['A Zandieh', 'M Daliri', 'M Hadian', 'V Mirrokni']);
    expect(cards[0].paper.published).toBe('2025');
    expect(cards[0].paper.abstract).toBeUndefined();
    expect(cards[2].paper.title).toBe('SWE-agent: Agent-Computer Interfaces Enable Automated Software Engineering');
    expect(failures).toHaveLength(1);
  });

  it('a paper is one record across sites when the pages carry the same arXiv id or title', () => {
    const scholar = scan('scholar/results-turboquant.html', 'https://scholar.google.com/scholar?q=turboquant').cards;
    const forum = scan('openreview/forum-tO3ASKZlok.html', 'https://openreview.net/forum?id=tO3ASKZlok').cards;
    const neurips = scan('neurips/paper-2024-5a7c9475.html', 'https://proceedings.neurips.cc/paper_files/paper/2024/hash/5a7c947568c1b1328ccc5230172e1e7c-Abstract-Conference.html').cards;
    expect(scholar[0].paper.id).toBe(forum[0].paper.id);
    expect(scholar[2].paper.id).toBe(neurips[0].paper.id);
  });
});
