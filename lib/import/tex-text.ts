/**
 * Splits a BibTeX field value into plain words and TeX runs. The TeX parser behind `@retorquere/bibtex-parser`
 * costs microseconds per character (an arXiv abstract: 10–30 ms), yet most text is plain words that render as
 * written. Only the runs holding TeX are rendered by the parser (`tex-render.ts`); the rest is copied.
 */

/** Characters (and the parser's ligature pairs) that TeX would change; text without any of them reads as written. */
const TEX_SPECIAL = /[\\{}$~^_%&#<>]|--|''|``/;

/**
 * Constructs whose effect reaches past the next space: comments run to the end of the line, environments and
 * conditionals span words, display math and `\(…\)` are not tracked here. A value using any is rendered whole.
 */
const SPANS_WORDS = /%|\$\$|\\(?:begin|end|ifdefined|else|fi|newcommand|renewcommand|def|ProvideTextCommandDefault|[()[\]])(?![A-Za-z])/;

/**
 * A word ending in a command that may take the next word: a control word eats the space after it (`\TeX` `book`),
 * an accent takes the next letter (`\'` `e`). Escaped specials (`\%`, `\&`) take nothing.
 */
const TAKES_NEXT_WORD = /\\(?:[A-Za-z]+|['`^"~=.])$/;

export type TextPiece = string | { tex: string };

export type SplitText = { ok: true; pieces: TextPiece[] } | { ok: false; error: string };

export function hasTex(value: string): boolean {
  return TEX_SPECIAL.test(value);
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * The value as plain runs and TeX runs, in order; joined with single spaces once the TeX is rendered. Words are cut
 * at spaces outside braces and `$…$`, as BibTeX's own value reader counts them (a backslash escapes the next
 * character). Unbalanced braces or math are an error: the parser could not read them either.
 */
export function splitTex(value: string): SplitText {
  if (!TEX_SPECIAL.test(value)) return { ok: true, pieces: [value.replace(/\s+/g, ' ').trim()] };
  const words: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let math = false;
  let start = -1;
  for (let at = 0; at < value.length; at++) {
    const code = value.charCodeAt(at);
    if (depth === 0 && !math && isSpace(code)) {
      if (start !== -1) words.push({ start, end: at });
      start = -1;
      continue;
    }
    if (start === -1) start = at;
    if (code === 92 /* \ */) at++;
    else if (code === 123 /* { */) depth++;
    else if (code === 125 /* } */ && --depth < 0) return { ok: false, error: 'a closing brace has no opening one' };
    else if (code === 36 /* $ */) math = !math;
  }
  if (start !== -1) words.push({ start, end: value.length });
  if (depth > 0) return { ok: false, error: 'an opening brace is not closed' };
  if (math) return { ok: false, error: 'a $…$ math span is not closed' };
  if (SPANS_WORDS.test(value)) return { ok: true, pieces: [{ tex: value }] };

  const pieces: TextPiece[] = [];
  let plain: string[] = [];
  let run: { start: number; end: number } | undefined;
  const flushRun = () => {
    if (run) pieces.push({ tex: value.slice(run.start, run.end) });
    run = undefined;
  };
  for (const word of words) {
    const text = value.slice(word.start, word.end);
    const joinsRun = run !== undefined && TAKES_NEXT_WORD.test(value.slice(run.start, run.end));
    if (joinsRun || TEX_SPECIAL.test(text)) {
      if (plain.length) pieces.push(plain.join(' '));
      plain = [];
      if (run) run.end = word.end;
      else run = { ...word };
    } else {
      flushRun();
      plain.push(text);
    }
  }
  flushRun();
  if (plain.length) pieces.push(plain.join(' '));
  return { ok: true, pieces };
}
