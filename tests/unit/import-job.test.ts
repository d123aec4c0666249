import { describe, expect, it } from 'vitest';
import { exportBackupJson } from '../../lib/backup/format';
import { exportBibtex } from '../../lib/export/bibtex';
import { runImportJob, type ImportJobMessage } from '../../lib/import/import-job';
import { record } from '../fixtures/library/records';

function messagesOf(name: string, text: string): ImportJobMessage[] {
  const messages: ImportJobMessage[] = [];
  runImportJob({ name, text }, (message) => messages.push(message));
  return messages;
}

const papers = Array.from({ length: 450 }, (_, i) =>
  record(`arxiv:2501.${String(i).padStart(5, '0')}`, { title: `Paper ${i} on $\\alpha$ models`, abstract: 'plain words '.repeat(20) }),
);

describe('import job (the worker handler)', () => {
  it('reports BibTeX progress per batch of entries, rising to the total, then the one request to send', () => {
    const messages = messagesOf('refs.bib', exportBibtex(papers, { abstract: true }));
    const progress = messages.filter((message) => message.type === 'progress');
    expect(progress[0]).toEqual({ type: 'progress', step: 'parsing', done: 0, total: 0 });
    const checking = progress.filter((message) => message.step === 'checking');
    expect(checking.map((message) => message.done)).toEqual([200, 400, 450]);
    expect(checking.every((message) => message.total === 450)).toBe(true);
    const last = messages[messages.length - 1];
    expect(last.type).toBe('result');
    if (last.type !== 'result' || !last.result.ok) throw new Error('expected a checked import');
    expect(last.result.value.papers).toBe(450);
    expect(last.result.value.request.kind).toBe('bibtex');
    if (last.result.value.request.kind === 'bibtex') expect(last.result.value.request.entries[3].paper.title).toBe('Paper 3 on α models');
  });

  it('reports backup progress as papers are checked', () => {
    const json = exportBackupJson({ papers: [...papers, ...papers.map((paper) => ({ ...paper, id: `${paper.id}0` as typeof paper.id }))], sightings: [], settings: [] }, 0);
    const checking = messagesOf('backup.json', json).filter((message) => message.type === 'progress' && message.step === 'checking');
    expect(checking).toEqual([
      { type: 'progress', step: 'checking', done: 500, total: 900 },
      { type: 'progress', step: 'checking', done: 900, total: 900 },
    ]);
  });

  it('returns a checked backup request, and errors naming the line for a broken one', () => {
    const json = exportBackupJson({ papers: papers.slice(0, 3), sightings: [], settings: [] }, 0);
    const good = messagesOf('backup.json', json).at(-1);
    expect(good?.type === 'result' && good.result.ok && good.result.value).toMatchObject({ papers: 3, request: { kind: 'backup' } });
    const broken = messagesOf('backup.json', '{\n  "format": "shelfmark-backup",\n  oops\n}').at(-1);
    expect(broken?.type === 'result' && !broken.result.ok && broken.result.errors[0]).toMatch(/line 3/);
  });

  it('skips a broken BibTeX entry, naming its key, line and reason, and keeps the rest', () => {
    const last = messagesOf('refs.bib', '@misc{fine, title = {A}}\n@misc{bad, title = {Unclosed\n').at(-1);
    expect(last?.type === 'result' && last.result.ok && last.result.value).toMatchObject({
      papers: 1,
      request: { kind: 'bibtex', entries: [expect.objectContaining({ key: 'fine' })] },
      preview: { total: 2, skipped: [{ key: 'bad', line: 2, reason: expect.stringMatching(/unterminated/) }], warnings: [] },
    });
  });

  it('counts the papers the entries make: entries with the same id fold into one', () => {
    const bib = '@misc{a, title = {One}, eprint = {2501.00001}}\n@misc{b, title = {One again}, eprint = {2501.00001}}\n@misc{c, title = {Two}}\n';
    const last = messagesOf('refs.bib', bib).at(-1);
    expect(last?.type === 'result' && last.result.ok && last.result.value).toMatchObject({ papers: 2, preview: { total: 3, skipped: [] } });
  });

  it('refuses a file none of whose entries can be imported, naming each', () => {
    const last = messagesOf('refs.bib', '@misc{bad, title = {Unclosed\n').at(-1);
    expect(last?.type === 'result' && !last.result.ok && last.result.errors).toEqual([
      'None of the 1 BibTeX entries can be imported.',
      expect.stringMatching(/^Entry "bad" \(line 1\): unterminated/),
    ]);
  });
});
