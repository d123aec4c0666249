/**
 * The structure of a .bib file: entries, their raw field values, @string and @preamble. It follows the rules of
 * `@retorquere/bibtex-parser`'s own first pass (so a file reads the same), without rendering any TeX: rendering is
 * the slow part, and most text needs none (see `tex-text.ts`).
 */

/** One entry as written: field names lower-cased, values raw TeX with @string references and `#` resolved. */
export interface BibtexSource {
  type: string;
  key: string;
  /** A repeated field is kept as `name+duplicate-1`, `name+duplicate-2`, … */
  fields: Map<string, string>;
  /** The entry's source text, from `@` to its closing brace. */
  input: string;
  /** Where its `@` is, 1-based. */
  line: number;
}

export interface LexedBibtex {
  entries: BibtexSource[];
  /** Raw @preamble values, in order (they may define commands used in fields). */
  preambles: string[];
  /** Each names the entry key or the line. */
  errors: string[];
  /** Entries that could not be read, each with its key (when it got that far), line and reason. */
  skipped: SkippedEntry[];
  /** Read anyway, as BibTeX does: an undefined @string is kept as its bare name. */
  warnings: string[];
}

/** An entry left out of an import, and why. */
export interface SkippedEntry {
  key: string;
  line: number;
  reason: string;
}

/** Strings BibTeX styles define, which files use bare (`month = mar`, `journal = cacm`). */
const DEFAULT_STRINGS: Record<string, string> = {
  JAN: '01', JANUARY: '01', FEB: '02', FEBRUARY: '02', MAR: '03', MARCH: '03', APR: '04', APRIL: '04', MAY: '05',
  JUN: '06', JUNE: '06', JUL: '07', JULY: '07', AUG: '08', AUGUST: '08', SEP: '09', SEPTEMBER: '09', OCT: '10',
  OCTOBER: '10', NOV: '11', NOVEMBER: '11', DEC: '12', DECEMBER: '12',
  ACMCS: 'ACM Computing Surveys', ACTA: 'Acta Informatica', CACM: 'Communications of the ACM',
  IBMJRD: 'IBM Journal of Research and Development', IBMSJ: 'IBM Systems Journal',
  IEEESE: 'IEEE Transactions on Software Engineering', IEEETC: 'IEEE Transactions on Computers',
  IEEETCAD: 'IEEE Transactions on Computer-Aided Design of Integrated Circuits', IPL: 'Information Processing Letters',
  JACM: 'Journal of the ACM', JCSS: 'Journal of Computer and System Sciences', SCP: 'Science of Computer Programming',
  SICOMP: 'SIAM Journal on Computing', TOCS: 'ACM Transactions on Computer Systems',
  TODS: 'ACM Transactions on Database Systems', TOG: 'ACM Transactions on Graphics',
  TOMS: 'ACM Transactions on Mathematical Software', TOOIS: 'ACM Transactions on Office Information Systems',
  TOPLAS: 'ACM Transactions on Programming Languages and Systems', TCS: 'Theoretical Computer Science',
};

/** Fields a paper takes as written, apart from one pair of outer braces. */
export const VERBATIM_FIELDS = ['doi', 'eprint', 'url'] as const;
export type VerbatimField = (typeof VERBATIM_FIELDS)[number];

/**
 * Fields biblatex reads verbatim: a `$` there is a dollar sign, not math, and a backslash escapes nothing (BibTeX
 * itself never gives `$` or `\` a meaning when reading a file; only TeX text does).
 */
const LITERAL_FIELDS = new Set<string>([...VERBATIM_FIELDS, 'file', 'pdf', 'urlraw', 'verba', 'verbb', 'verbc']);

/**
 * How a value is read: TeX text; TeX whose math is checked where it is used, or never (an @string, which may end up
 * in a url; a comment); or a literal field.
 */
type ValueMode = 'text' | 'unchecked' | 'literal';

