// Thumbnails of photos the app already keeps, by sha256: their bytes fetched once each.
import { photoData } from './commands';
import { photoDataUrl, type ChosenPhoto } from './photos';

/**
 * The photos named by `shas` with thumbnails. A photo that cannot be read (its file not fetched
 * yet) keeps its place without one, so that saving a form never drops it.
 */
export async function keptPhotos(shas: string[], read = photoData): Promise<ChosenPhoto[]> {
  const out: ChosenPhoto[] = [];
  for (const sha256 of shas) {
    try {
      out.push({ sha256, url: photoDataUrl(await read(sha256)) });
    } catch {
      out.push({ sha256, url: null });
    }
  }
  return out;
}
