import { describe, expect, test } from 'vitest';
import { fileLabel } from './saved-file';

describe('a made file on screen', () => {
  test('its folder and name, not the whole path', () => {
    expect(fileLabel('/home/aigul/.local/share/desk/documents/act-SO-1-ru.pdf')).toBe('documents/act-SO-1-ru.pdf');
    expect(fileLabel('C:\\Users\\a\\desk\\exports\\orders-20261207T101500Z.xlsx')).toBe('exports/orders-20261207T101500Z.xlsx');
    expect(fileLabel('/tmp/elsewhere/file.csv')).toBe('file.csv');
  });
});
