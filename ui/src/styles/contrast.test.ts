// The colour audit: every rule in the app's stylesheets and components that sets both a text
// colour and a background meets WCAG AA for normal text (4.5:1), and so do the palette's text
// colours on the page's backgrounds.
import { describe, expect, it } from 'vitest';
import { colourPairs, contrastRatio, rootVariables } from '../test-support/contrast';
import appCss from './app.css?raw';

const components = import.meta.glob(['../components/*.svelte', '../*.svelte'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const sources: Record<string, string> = { './app.css': appCss, ...components };

const AA = 4.5;
const vars = rootVariables(sources['./app.css'] ?? '');
const v = (name: string) => {
  const value = vars.get(name);
  if (!value) throw new Error(`${name} is not defined in app.css`);
  return value;
};

describe('colour contrast (WCAG AA)', () => {
  it('computes the reference ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('the palette: text colours on every page background', () => {
    const texts = ['--text', '--text-muted', '--accent', '--accent-dark'];
    const backgrounds = ['--surface', '--page-bg', '--soon-bg', '--overdue-bg'];
    for (const t of texts) {
      for (const b of backgrounds) {
        expect(contrastRatio(v(t), v(b)), `${t} on ${b}`).toBeGreaterThanOrEqual(AA);
      }
    }
    expect(contrastRatio('#ffffff', v('--accent')), 'white on --accent').toBeGreaterThanOrEqual(AA);
  });

  it('every rule that sets a colour and a background', () => {
    const pairs = Object.entries(sources).flatMap(([file, text]) =>
      colourPairs(text, vars).map((p) => ({ ...p, file })),
    );
    // The audit must look at the real styles, not pass on an empty set.
    expect(pairs.length).toBeGreaterThan(15);
    const failing = pairs
      .map((p) => ({ ...p, ratio: Math.round(contrastRatio(p.color, p.background) * 100) / 100 }))
      .filter((p) => p.ratio < AA);
    expect(failing).toEqual([]);
  });
});
