/**
 * Canonical paper identities. One paper, one id, whatever page shows it:
 *   arxiv:2501.01234      new-style arXiv id (version stripped, kept separately)
 *   arxiv:cs/0601001      old-style arXiv id (archive lower-cased, subject class dropped)
 *   doi:10.1145/3580305   DOI, lower-cased, resolver prefixes removed
 *   title:<fingerprint>   last resort when a page carries no id at all
 */

export type PaperId = `arxiv:${string}` | `doi:${string}` | `title:${string}`;

export interface ArxivRef {
  /** Bare id without version, e.g. `2501.01234` or `cs/0601001`. */
  arxivId: string;
  version?: number;
}

// YYMM.NNNN (2007–2014) or YYMM.NNNNN (2015+), optional vN.
const NEW_STYLE = /(?<![\d.])(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v(\d+))?(?![\d])/;
// archive(.SC)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136, cs/0601001v2
const OLD_STYLE = /(?<![a-z-])([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2})?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v(\d+))?(?!\d)/i;

const OLD_ARCHIVES = new Set([
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn', 'chem-ph', 'cmp-lg',
  'comp-gas', 'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math',
  'math-ph', 'mtrl-th', 'nlin', 'nucl-ex', 'nucl-th', 'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio', 'quant-ph',
  'solv-int', 'supr-con',
]);

function toVersion(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const n = Number.parseInt(raw, 10);
  return n > 0 ? n : undefined;
}

/**
 * Finds an arXiv identifier in free text: a bare id, `arXiv:2501.01234v2`, or any arxiv.org / huggingface.co URL
 * (`/abs/`, `/pdf/…v3.pdf`, `/html/`, `/papers/`).
 */
export function parseArxivId(text: string): ArxivRef | undefined {
  const trimmed = text.trim();
  const modern = NEW_STYLE.exec(trimmed);
  if (modern) return { arxivId: modern[1], version: toVersion(modern[2]) };
  const old = OLD_STYLE.exec(trimmed);
  if (old && OLD_ARCHIVES.has(old[1].toLowerCase())) {
    return { arxivId: `${old[1].toLowerCase()}/${old[2]}`, version: toVersion(old[3]) };
  }
  return undefined;
}

export function arxivPaperId(arxivId: string): PaperId {
  return `arxiv:${arxivId}`;
}

/** Normalises a DOI from `10.x/y`, `doi:10.x/y` or a resolver URL; DOIs are case-insensitive. */
export function normalizeDoi(text: string): string | undefined {
  let value = text.trim();
  try {
    value = decodeURIComponent(value);
  } catch {
    // A stray % is part of the DOI text, not an escape.
  }
  const match = /(10\.\d{4,9}\/\S+)/i.exec(value);
  if (!match) return undefined;
  return match[1].replace(/[.,;)\]]+$/, '').toLowerCase();
}

export function doiPaperId(doi: string): PaperId | undefined {
  const normalized = normalizeDoi(doi);
  return normalized ? `doi:${normalized}` : undefined;
}

// Markup-only TeX commands: dropped, their argument kept ("\\mathcal{O}(k)" reads as "O(k)").
const LATEX_MARKUP = /\\(?:times|cdot|mathrm|mathbf|mathcal|mathbb|mathit|mathsf|textbf|textit|texttt|textrm|emph|text|it|bf|rm|left|right|,|;|!| )/g;
const GREEK = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'];
const GREEK_LETTERS = 'αβγδεζηθικλμνξοπρστυφχψω';
// "$\\alpha$" and "α" are the same title; both read as the letter's name.
const GREEK_COMMAND = new RegExp(`\\\\(?:var)?(${GREEK.join('|')})\\b`, 'gi');
const GREEK_LETTER = new RegExp(`[${GREEK_LETTERS}ς]`, 'giu');

// Latin letters that Unicode does not decompose into a base letter plus accent.
const UNDECOMPOSABLE: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

function greekName(letter: string): string {
  const index = GREEK_LETTERS.indexOf(letter.toLowerCase() === 'ς' ? 'σ' : letter.toLowerCase());
  return index >= 0 ? ` ${GREEK[index]} ` : letter;
}

/**
 * Title fingerprint: case, punctuation, whitespace, inline LaTeX (`$\times$`), Greek letters as TeX or Unicode,
 * Unicode forms and accents folded, so "A Survey of LLM $\times$ DATA" and "A survey of LLM × Data" agree.
 */
export function titleFingerprint(title: string): string {
  return title
    .replace(GREEK_COMMAND, (_, name: string) => ` ${name.toLowerCase()} `)
    .replace(LATEX_MARKUP, ' ')
    .replace(/×/g, ' ')
    .normalize('NFKD')
    .replace(GREEK_LETTER, greekName)
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßøæœłđðþı]/g, (letter) => UNDECOMPOSABLE[letter])
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function titlePaperId(title: string): PaperId | undefined {
  const key = titleKeyOf(title);
  return key ? `title:${key}` : undefined;
}

export interface IdentityHints {
  arxiv?: string;
  doi?: string;
  title?: string;
}

/** The strongest identity available: arXiv beats DOI beats title. */
export function canonicalPaperId(hints: IdentityHints): { id: PaperId; version?: number } | undefined {
  // arXiv mints DOIs for its preprints (10.48550/arXiv.<id>): those are arXiv ids in disguise.
  const arxivDoi = hints.doi ? /^10\.48550\/arxiv\.(.+)$/i.exec(normalizeDoi(hints.doi) ?? '') : null;
  const arxiv = hints.arxiv ? parseArxivId(hints.arxiv) : arxivDoi ? parseArxivId(arxivDoi[1]) : undefined;
  if (arxiv) return { id: arxivPaperId(arxiv.arxivId), version: arxiv.version };
  const doi = hints.doi ? doiPaperId(hints.doi) : undefined;
  if (doi) return { id: doi };
  const title = hints.title ? titlePaperId(hints.title) : undefined;
  return title ? { id: title } : undefined;
}

export function isPaperId(value: unknown): value is PaperId {
  return typeof value === 'string' && /^(arxiv|doi|title):./.test(value);
}

/** The bare arXiv id of a canonical id, if it is one. */
export function arxivIdOf(id: PaperId): string | undefined {
  return id.startsWith('arxiv:') ? id.slice('arxiv:'.length) : undefined;
}

/**
 * The key a record is indexed under by title (lib/db.ts `titleKey`): the fingerprint as a `title:` id spells it, so
 * a `title:` record's key is its id without the prefix. Empty for a title with no letters or digits.
 */
export function titleKeyOf(title: string): string {
  return titleFingerprint(title).replace(/ /g, '-');
}
