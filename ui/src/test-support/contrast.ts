// WCAG 2.x contrast, for the colour audit of the stylesheets (tests only).

/** `#rgb` or `#rrggbb` as [r, g, b] in 0..255, or null for anything else. */
export function parseHex(value: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) throw new Error(`not a hex colour: ${a} / ${b}`);
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The custom properties of `:root` blocks: `--name` → value. */
export function rootVariables(css: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const block of css.matchAll(/:root\s*\{([^}]*)\}/g)) {
    for (const m of block[1].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1], m[2].trim());
  }
  return vars;
}

export interface ColourPair {
  selector: string;
  color: string;
  background: string;
}

/**
 * Every rule that sets both a text colour and a background, with `var(--x)` resolved; rules
 * whose colours are not plain hex after that (gradients, `inherit`) are left out.
 */
export function colourPairs(css: string, vars: Map<string, string>): ColourPair[] {
  const resolve = (v: string) => v.trim().replace(/^var\((--[\w-]+)\)$/, (_, name: string) => vars.get(name) ?? v);
  const pairs: ColourPair[] = [];
  for (const rule of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const body = rule[2];
    const color = /(?:^|[;\s])color\s*:\s*([^;]+);/.exec(body)?.[1];
    const background = /background(?:-color)?\s*:\s*([^;]+);/.exec(body)?.[1];
    if (!color || !background) continue;
    const c = resolve(color);
    const b = resolve(background);
    if (parseHex(c) && parseHex(b)) pairs.push({ selector: rule[1].trim(), color: c, background: b });
  }
  return pairs;
}
