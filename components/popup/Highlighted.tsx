import { highlightSegments } from '../../lib/search/highlight';

/** Text with matched words in <mark>; built as nodes, so page-derived text is never parsed as HTML. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlightSegments(text, terms).map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </>
  );
}
