import { parse, type Creator } from '@retorquere/bibtex-parser';

/** A piece of TeX to render: field text, or a whole author list (whose names the parser splits). */
export interface TexRequest {
  /** The entry it comes from, named in errors. */
  key: string;
  kind: 'text' | 'author';
  tex: string;
}

export type TexRendering = { ok: true; values: Array<string | Creator[]> } | { ok: false; errors: string[] };

/** Markup the parser emits for TeX styling (`\textbf` → `<b>`); stored text is plain. */
export const PARSER_MARKUP =
  /<\/?(?:i|b|sup|sub|code|p|li|ul|blockquote|h\d)>|<span (?:class="nocase"|style="font-variant:small-caps;")>|<\/span>/g;

function problemKey(error: string, input: string): { key: string | undefined; message: string } {
  const prefixed = /^@([^:\s]*): ([^]*)$/.exec(error);
  if (prefixed) return { key: prefixed[1], message: prefixed[2] };
  return { key: input ? /@\s*\w+\s*[{(]\s*([^,\s]+)/.exec(input)?.[1] : undefined, message: error.split('\n')[0] };
}

/**
 * Renders TeX runs with `@retorquere/bibtex-parser` in one call: each request becomes a one-field entry of a
 * synthetic file (after the file's @preamble, which may define commands). Runs are brace-balanced and hold whole
 * `$…$` spans (see `splitTex`), so the synthetic file reads cleanly. Unknown commands come back as written.
 */
export function renderTex(requests: readonly TexRequest[], preambles: readonly string[]): TexRendering {
  if (!requests.length) return { ok: true, values: [] };
  const parts = preambles.map((preamble) => `@preamble{${preamble}}\n`);
  // The same run (`$\times$`, `{\"u}`) recurs across a file: each distinct one is rendered once.
  const slots = new Map<string, number>();
  const unique: TexRequest[] = [];
  const slotOf = requests.map((request) => {
    const id = `${request.kind}\n${request.tex}`;
    let slot = slots.get(id);
    if (slot === undefined) {
      slot = unique.push(request) - 1;
      slots.set(id, slot);
      // A synthetic key: the entry's own may hold characters the parser refuses in keys (`CorneilOS??`).
      parts.push(`@misc{r${slot},\n  ${request.kind === 'author' ? 'author' : 'text'} = {${request.tex}}\n}\n`);
    }
    return slot;
  });
  let library: ReturnType<typeof parse>;
  try {
    library = parse(parts.join(''), { sentenceCase: false, english: false, applyCrossRef: false, unsupported: (_node, tex) => tex });
  } catch (error) {
    return { ok: false, errors: [`The BibTeX could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (library.errors.length || library.entries.length !== unique.length) {
    const errors = library.errors.map((problem) => {
      const { key, message } = problemKey(problem.error, problem.input ?? '');
      const real = key && /^r\d+$/.test(key) ? unique[Number(key.slice(1))]?.key : key;
      return real ? `Entry "${real}": ${message}` : `BibTeX: ${message}`;
    });
    return { ok: false, errors: errors.length ? errors : ['BibTeX: some TeX could not be read.'] };
  }
  const rendered = library.entries.map((entry, slot) =>
    unique[slot].kind === 'author' ? (entry.fields.author ?? []) : (entry.fields.text ?? ''),
  );
  return { ok: true, values: slotOf.map((slot) => rendered[slot]) };
}
