// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RelevanceSection } from '../../components/options/RelevanceSection';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../lib/settings';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

describe('Options: For you', () => {
  it('switches the badges off and sets the minimum saved count', () => {
    const onUpdate = vi.fn<(patch: SettingsPatch) => void>();
    act(() => render(<RelevanceSection settings={DEFAULT_SETTINGS} onUpdate={onUpdate} />, root));
    const toggle = root.querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(toggle.checked).toBe(true);
    act(() => toggle.click());
    expect(onUpdate).toHaveBeenLastCalledWith({ relevance: { enabled: false } });
    const count = root.querySelector<HTMLInputElement>('input[type="number"]')!;
    expect(count.value).toBe('5');
    act(() => {
      count.value = '8';
      count.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onUpdate).toHaveBeenLastCalledWith({ relevance: { minSaved: 8 } });
    act(() => {
      count.value = '0';
      count.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onUpdate).toHaveBeenCalledTimes(2);
    const percent = root.querySelector<HTMLInputElement>('input[aria-label="Percent of the papers you see to mark"]')!;
    expect(percent.value).toBe('10');
    act(() => {
      percent.value = '25';
      percent.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onUpdate).toHaveBeenLastCalledWith({ relevance: { percent: 25 } });
    act(() => {
      percent.value = '80';
      percent.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onUpdate).toHaveBeenCalledTimes(3);
  });
});
