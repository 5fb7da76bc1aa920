// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { begin, keep, kept, shown } from './timings';

describe('timings', () => {
  it('takes the time from the action to the frame after its result, once', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'setTimeout', 'performance'] });
    const before = kept('order').length;
    begin('order');
    vi.advanceTimersByTime(30);
    shown('order');
    shown('order');
    await vi.runAllTimersAsync();
    vi.useRealTimers();
    expect(kept('order').length).toBe(before + 1);
    expect(kept('order').at(-1)).toBeGreaterThanOrEqual(30);
  });

  it('keeps the last 500 of a kind', () => {
    for (let i = 0; i < 600; i++) keep('screen', i);
    expect(kept('screen').length).toBe(500);
    expect(kept('screen')[0]).toBe(100);
  });
});
