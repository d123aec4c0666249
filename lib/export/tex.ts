/**
 * Text → BibTeX field content. Output is UTF-8: non-ASCII letters are kept as they are (biber, Zotero and this
 * parser read UTF-8), so only TeX's special characters are escaped. TeX the source already carries is kept: inline
 * math (`$\times$`, `$O(n^2)$`) and the text-style commands arXiv titles use (`{\it Gaia}`, `\emph{not}`).
 */

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // Not `\{`: biber and pybtex count that brace and refuse an unbalanced field; the text commands hold none.
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In BibTeX's default (OT1) text encoding a bare < or > prints as ¡ or ¿.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** Style commands the parser renders, kept when a title already uses them: `\emph{…}` takes an argument, `{\it …}` switches. */
const ARGUMENT_COMMANDS = new Set(['textit', 'textbf', 'emph', 'texttt', 'textsc', 'textrm', 'textsuperscript', 'textsubscript']);
const SWITCH_COMMANDS = new Set(['it', 'em', 'sc', 'tt', 'rm', 'sl']);

/** Pairs TeX turns into one glyph (`--` → –, ``` `` ``` → “); an empty group between them keeps both characters. */
const LIGATURE_PAIRS = new Set(['--', "''", '``', '!`', '?`', ',,', '<<', '>>']);

/** Math commands the BibTeX parser renders (checked in tests); a span using any other is escaped as text. */
const MATH_COMMANDS = new Set(
  (
    'times cdot alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho ' +
    'sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega infty leq geq le ' +
    'ge neq approx sim simeq pm mp to rightarrow leftarrow leftrightarrow Rightarrow Leftarrow ell partial nabla sqrt ' +
    'mathrm textrm sum prod int in notin subset subseteq cup cap forall exists star ast circ dots ldots cdots prime ' +
    'mid propto perp oplus otimes langle rangle lfloor rfloor lceil rceil vert Vert bar vec frac left right div ' +
    'equiv cong'
  ).split(' '),
);

export const KEPT_MATH_COMMANDS: ReadonlySet<string> = MATH_COMMANDS;
export const KEPT_ARGUMENT_COMMANDS: ReadonlySet<string> = ARGUMENT_COMMANDS;
export const KEPT_SWITCH_COMMANDS: ReadonlySet<string> = SWITCH_COMMANDS;

function knownMath(content: string): boolean {
  for (const match of content.matchAll(/\\([A-Za-z]+|.?)/g)) {
    if (!MATH_COMMANDS.has(match[1])) return false;
  }
  return true;
}

/** Index just past the `}` closing the group that opens at `open`, or -1 when the braces do not balance. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function balanced(text: string): boolean {
  return groupEnd(`{${text}}`, 0) === text.length + 2;
}

/**
 * A `$…$` span counts as math when it is non-empty, does not start or end with a space, has balanced braces, and
 * either uses TeX syntax or is one word: "$k$-means" is math, "costs $5 and $6" is money.
 */
function mathSpanEnd(text: string, start: number): number {
  const close = text.indexOf('$', start + 1);
  if (close < 0) return -1;
  const content = text.slice(start + 1, close);
  if (!content || /^\s|\s$/.test(content) || !balanced(content) || !knownMath(content)) return -1;
  if (!/[\\^_{}]/.test(content) && /\s/.test(content)) return -1;
  return close + 1;
}

const COMMAND = /^\\([A-Za-z]+)/;

/** Characters escapeTex must look at; everything between them is copied as it is. */
const INTERESTING = /[\\{}&%$#_~^<>\-'`!?,]/g;

export function escapeTex(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    INTERESTING.lastIndex = i;
    const found = INTERESTING.exec(text);
    if (!found) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, found.index);
    i = found.index;
    const char = text[i];
    if (char === '$') {
      const end = mathSpanEnd(text, i);
      if (end > 0) {
        out += text.slice(i, end);
        i = end;
        continue;
      }
    } else if (char === '\\') {
      // \emph{…}: keep the command, escape its argument.
      const command = COMMAND.exec(text.slice(i));
      const argument = i + (command?.[0].length ?? 0);
      if (command && ARGUMENT_COMMANDS.has(command[1]) && text[argument] === '{') {
        const end = groupEnd(text, argument);
        if (end > 0) {
          out += `\\${command[1]}{${escapeTex(text.slice(argument + 1, end - 1))}}`;
          i = end;
          continue;
        }
      }
    } else if (char === '{') {
      // {\it …}: keep the group and the command, escape the rest.
      const command = COMMAND.exec(text.slice(i + 1));
      const end = command && SWITCH_COMMANDS.has(command[1]) ? groupEnd(text, i) : -1;
      if (command && end > 0) {
        const body = text.slice(i + 1 + command[0].length, end - 1);
        out += `{\\${command[1]}${escapeTex(body)}}`;
        i = end;
        continue;
      }
    }
    out += SPECIALS[char] ?? char;
    if (LIGATURE_PAIRS.has(char + (text[i + 1] ?? ''))) out += '{}';
    i++;
  }
  return out;
}