const KEY = /[+'\w&;:\\./\-\p{L}]*/uy;
/** BibTeX's own rule: a key runs to the comma; any character but white space, a comma or braces (`CorneilOS??`). */
const ENTRY_KEY = /[^\s,{}=]*/uy;

class LexError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const snippet = (text: string) => JSON.stringify(text.slice(0, 20));

class Lexer {
  private pos = 0;
  private readonly strings = new Map<string, string>();
  private readonly lineStarts: number[] = [0];
  readonly entries: BibtexSource[] = [];
  readonly preambles: string[] = [];
  readonly errors: string[] = [];
  readonly skipped: SkippedEntry[] = [];
  readonly warnings: string[] = [];
  private current: BibtexSource | undefined;

  constructor(private readonly input: string) {
    for (let at = input.indexOf('\n'); at !== -1; at = input.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  line(at: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= at) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  location(at: number): string {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= at) low = middle;
      else high = middle - 1;
    }
    return `line ${low + 1}, column ${at - this.lineStarts[low] + 1}`;
  }

  run(): void {
    while (this.pos < this.input.length) this.next();
  }

  private skipWhitespace(): void {
    const { input } = this;
    while (this.pos < input.length) {
      const char = input[this.pos];
      if (char === '%') {
        const end = input.indexOf('\n', this.pos);
        this.pos = end === -1 ? input.length : end;
      } else if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
        this.pos++;
      } else {
        return;
      }
    }
  }

  private tryMatch(token: string, consume = false): boolean {
    this.skipWhitespace();
    const found = this.input.startsWith(token, this.pos);
    if (found && consume) this.pos += token.length;
    return found;
  }

  private match(token: string): void {
    if (!this.tryMatch(token, true)) {
      throw new LexError(`expected ${JSON.stringify(token)}, found ${snippet(this.input.slice(this.pos))}`, this.pos);
    }
    this.skipWhitespace();
  }

  private key(pattern = KEY): string {
    if (this.pos >= this.input.length) throw new LexError('the file ends inside an entry', this.pos);
    pattern.lastIndex = this.pos;
    const word = pattern.exec(this.input)?.[0] ?? '';
    this.pos += word.length;
    if (this.pos >= this.input.length) throw new LexError('the file ends inside an entry', this.pos);
    return word;
  }

  /**
   * A `{…}` value: braces after a backslash do not count; a `$` never hides the closing brace. A literal value (a url)
   * only balances its braces.
   */
  private braced(mode: ValueMode): string {
    const { input } = this;
    const open = this.pos;
    let depth = 0;
    for (let at = open + 1; at < input.length; at++) {
      const code = input.charCodeAt(at);
      if (code === 92 /* \ */ && mode !== 'literal') at++;
      else if (code === 123 /* { */) depth++;
      else if (code === 125 /* } */) {
        if (depth > 0) depth--;
        else {
          // An unclosed $ (a stray dollar in an OCR'd abstract) does not run past the value's brace, as in BibTeX:
          // the field's text reader reports it, and the entry keeps that field as written.
          this.pos = at + 1;
          return input.slice(open + 1, at);
        }
      }
    }
    throw new LexError(`unterminated {…} value ${snippet(input.slice(open + 1))}`, open);
  }

  private quoted(): string {
    const { input } = this;
    const open = this.pos;
    let depth = 0;
    for (let at = open + 1; at < input.length; at++) {
      const code = input.charCodeAt(at);
      if (code === 92 /* \ */) at++;
      else if (code === 123 /* { */) depth++;
      else if (code === 125 /* } */) depth--;
      else if (code === 34 /* " */ && depth <= 0) {
        this.pos = at + 1;
        return input.slice(open + 1, at);
      }
    }
    throw new LexError(`unterminated "…" value ${snippet(input.slice(open + 1))}`, open);
  }

  private singleValue(mode: ValueMode): string {
    if (this.tryMatch('{')) return this.braced(mode);
    if (this.tryMatch('"')) return this.quoted();
    const at = this.pos;
    const bare = this.key();
    if (/^\d+$/.test(bare)) return bare;
    const name = bare.toUpperCase();
    const resolved = this.strings.get(name) ?? DEFAULT_STRINGS[name];
    if (resolved !== undefined) return resolved;
    // BibTeX warns and goes on; the name stands for itself (biber's papers.bib: `journal = dam`).
    const key = this.current?.key;
    this.warnings.push(`${key ? `Entry "${key}"` : 'BibTeX'}: undefined @string ${JSON.stringify(bare)} kept as written (${this.location(at)})`);
    return bare;
  }

  private value(mode: ValueMode): string {
    let value = this.singleValue(mode);
    while (this.tryMatch('#', true)) value += this.singleValue(mode);
    return value;
  }

  private field(target: Map<string, string> | 'string', given?: string): void {
    const name = given || this.key();
    if (!name) return;
    if (!this.tryMatch('=')) {
      throw new LexError(`"${name} = value" expected, the equals sign is missing: ${snippet(this.input.slice(this.pos))}`, this.pos);
    }
    this.match('=');
    const mode: ValueMode = target === 'string' ? 'unchecked' : LITERAL_FIELDS.has(name.toLowerCase()) ? 'literal' : 'text';
    const value = this.value(mode);
    if (target === 'string') {
      this.strings.set(name.toUpperCase(), value);
      return;
    }
    const bare = name.toLowerCase();
    let unique = bare;
    for (let copy = 1; target.has(unique); copy++) unique = `${bare}+duplicate-${copy}`;
    target.set(unique, value);
  }

  private entryBody(entry: BibtexSource, close: string): void {
    if (this.tryMatch(close)) return;
    const first = this.tryMatch(',') ? '' : this.key(ENTRY_KEY);
    if (this.tryMatch('=')) this.field(entry.fields, first);
    else entry.key = first;
    this.tryMatch(',', true);
    if (this.tryMatch(close)) return;
    this.field(entry.fields);
    while (this.tryMatch(',', true)) {
      if (this.tryMatch(close)) return;
      this.field(entry.fields);
    }
  }

  private opening(): string {
    if (this.tryMatch('{')) {
      this.match('{');
      return '}';
    }
    if (this.tryMatch('(')) {
      this.match('(');
      return ')';
    }
    throw new LexError(`expected "{" or "(", found ${snippet(this.input.slice(this.pos))}`, this.pos);
  }

  /** Skips text outside entries (BibTeX's comments) and reads one @ block; after a problem, resumes at the next `@`. */
  private next(): void {
    const { input } = this;
    this.skipWhitespace();
    while (this.pos < input.length && input[this.pos] !== '@') {
      if (input[this.pos] === '%') {
        this.skipWhitespace();
      } else {
        const at = input.indexOf('@', this.pos);
        const comment = input.indexOf('%', this.pos);
        this.pos = at === -1 ? input.length : comment !== -1 && comment < at ? comment : at;
      }
    }
    if (this.pos >= input.length) return;
    const start = this.pos;
    this.current = undefined;
    try {
      this.match('@');
      const directive = this.key().toLowerCase();
      if (directive === 'string') {
        const close = this.opening();
        this.field('string');
        this.match(close);
      } else if (directive === 'preamble') {
        this.preambles.push(this.value('text'));
      } else if (directive === 'comment') {
        while (input[this.pos] === ' ' || input[this.pos] === '\t') this.pos++;
        if (input[this.pos] === '{') this.braced('unchecked');
        else this.pos = input.indexOf('\n', this.pos) === -1 ? input.length : input.indexOf('\n', this.pos);
      } else {
        const close = this.opening();
        const entry: BibtexSource = { type: directive, key: '', fields: new Map(), input: '', line: this.line(start) };
        this.current = entry;
        this.entryBody(entry, close);
        this.match(close);
        entry.input = input.slice(start, this.pos).trim();
        this.entries.push(entry);
      }
    } catch (error) {
      if (!(error instanceof LexError)) throw error;
      const key = this.current?.key;
      this.errors.push(`${key ? `Entry "${key}"` : 'BibTeX'}: ${error.message} (${this.location(error.at)})`);
      this.skipped.push({ key: key ?? '', line: this.line(start), reason: `${error.message} (${this.location(error.at)})` });
      const resume = input.indexOf('@', start + 1);
      this.pos = resume === -1 ? input.length : resume;
    }
  }
}

/** Reads the structure of a .bib file; problems are collected (each naming its entry or line), never thrown. */
export function lexBibtex(text: string): LexedBibtex {
  // Classic Mac OS line ends (a bare CR, as in JabRef's UTF-16 test files): a `%` comment would run to the file's end.
  const lexer = new Lexer(text.replace(/\r(?!\n)/g, '\n'));
  lexer.run();
  return { entries: lexer.entries, preambles: lexer.preambles, errors: lexer.errors, skipped: lexer.skipped, warnings: lexer.warnings };
}
