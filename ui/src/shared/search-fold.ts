// How typed search text meets stored text: case, ё/е, and the Kazakh letters people type with
// their Russian-layout look-alikes (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і→и) all compare equal.
// The same table folds the inbox's search in desk-core (`SEARCH_FOLDS` in the bindings).
import { SEARCH_FOLDS } from '../bindings/bindings';

const FOLDS: ReadonlyMap<string, string> = new Map(SEARCH_FOLDS.map(([from, to]) => [from, to]));

/** `text` lower-cased with every letter folded to the one it is searched as. */
export function foldForSearch(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += FOLDS.get(ch) ?? ch;
  return out;
}
