import { describe, expect, it } from 'vitest';
import { canonicalPaperId, normalizeDoi, parseArxivId, titleFingerprint, titlePaperId } from '../../lib/ids';

describe('parseArxivId', () => {
  it.each([
    ['2501.01234', '2501.01234', undefined],
    ['2501.01234v2', '2501.01234', 2],
    ['arXiv:2501.01234v12', '2501.01234', 12],
    ['1412.6980', '1412.6980', undefined],
    ['https://arxiv.org/abs/2412.20138v3', '2412.20138', 3],
    ['https://arxiv.org/pdf/2412.20138v1.pdf', '2412.20138', 1],
    ['https://arxiv.org/html/2609.30653v1', '2609.30653', 1],
    ['https://huggingface.co/papers/2412.20138', '2412.20138', undefined],
    ['/papers/2610.05608', '2610.05608', undefined],
    ['cs/0601001', 'cs/0601001', undefined],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.GT/0309136', 'math/0309136', undefined],
    ['https://arxiv.org/abs/cond-mat/0102536v1', 'cond-mat/0102536', 1],
  ])('%s', (input, arxivId, version) => {
    expect(parseArxivId(input)).toEqual({ arxivId, version });
  });

  it.each(['', 'hello', '2513.01234', '12345.6789', 'foo/0601001', '10.1145/3580305.3599256'])('rejects %j', (input) => {
    expect(parseArxivId(input)).toBeUndefined();
  });
});

describe('normalizeDoi', () => {
  it.each([
    ['10.1145/3580305.3599256', '10.1145/3580305.3599256'],
    ['doi:10.1145/ABC.def', '10.1145/abc.def'],
    ['https://doi.org/10.48550/arXiv.2501.01234', '10.48550/arxiv.2501.01234'],
    ['http://dx.doi.org/10.1000%2F182', '10.1000/182'],
    ['(see 10.1000/182).', '10.1000/182'],
  ])('%s', (input, expected) => {
    expect(normalizeDoi(input)).toBe(expected);
  });

  it('rejects text without a DOI', () => {
    expect(normalizeDoi('not a doi')).toBeUndefined();
  });
});

describe('titleFingerprint', () => {
  it('folds case, punctuation, LaTeX, accents and Unicode forms', () => {
    expect(titleFingerprint('A Survey of LLM $\\times$ DATA')).toBe(titleFingerprint('A survey of LLM × Data'));
    expect(titleFingerprint('Café: Naïve   Bayes!')).toBe('cafe naive bayes');
    expect(titleFingerprint('ﬁne-tuning')).toBe('fine tuning');
  });

  it('keeps different titles apart', () => {
    expect(titleFingerprint('Fast k-Medoids')).not.toBe(titleFingerprint('Faster k-Medoids'));
  });

  it('gives no id for a title of punctuation only', () => {
    expect(titlePaperId(' -- ')).toBeUndefined();
  });
});

describe('canonicalPaperId', () => {
  it('prefers arXiv over DOI over title', () => {
    expect(canonicalPaperId({ arxiv: '2501.01234v3', doi: '10.1234/x', title: 'T' })).toEqual({ id: 'arxiv:2501.01234', version: 3 });
    expect(canonicalPaperId({ doi: 'https://doi.org/10.1234/X', title: 'T' })).toEqual({ id: 'doi:10.1234/x' });
    expect(canonicalPaperId({ title: 'Hello, World' })).toEqual({ id: 'title:hello-world' });
    expect(canonicalPaperId({})).toBeUndefined();
  });
});

describe('identity across the forms pages use', () => {
  it.each([
    ['https://arxiv.org/abs/2501.01234v2?context=cs.LG', '2501.01234', 2],
    ['https://export.arxiv.org/abs/2501.01234', '2501.01234', undefined],
    ['https://www.arxiv.org/pdf/2501.01234v3', '2501.01234', 3],
    ['https://www.alphaxiv.org/abs/2501.01234', '2501.01234', undefined],
    ['arXiv:2501.01234 [cs.LG]', '2501.01234', undefined],
    ['https://huggingface.co/papers/2501.01234#community', '2501.01234', undefined],
    ['https://arxiv.org/abs/hep-th/9711200v3', 'hep-th/9711200', 3],
    ['https://arxiv.org/pdf/cs/0601001.pdf', 'cs/0601001', undefined],
  ])('%s', (input, arxivId, version) => {
    expect(parseArxivId(input)).toEqual({ arxivId, version });
  });

  it('treats arXiv DOIs as arXiv ids', () => {
    expect(canonicalPaperId({ doi: 'https://doi.org/10.48550/arXiv.2501.01234' })).toEqual({ id: 'arxiv:2501.01234', version: undefined });
  });

  it.each([
    ['Fast $\\mathcal{O}(k)$ Medoids', 'Fast O(k) Medoids'],
    ['$\\alpha$-Divergence Minimisation', 'α-divergence minimisation'],
    ['$\\epsilon$-greedy and $\\varepsilon$-greedy', 'ε-Greedy and ε-Greedy'],
    ['“Attention” Is All You Need—Again', '"Attention" is all you need - again'],
    ['Zoë Ødegaard’s Méthode', 'Zoe Odegaard s Methode'],
    ['A\u00a0Survey\u2003of   LLMs', 'A survey of LLMs'],
  ])('%s ≡ %s', (a, b) => {
    expect(titleFingerprint(a)).toBe(titleFingerprint(b));
  });
});
