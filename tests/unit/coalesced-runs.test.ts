import { describe, expect, it, vi } from 'vitest';
import { CoalescedRuns } from '../../lib/page/coalesced-runs';

describe('coalesced runs', () => {
  it('never runs twice at once, and runs once more for any number of requests made during a run', async () => {
    let active = 0;
    let most = 0;
    let count = 0;
    const runs = new CoalescedRuns(async () => {
      active++;
      most = Math.max(most, active);
      count++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
    }, new AbortController().signal, 'test');
    const first = runs.run();
    void runs.run();
    void runs.run();
    await first;
    expect(count).toBe(2);
    expect(most).toBe(1);
  });

  it('a burst of schedules makes one run; a failing run is logged and the next request runs again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let count = 0;
    const runs = new CoalescedRuns(async () => {
      count++;
      if (count === 1) throw new Error('boom');
    }, new AbortController().signal, 'failed');
    runs.schedule();
    runs.schedule();
    runs.schedule();
    await vi.waitFor(() => expect(count).toBe(1));
    expect(warn).toHaveBeenCalledWith('failed', expect.any(Error));
    await runs.run();
    expect(count).toBe(2);
    warn.mockRestore();
  });

  it('stops after the signal is aborted', async () => {
    const controller = new AbortController();
    let count = 0;
    const runs = new CoalescedRuns(async () => {
      count++;
      controller.abort();
      runs.runAgain();
    }, controller.signal, 'test');
    await runs.run();
    runs.schedule();
    await Promise.resolve();
    expect(count).toBe(1);
  });
});
