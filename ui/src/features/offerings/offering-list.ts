// The offerings list as the supplier narrows and orders it: all in the page, since the desk
// loads the supplier's whole catalogue when the tab opens.
import type { Category, OfferingRow } from '../../bindings/bindings';
import type { Lang } from '../../i18n/index';
import { foldForSearch } from '../../shared/search-fold';
import { priceShare } from '../../lib/price-share';

export type OfferingSortKey = 'code' | 'name' | 'price' | 'share' | 'stock';

export interface OfferingListView {
  text: string;
  category: Category | '';
  published: 'any' | 'yes' | 'no';
  stock: 'any' | 'in' | 'out';
  sort: OfferingSortKey;
  descending: boolean;
}

export const DEFAULT_VIEW: OfferingListView = {
  text: '',
  category: '',
  published: 'any',
  stock: 'any',
  sort: 'code',
  descending: false,
};

/** True when the view narrows the list (so an empty result is "nothing matches", not "none"). */
export function isNarrowed(view: OfferingListView): boolean {
  return view.text.trim() !== '' || view.category !== '' || view.published !== 'any' || view.stock !== 'any';
}

/**
 * Text folded for search, Latin letters also without their accents: brand names (Naída, Össur,
 * Küschall) are typed without them, and the inbox's index reads them so too.
 */
function fold(text: string): string {
  return foldForSearch(text)
    .normalize('NFD')
    .replace(/([a-z])\p{M}+/gu, '$1')
    .normalize('NFC');
}

function haystack(row: OfferingRow): string {
  return fold(
    [row.classifier_code, row.name.kk, row.name.ru, row.name.en, row.model, row.manufacturer, row.description]
      .filter(Boolean)
      .join(' '),
  );
}

/** The rows the view keeps, in its order. Every typed word must appear (folded, anywhere). */
export function viewOfferings(rows: readonly OfferingRow[], view: OfferingListView, lang: Lang): OfferingRow[] {
  const words = fold(view.text).split(/\s+/).filter(Boolean);
  const kept = rows.filter((row) => {
    if (view.category && row.category !== view.category) return false;
    if (view.published === 'yes' && !row.published) return false;
    if (view.published === 'no' && row.published) return false;
    if (view.stock === 'in' && row.stock <= 0) return false;
    if (view.stock === 'out' && row.stock > 0) return false;
    if (words.length === 0) return true;
    const text = haystack(row);
    return words.every((w) => text.includes(w));
  });
  const collator = new Intl.Collator(lang);
  const key = (row: OfferingRow): number | string => {
    switch (view.sort) {
      case 'name':
        return row.name[lang] || row.classifier_code;
      case 'price':
        return row.price_tiyn;
      case 'share':
        return priceShare(row.price_tiyn, row.limit_price_tiyn).ratio ?? 0;
      case 'stock':
        return row.stock;
      default:
        return row.classifier_code;
    }
  };
  const sign = view.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
    return sign * c || collator.compare(a.classifier_code, b.classifier_code) || a.id.localeCompare(b.id);
  });
}
