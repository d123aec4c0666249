/** Hands text (or bytes) to the browser as a file download; the object URL is released once the click has started it. */
export function downloadFile(filename: string, mimeType: string, content: string | Blob, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
