// Thumbnails of photos the app already keeps, by sha256: their bytes fetched once each.
import { photoData } from './api';
import { photoDataUrl, type ChosenPhoto } from './photos';

/** The photos named by `shas` with thumbnails; a photo that cannot be read is left out. */
export async function keptPhotos(shas: string[]): Promise<ChosenPhoto[]> {
  const out: ChosenPhoto[] = [];
  for (const sha256 of shas) {
    try {
      out.push({ sha256, url: photoDataUrl(await photoData(sha256)) });
    } catch {
      // A missing file shows as a missing thumbnail; the count still says how many there are.
    }
  }
  return out;
}
