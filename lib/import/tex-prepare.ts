/**
 * Rewrites the TeX the parser renders badly, before it renders it (see tex-render.ts):
 * - logos (`\TeX macros` kept "TeX macros", not `\TeXmacros`; `\LaTeX` "LaTeX", not `LᴬTEX`);
 * - `\url{…}` / `\href{…}{…}` to their text (the parser writes an HTML `<a>`, never stored);
 * - `\i` / `\j` under an accent to plain i / j (`\"{\i}` is "ï", not `ı̈`);
 * - literal `<` and `>` in text (the parser's OT1 reading makes them `¡` `¿`), kept as they are;
 * - math that Unicode cannot show (`$\mathcal{O}(n \log n)$`, subscripts) kept as written TeX: it is swapped for a
 *   token the parser leaves alone and put back after rendering. `$\alpha$`, `$x^2$`, `$\leq$` still render.
 */

/** Control words whose Unicode rendering stands for the math (Greek, relations, arrows, common operators). */
const UNICODE_MATH = new Set(
  (
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho ' +
    'sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ' +
    'times cdot pm mp div leq le geq ge neq ne approx sim simeq equiv propto infty to rightarrow leftarrow ' +
    'leftrightarrow Rightarrow Leftarrow Leftrightarrow mapsto in notin subset subseteq supset supseteq cup cap ' +
    'forall exists partial nabla ell circ ldots cdots star ast prime emptyset neg wedge vee oplus otimes'
  ).split(' '),
);

/** The token a kept span becomes; plain letters and digits, which the parser copies as they are. */
const KEPT = (index: number) => `qqshelfmarkkept${index}qq`;
const KEPT_PATTERN = /qqshelfmarkkept(\d+)qq/g;

/** True when every part of the math has a faithful Unicode rendering. */
function unicodeRenderable(math: string): boolean {
  for (const word of math.matchAll(/\\([A-Za-z]+)/g)) if (!UNICODE_MATH.has(word[1])) return false;
  // A superscript of digits renders (x²); others, and subscripts, come out as markup that plain text drops.
  if (/_/.test(math)) return false;
  if (/\^(?!\d|\{\d+\})/.test(math)) return false;
  // Braces other than a superscript's group, `\\`-escaped symbols apart.
  return !/[{}]/.test(math.replace(/\^\{\d+\}/g, '').replace(/\\[{}]/g, ''));
}

export interface PreparedTex {
  tex: string;
  /** Spans swapped for tokens, put back by `restoreKept`. */
  kept: string[];
}

/** A balanced `{…}` group starting at `at` (an open brace); its end index (exclusive), or -1. */
function groupEnd(text: string, at: number): number {
  let depth = 0;
  for (let index = at; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index + 1;
  }
  return -1;
}

function replaceLinks(text: string): string {
  let out = '';
  let at = 0;
  for (const match of text.matchAll(/\\(url|href)\s*(?=\{)/g)) {
    if (match.index < at) continue;
    const first = match.index + match[0].length;
    const firstEnd = groupEnd(text, first);
    if (firstEnd === -1) continue;
    let end = firstEnd;
    let shown = text.slice(first + 1, firstEnd - 1);
    if (match[1] === 'href') {
      const second = text.slice(firstEnd).search(/\S/) + firstEnd;
      const secondEnd = text[second] === '{' ? groupEnd(text, second) : -1;
      if (secondEnd === -1) continue;
      shown = text.slice(second + 1, secondEnd - 1);
      end = secondEnd;
    } else {
      // A url is verbatim: its `%`, `#`, `_`, `~` are characters, written as TeX escapes so they render as themselves.
      shown = shown.replace(/[%#&_$]/g, '\\$&').replace(/~/g, '\\textasciitilde{}');
    }
    out += text.slice(at, match.index) + `{${shown}}`;
    at = end;
  }
  return out + text.slice(at);
}

export function prepareTex(value: string, kept: string[]): string {
  let text = replaceLinks(value);
  text = text
    .replace(/\\LaTeXe(?![A-Za-z])(\{\})?/g, 'LaTeX2e')
    .replace(/\\(LaTeX|TeX|BibTeX|XeTeX|LuaTeX|pdfTeX|ConTeXt)(?![A-Za-z])(\{\}|\\ )?/g, (_all, logo: string, after) => (after === '\\ ' ? `${logo} ` : logo))
    // `\"{\i}` or `\"\i ` (a control word eats the space after it).
    .replace(/(\\['"`^~=.uvHck])\s*(?:\{\s*\\([ij])\s*\}|\\([ij])(?![A-Za-z])[ \t]*)/g, (_all, accent: string, braced, bare) => `${accent}{${braced ?? bare}}`,
    );
  // `\textless{}b\textgreater{}` (what the exporter writes) would render as the parser's `<b>` markup and be dropped.
  text = text.replace(/\\text(less|greater)(?:\{\}|(?![A-Za-z])[ \t]*)/g, (_all, which: string) => KEPT(kept.push(which === 'less' ? '<' : '>') - 1));
  // Math spans: kept whole when Unicode cannot show them; literal < > outside math kept as they are.
  let out = '';
  let at = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '$' && text[index + 1] !== '$') {
      let close = index + 1;
      while (close < text.length && text[close] !== '$') close += text[close] === '\\' ? 2 : 1;
      if (close >= text.length) break;
      const math = text.slice(index + 1, close);
      if (!unicodeRenderable(math)) {
        out += text.slice(at, index) + KEPT(kept.push(text.slice(index, close + 1)) - 1);
        at = close + 1;
      }
      index = close;
    } else if (char === '<' || char === '>') {
      // Kept like math: rendered `<b>` would read as the parser's own markup and be dropped with it.
      out += text.slice(at, index) + KEPT(kept.push(char) - 1);
      at = index + 1;
    }
  }
  return out + text.slice(at);
}

/** The rendered text with kept spans put back. */
export function restoreKept(text: string, kept: readonly string[]): string {
  return kept.length ? text.replace(KEPT_PATTERN, (token, index: string) => kept[Number(index)] ?? token) : text;
}
