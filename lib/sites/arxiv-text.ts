/**
 * Text cleanup for arXiv markup. arXiv puts labels ("Title:", "Comments:") inside the elements that hold the values,
 * pads values with template newlines, and ends search abstracts with a "△ Less" toggle; these helpers undo that.
 */

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What MathJax 2 (arXiv loads 2.7) draws in place of `$…$`: previews, rendered output and its assistive MathML. The TeX
 * source stays in a `<script type="math/tex">` beside them. A long listing's later entries are read in idle time,
 * possibly after MathJax has typeset them; reading the source keeps their text what the page was served with.
 */
const MATHJAX_OUTPUT =
  '.MathJax_Preview, .MathJax, .MathJax_Display, .MathJax_CHTML, .MathJax_SVG, .MathJax_Processing, .MJX_Assistive_MathML, mjx-container';

/** A MathJax source script back as the TeX it came from; other scripts are not text. */
function mathSource(script: Element): string {
  const type = script.getAttribute('type') ?? '';
  if (!type.startsWith('math/tex')) return '';
  const fence = type.includes('mode=display') ? '$$' : '$';
  return `${fence}${script.textContent ?? ''}${fence}`;
}

/**
 * An element's text with whitespace collapsed, leaving out descendants that match `skip` (labels, toggles).
 * `<br>` counts as a space: arXiv turns abstract line breaks into `<br>` and textContent would glue the lines.
 */
export function textWithout(element: Element | null | undefined, skip: string): string {
  if (!element) return '';
  // One query per element instead of a selector match per descendant: listings read thousands of these.
  const skipped = new Set(element.querySelectorAll(`${skip}, ${MATHJAX_OUTPUT}`));
  const plain =
    skipped.size === 0 && element.getElementsByTagName('br').length === 0 && element.getElementsByTagName('script').length === 0;
  if (plain) return collapseWhitespace(element.textContent ?? '');
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        parts.push(child.nodeValue ?? '');
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (el.tagName === 'BR') parts.push(' ');
        else if (el.tagName === 'SCRIPT') parts.push(mathSource(el));
        else if (!skipped.has(el)) walk(el);
      }
    }
  };
  walk(element);
  return collapseWhitespace(parts.join(''));
}

/** Removes a leading label such as "Title:" or "Journal-ref:" when it reached the text anyway (older layouts). */
export function stripLabel(text: string, labels: readonly string[]): string {
  for (const label of labels) {
    if (text.toLowerCase().startsWith(label.toLowerCase())) return text.slice(label.length).trim();
  }
  return text;
}

/** Search abstracts carry their show/hide toggles as text: "… end. △ Less" / "… ▽ More". */
export function stripToggle(text: string): string {
  return text.replace(/\s*[△▽]\s*(?:Less|More)\s*$/u, '').trim();
}

/** Google Scholar's `citation_author` is "Last, First"; pages show "First Last". A name without a comma stays. */
export function authorFromCitation(value: string): string {
  const clean = collapseWhitespace(value);
  const comma = clean.indexOf(',');
  if (comma < 0) return clean;
  const last = clean.slice(0, comma).trim();
  const first = clean.slice(comma + 1).trim();
  return first ? `${first} ${last}` : last;
}

/** "Author list is unavailable" and similar placeholders are not names. */
export function isAuthorPlaceholder(text: string): boolean {
  return /^\(?author list is unavailable\)?$/i.test(collapseWhitespace(text));
}

const CATEGORY_IN_PARENS = /\(([a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?)\)\s*$/;

/** Category codes in a subjects line: "Machine Learning (cs.LG); Optics (physics.optics)" → cs.LG, physics.optics */
export function categoriesFromSubjects(text: string): string[] {
  const codes: string[] = [];
  for (const part of text.split(';')) {
    const match = CATEGORY_IN_PARENS.exec(part.trim());
    if (match && !codes.includes(match[1])) codes.push(match[1]);
  }
  return codes;
}

export type ListingMarker = { kind: 'cross-list'; from: string } | { kind: 'replacement' };

/** The "(cross-list from cs.LG)" / "(replaced)" marker arXiv writes as bare text in a listing's `dt`. */
export function listingMarker(dtText: string): ListingMarker | undefined {
  const cross = /\(cross-list from ([^)\s]+)\s*\)/i.exec(dtText);
  if (cross) return { kind: 'cross-list', from: cross[1] };
  if (/\(replaced\)/i.test(dtText)) return { kind: 'replacement' };
  return undefined;
}

/** The listing kind a section heading announces ("New submissions", "Cross submissions", "Replacement submissions"). */
export function sectionKind(heading: string): 'new' | 'cross-list' | 'replacement' | undefined {
  if (/^\s*new submissions/i.test(heading)) return 'new';
  if (/^\s*cross/i.test(heading)) return 'cross-list';
  if (/^\s*replacement/i.test(heading)) return 'replacement';
  return undefined;
}

/** "2026/04/15" (citation_date) → "2026-04-15". */
export function isoFromCitationDate(value: string | null | undefined): string | undefined {
  const match = /^(\d{4})\/(\d{2})\/(\d{2})/.exec(value?.trim() ?? '');
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
