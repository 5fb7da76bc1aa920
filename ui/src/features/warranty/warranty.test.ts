import { describe, expect, it } from 'vitest';
import { scannedSerial, serviceInput, warrantyState } from './warranty';

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

describe('serviceInput', () => {
  const row = { order_id: 'o-1', serial: 'WC-1' };
  it('sends a repair without a new serial, whatever the hidden field holds', () => {
    const input = serviceInput(row, { kind: 'repair', servicedOn: '2026-12-01', newSerial: 'X', notes: ' loose brake ' });
    expect(input).toEqual({
      order_id: 'o-1',
      serial_number: 'WC-1',
      kind: 'repair',
      serviced_on: '2026-12-01',
      new_serial_number: null,
      notes: 'loose brake',
    });
  });
  it('sends an exchange with the new serial as scanned, and none when it is blank', () => {
    const swap = (newSerial: string) =>
      serviceInput(row, { kind: 'replacement', servicedOn: '2026-12-01', newSerial, notes: 'frame cracked' });
    expect(swap('\u0002WC-2\r').new_serial_number).toBe('WC-2');
    expect(swap('  ').new_serial_number).toBeNull();
  });
});
