import { describe, expect, it } from 'vitest';
import { popupKeyAction } from '../../components/popup/popup-keys';

const press = (key: string, extra: Partial<{ code: string; altKey: boolean; ctrlKey: boolean }> = {}) => ({ key, code: '', altKey: false, ctrlKey: false, ...extra });

describe('popup keys', () => {
  it('maps the documented keys to their actions', () => {
    expect(popupKeyAction(press('ArrowDown'), { hasInput: false })).toBe('next');
    expect(popupKeyAction(press('ArrowUp'), { hasInput: false })).toBe('previous');
    expect(popupKeyAction(press('Enter'), { hasInput: false })).toBe('open');
    expect(popupKeyAction(press('s', { altKey: true }), { hasInput: true })).toBe('toggle-save');
    expect(popupKeyAction(press('s', { ctrlKey: true }), { hasInput: true })).toBe('toggle-save');
    expect(popupKeyAction(press('z', { altKey: true }), { hasInput: true })).toBe('send-to-zotero');
    expect(popupKeyAction(press('t', { altKey: true }), { hasInput: true })).toBe('edit-tags');
  });

  it('reads Alt+letter by its physical key where the layout gives another character', () => {
    expect(popupKeyAction(press('ß', { altKey: true, code: 'KeyS' }), { hasInput: false })).toBe('toggle-save');
    expect(popupKeyAction(press('Ω', { altKey: true, code: 'KeyZ' }), { hasInput: false })).toBe('send-to-zotero');
  });

  it('leaves plain letters and Escape on an empty box to the box', () => {
    expect(popupKeyAction(press('s'), { hasInput: true })).toBeUndefined();
    expect(popupKeyAction(press('z', { ctrlKey: true }), { hasInput: true })).toBeUndefined();
    expect(popupKeyAction(press('Escape'), { hasInput: false })).toBeUndefined();
    expect(popupKeyAction(press('Escape'), { hasInput: true })).toBe('clear');
  });
});
