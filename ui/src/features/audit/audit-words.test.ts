import { afterEach, describe, expect, test } from 'vitest';
import { locale } from '../../i18n/locale.svelte';
import { auditActionLabel, auditEntityLabel, auditFacts } from './audit-words';

afterEach(() => {
  locale.lang = 'en';
});

describe('the audit trail in words', () => {
  test('actions and entities in the person’s language, an unknown code as it is', () => {
    locale.lang = 'ru';
    expect(auditActionLabel('accept_order')).toBe('Принят');
    expect(auditActionLabel('staff_updated')).toBe('Изменена учётная запись');
    expect(auditActionLabel('something_new')).toBe('something_new');
    expect(auditEntityLabel('order')).toBe('Заказ');
  });

  test('a detail is read as facts, roles, statuses and money in words', () => {
    locale.lang = 'kk';
    expect(auditFacts('{"role":"courier","role_before":"workshop","display_name":"Ерлан"}')).toEqual([
      { label: 'Рөл', value: 'курьер' },
      { label: 'Бұрынғы рөл', value: 'шеберхана технигі' },
      { label: 'Аты', value: 'Ерлан' },
    ]);
    locale.lang = 'en';
    expect(auditFacts('{"price_tiyn":1234550,"published":true}')).toEqual([
      { label: 'Price', value: '₸12,345.50' },
      { label: 'Published', value: 'Yes' },
    ]);
    locale.lang = 'ru';
    expect(auditFacts('{"delivered_on":"2026-11-27"}')).toEqual([{ label: 'Дата передачи', value: '27.11.2026' }]);
    expect(auditFacts('not json')).toEqual([{ label: '', value: 'not json' }]);
    expect(auditFacts('')).toEqual([]);
  });
});
