// The "Change prices" dialog's fields as the filter and change the app applies, and when a
// preview is worth asking for.
import type { Category, OfferingFilter, PriceChangeInput, Rounding } from '../bindings/bindings';

export type PublishedChoice = 'any' | 'yes' | 'no';
export type ChangeKind = 'percent' | 'fixed';

export type BulkPriceFields = {
  category: Category | '';
  search: string;
  published: PublishedChoice;
  kind: ChangeKind;
  value: string;
  /** Round each new price to whole tenge (never above its limit). */
  wholeTenge: boolean;
};

export function offeringFilter(fields: BulkPriceFields): OfferingFilter {
  return {
    category: fields.category === '' ? null : fields.category,
    search: fields.search.trim(),
    published: fields.published === 'any' ? null : fields.published === 'yes',
  };
}

export function priceChange(fields: BulkPriceFields): PriceChangeInput {
  return { kind: fields.kind, value: fields.value.trim() };
}

export function rounding(fields: BulkPriceFields): Rounding {
  return fields.wholeTenge ? 'whole_tenge' : 'tiyn';
}

/** Whether the value could be a number at all (digits present): only then is a preview asked for. */
export function worthPreviewing(fields: BulkPriceFields): boolean {
  return /\d/.test(fields.value);
}
