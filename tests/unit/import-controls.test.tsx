// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportControls } from '../../components/shared-ui/ImportControls';
import type { Requester } from '../../components/shared-ui/requester';
import { exportBibtex } from '../../lib/export/bibtex';
import { emptyReport } from '../../lib/import/result';
import { record } from '../fixtures/library/records';

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

function chooseFile(name: string, text: string): void {
  const input = root.querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

async function confirmPreview(summary: string): Promise<void> {
  await vi.waitFor(() => expect(root.querySelector('.import-preview')?.textContent).toContain(summary), { timeout: 20_000 });
  const confirm = [...root.querySelectorAll('.import-preview button')].find((button) => button.textContent?.startsWith('Import'))!;
  act(() => (confirm as HTMLButtonElement).click());
}

const bib = exportBibtex(Array.from({ length: 500 }, (_, i) => record(`arxiv:2501.${String(i).padStart(5, '0')}`, { title: `Paper ${i}` })));

describe('ImportControls', () => {
  it('shows progress, then sends the checked file as one library/import request', async () => {
    const send = vi.fn(async () => ({ ok: true as const, value: { ...emptyReport(), papers: { added: 500, updated: 0, unchanged: 0 } } }));
    render(<ImportControls send={send as unknown as Requester} />, root);
    chooseFile('refs.bib', bib);
    expect(root.querySelector('[role=status]')?.textContent).toContain('Reading refs.bib');
    expect(root.querySelector('input[type=file]')?.hasAttribute('disabled')).toBe(true);
    await confirmPreview('500 entries: 500 papers, 0 skipped');
    await vi.waitFor(() => expect(root.querySelector('.import-report')?.textContent).toContain('500 papers added'));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]).toEqual(['library/import', expect.objectContaining({ kind: 'bibtex' })]);
  });

  it('Cancel stops the check and nothing of that file is sent', async () => {
    const send = vi.fn(async () => ({ ok: true as const, value: emptyReport() }));
    render(<ImportControls send={send as unknown as Requester} />, root);
    chooseFile('refs.bib', bib);
    const cancel = [...root.querySelectorAll('button')].find((button) => button.textContent === 'Cancel')!;
    act(() => cancel.click());
    expect(root.querySelector('[role=status]')?.textContent).toBe('Import of refs.bib cancelled: nothing was written.');
    expect(root.querySelector('input[type=file]')?.hasAttribute('disabled')).toBe(false);
    // A second file, started later, is checked after the first would have been: once it lands, the first is gone.
    chooseFile('one.bib', '@misc{one, title = {One}}');
    await confirmPreview('1 entry: 1 paper, 0 skipped');
    await vi.waitFor(() => expect(root.querySelector('.import-report')?.textContent).toContain('Imported one.bib'));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]).toEqual(['library/import', { kind: 'bibtex', entries: [expect.objectContaining({ key: 'one' })] }]);
  });

  it('previews what will import and what is skipped (key, line, reason); Cancel there writes nothing', async () => {
    const send = vi.fn(async () => ({ ok: true as const, value: emptyReport() }));
    render(<ImportControls send={send as unknown as Requester} />, root);
    chooseFile('mixed.bib', '@misc{good, title = {Good}}\n@set{CorneilOS??, entryset = {good}}\n@misc{two, title = {Two}, journal = dam}\n');
    await vi.waitFor(() => expect(root.querySelector('.import-preview')?.textContent).toContain('3 entries: 2 papers, 1 skipped, 1 warning.'));
    expect(root.querySelector('.import-skipped')?.textContent).toBe('“CorneilOS??” (line 2): has no title');
    expect(root.querySelector('.import-preview')?.textContent).toContain('undefined @string "dam" kept as written');
    const cancel = [...root.querySelectorAll('.import-preview button')].find((button) => button.textContent === 'Cancel')!;
    act(() => (cancel as HTMLButtonElement).click());
    expect(root.querySelector('[role=status]')?.textContent).toBe('Import of mixed.bib cancelled: nothing was written.');
    expect(send).not.toHaveBeenCalled();
  });
});
