// A supplier's price as a share of the classifier's limit price.

export type PriceShare = {
  /** price / limit, e.g. 0.92; null when there is no positive limit price. */
  ratio: number | null;
  /** Width of the bar, 0–100 (capped at 100 when the price is above the limit). */
  barPercent: number;
  overLimit: boolean;
};

export function priceShare(priceTiyn: number, limitTiyn: number): PriceShare {
  if (!(limitTiyn > 0)) return { ratio: null, barPercent: 0, overLimit: false };
  const ratio = Math.max(0, priceTiyn) / limitTiyn;
  return { ratio, barPercent: Math.min(100, Math.round(ratio * 1000) / 10), overLimit: priceTiyn > limitTiyn };
}
