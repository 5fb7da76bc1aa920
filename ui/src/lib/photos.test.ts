import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, photoDataUrl, photoProblem, sniffMediaType, withPhoto, withoutPhoto } from './photos';

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const webp = new TextEncoder().encode('RIFF\u0010\u0000\u0000\u0000WEBPVP8 ');
const gif = new TextEncoder().encode('GIF89a');

describe('photos', () => {
  it('recognises JPEG, PNG and WebP by their first bytes only', () => {
    expect(sniffMediaType(jpeg)).toBe('image/jpeg');
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(webp)).toBe('image/webp');
    expect(sniffMediaType(gif)).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVE'))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
  });

  it('says why a file cannot be a photo', () => {
    expect(photoProblem(jpeg)).toBeNull();
    expect(photoProblem(gif)).toBe('photos.notImage');
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(jpeg);
    expect(photoProblem(big)).toBe('photos.tooLarge');
    expect(photoProblem(big.subarray(0, MAX_PHOTO_BYTES))).toBeNull();
  });

  it('makes a data URL of the bytes with their media type', () => {
    expect(photoDataUrl(png)).toBe(`data:image/png;base64,${btoa(String.fromCharCode(...png))}`);
    const large = new Uint8Array(200_000);
    large.set(jpeg);
    const url = photoDataUrl(large);
    expect(url.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
    expect(atob(url.slice('data:image/jpeg;base64,'.length)).length).toBe(200_000);
  });

  it('keeps each photo once and removes the one asked', () => {
    const a = { sha256: 'a', url: 'data:a' };
    const b = { sha256: 'b', url: 'data:b' };
    const list = withPhoto(withPhoto(withPhoto([], a), b), { ...a });
    expect(list.map((p) => p.sha256)).toEqual(['a', 'b']);
    expect(withoutPhoto(list, 'a')).toEqual([b]);
    expect(withoutPhoto(list, 'zzz')).toEqual(list);
  });
});

describe('photos kept by the app', () => {
  it('a photo whose file is not here yet keeps its place without a thumbnail', async () => {
    const { keptPhotos } = await import('./photo-thumbs');
    const read = async (sha: string) => {
      if (sha === 'b') throw new Error('no file');
      return new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    };
    const kept = await keptPhotos(['a', 'b', 'c'], read);
    expect(kept.map((p) => p.sha256)).toEqual(['a', 'b', 'c']);
    expect(kept.map((p) => p.url === null)).toEqual([false, true, false]);
  });
});
