import { describe, expect, it } from 'vitest';
import { scannedSerial, warrantyState } from './warranty';

describe('scannedSerial', () => {
  it('drops what a scanner sends around the serial and keeps its case', () => {
    expect(scannedSerial('\u0002 wc-2026-0007\t\r')).toBe('wc-2026-0007');
    expect(scannedSerial('   ')).toBe('');
  });
});

describe('warrantyState', () => {
  it('tells ended, ending within 30 days, running and unknown apart', () => {
    expect(warrantyState({ days_left: -1 })).toBe('ended');
    expect(warrantyState({ days_left: 0 })).toBe('soon');
    expect(warrantyState({ days_left: 30 })).toBe('soon');
    expect(warrantyState({ days_left: 31 })).toBe('running');
    expect(warrantyState({ days_left: null })).toBe('unknown');
  });
});
