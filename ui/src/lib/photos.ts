// Photos chosen in a form: what the page checks before sending a file's bytes to the app, and
// the thumbnails it shows from those bytes (data URLs, never file paths).

/** The largest photo the app accepts (10 MiB), as the portal does. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** A photo kept by the app: its sha256 and a thumbnail made from its bytes. */
/**
 * A photo a form shows: `url` is its thumbnail, or null while its file is not on this desk (a
 * photo added on another desk, fetched at a later sync): it stays in the list all the same.
 */
export type ChosenPhoto = { sha256: string; url: string | null };

/** The image format by the file's first bytes (JPEG, PNG, WebP), as the app checks it. */
export function sniffMediaType(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Why a file cannot be a photo, as a dictionary key, or null when it may be one. */
export function photoProblem(bytes: Uint8Array): 'photos.notImage' | 'photos.tooLarge' | null {
  if (bytes.length > MAX_PHOTO_BYTES) return 'photos.tooLarge';
  if (sniffMediaType(bytes) === null) return 'photos.notImage';
  return null;
}

/** A data URL of the bytes, for an `<img>` thumbnail. */
export function photoDataUrl(bytes: Uint8Array): string {
  const type = sniffMediaType(bytes) ?? 'application/octet-stream';
  // btoa takes a binary string; build it in slices so a large photo does not overflow the stack.
  let binary = '';
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) {
    binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  }
  return `data:${type};base64,${btoa(binary)}`;
}

/** The list with `photo` added at the end, unless the same photo is already chosen. */
export function withPhoto(list: ChosenPhoto[], photo: ChosenPhoto): ChosenPhoto[] {
  return list.some((p) => p.sha256 === photo.sha256) ? list : [...list, photo];
}

/** The list without the photo named `sha256`. */
export function withoutPhoto(list: ChosenPhoto[], sha256: string): ChosenPhoto[] {
  return list.filter((p) => p.sha256 !== sha256);
}
