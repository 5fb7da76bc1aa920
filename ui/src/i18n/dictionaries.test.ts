import { describe, expect, test } from 'vitest';
import { CATEGORIES, CONNECTIVITIES, MUTATION_KINDS, ORDER_STATUSES, REJECT_REASONS, TIMELINE_ACTIONS, UNITS } from '../lib/enums';
import {
  actorLabel,
  categoryLabel,
  connectivityLabel,
  mutationKindLabel,
  rejectReasonLabel,
  statusLabel,
  timelineActionLabel,
  unitLabel,
} from '../lib/labels';
import { LANGS, detectLanguage, dictionaries, translate, type MessageKey } from './index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const enKeys = Object.keys(dictionaries.en).sort();

  test.each(LANGS)('%s has exactly the same keys as en', (lang) => {
    expect(Object.keys(dictionaries[lang]).sort()).toEqual(enKeys);
  });

  test.each(LANGS)('%s has no empty text', (lang) => {
    for (const [key, text] of Object.entries(dictionaries[lang])) {
      expect(text.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  test.each(LANGS)('%s uses the same placeholders as en in every text', (lang) => {
    for (const key of enKeys as MessageKey[]) {
      expect(placeholders(dictionaries[lang][key]), `${lang}:${key}`).toEqual(placeholders(dictionaries.en[key]));
    }
  });

  test('Russian and Kazakh are real translations, written in Cyrillic', () => {
    // Texts that are the same in every language on purpose: the product name and pure patterns.
    const same = new Set<string>(['app.name', 'inbox.item', 'inbox.range']);
    for (const lang of ['ru', 'kk'] as const) {
      for (const key of enKeys as MessageKey[]) {
        if (same.has(key)) continue;
        expect(dictionaries[lang][key], `${lang}:${key}`).toMatch(/[\u0400-\u04ff]/);
      }
    }
  });

  test('Kazakh texts use Kazakh letters, not just Russian ones', () => {
    const kazakhLetters = /[әғқңөұүһі]/i;
    const withKazakh = Object.values(dictionaries.kk).filter((s) => kazakhLetters.test(s));
    expect(withKazakh.length).toBeGreaterThan(Object.keys(dictionaries.kk).length / 2);
  });

  test('a few texts per language', () => {
    expect(translate('en', 'nav.inbox')).toBe('Inbox');
    expect(translate('ru', 'inbox.emptyFirstSync')).toBe('Заказов пока нет — идёт первая синхронизация…');
    expect(translate('kk', 'sync.now')).toBe('Қазір синхрондау');
  });
});

describe('labels for every value in bindings.ts', () => {
  test('order statuses', () => {
    expect(ORDER_STATUSES).toHaveLength(14);
    for (const lang of LANGS) {
      const labels = ORDER_STATUSES.map((s) => statusLabel(s, lang));
      expect(new Set(labels).size, lang).toBe(ORDER_STATUSES.length);
      for (const label of labels) expect(label).not.toMatch(/^status\./);
    }
    expect(statusLabel('in_work', 'ru')).toBe('В работе');
    expect(statusLabel('cancelled_automatically', 'en')).toBe('Cancelled automatically');
    expect(statusLabel('paid', 'kk')).toBe('Төленген');
  });
  test('categories', () => {
    expect(CATEGORIES).toHaveLength(7);
    for (const lang of LANGS) {
      const labels = CATEGORIES.map((c) => categoryLabel(c, lang));
      expect(new Set(labels).size, lang).toBe(CATEGORIES.length);
    }
    expect(categoryLabel('hearing', 'ru')).toBe('Сурдотехнические средства');
    expect(categoryLabel('mobility', 'kk')).toBe('Арнаулы жүріп-тұру құралдары');
  });
  test('connectivity', () => {
    for (const lang of LANGS) {
      for (const c of CONNECTIVITIES) expect(connectivityLabel(c, lang)).not.toMatch(/^connectivity\./);
    }
    expect(connectivityLabel('signed_out', 'en')).toBe('Signed out');
    expect(connectivityLabel('offline', 'ru')).toBe('Нет связи');
  });
  test('units', () => {
    for (const lang of LANGS) for (const u of UNITS) expect(unitLabel(u, lang)).not.toBe('');
    expect(unitLabel('pcs', 'ru')).toBe('шт.');
    expect(unitLabel('pair', 'kk')).toBe('жұп');
    expect(unitLabel('litre', 'en')).toBe('litre');
  });
});

describe('labels for the strings the app sends', () => {
  test("every reason the portal gives for refusing a change", () => {
    expect(REJECT_REASONS).toHaveLength(14);
    for (const lang of LANGS) {
      const labels = REJECT_REASONS.map((r) => rejectReasonLabel(r, lang));
      for (const label of labels) expect(label, lang).toMatch(/\S/);
      expect(new Set(labels).size, lang).toBe(REJECT_REASONS.length);
    }
    expect(rejectReasonLabel('acceptance_window_closed', 'en')).toBe('The time to accept the order had run out');
    expect(rejectReasonLabel('price_above_limit', 'ru')).toBe('Цена выше предельной');
    expect(rejectReasonLabel('stock_would_go_negative', 'kk')).toBe('Қалдық нөлден төмен түсер еді');
    expect(rejectReasonLabel('quota_exceeded', 'en')).toBeNull();
  });
  test('kinds of queued change', () => {
    for (const lang of LANGS) {
      const labels = MUTATION_KINDS.map((k) => mutationKindLabel(k, lang));
      expect(new Set(labels).size, lang).toBe(MUTATION_KINDS.length);
      for (const label of labels) expect(label).not.toMatch(/_/);
    }
    expect(mutationKindLabel('record_delivery', 'ru')).toBe('Запись о доставке');
    expect(mutationKindLabel('merge_orders', 'kk')).toBe('merge_orders');
  });
  test('timeline actions, and raw names for the others', () => {
    for (const lang of LANGS) {
      for (const a of TIMELINE_ACTIONS) expect(timelineActionLabel(a, lang)).not.toMatch(/_/);
    }
    expect(timelineActionLabel('mutation_rejected', 'en')).toBe('Refused by the portal');
    expect(timelineActionLabel('conflict_discarded', 'kk')).toBe('Қабылданбаған өзгеріс алып тасталды');
    expect(timelineActionLabel('photo_attached', 'ru')).toBe('photo_attached');
  });
  test('the portal as an actor; people as recorded', () => {
    expect(actorLabel('portal', 'ru')).toBe('Портал');
    expect(actorLabel('aigerim', 'en')).toBe('aigerim');
  });
});

describe('translate', () => {
  test('fills placeholders', () => {
    expect(translate('en', 'inbox.range', { from: 1, to: 50, total: 312 })).toBe('1–50 of 312');
    expect(translate('ru', 'inbox.range', { from: 1, to: 50, total: 312 })).toBe('1–50 из 312');
    expect(translate('kk', 'inbox.range', { from: 1, to: 50, total: 312 })).toBe('312 ішінен 1–50');
  });
  test('leaves unknown placeholders visible', () => {
    expect(translate('en', 'inbox.range', { from: 1 })).toBe('1–{to} of {total}');
  });
});

describe('detectLanguage', () => {
  test('the remembered choice wins', () => {
    expect(detectLanguage('kk', ['en-US'])).toBe('kk');
  });
  test('an invalid remembered value is ignored', () => {
    expect(detectLanguage('de', ['en-US'])).toBe('en');
  });
  test('the first system language we speak', () => {
    expect(detectLanguage(null, ['kk-KZ', 'ru-RU'])).toBe('kk');
    expect(detectLanguage(null, ['de-DE', 'en-GB', 'ru'])).toBe('en');
    expect(detectLanguage(undefined, ['RU_ru'])).toBe('ru');
  });
  test('Russian otherwise', () => {
    expect(detectLanguage(null, ['de-DE', 'fr'])).toBe('ru');
    expect(detectLanguage(null, [])).toBe('ru');
  });
});
