// How a made file is named on screen: its folder in the data dir and its name, not the full path
// (which names the computer's user; the full path is in the tooltip).

/** `documents/act-SO-2026-000123-ru.pdf` for a path inside the data dir's `documents/` or `exports/`. */
export function fileLabel(path: string): string {
  const parts = path.split(/[\\/]/);
  const at = Math.max(parts.lastIndexOf('documents'), parts.lastIndexOf('exports'));
  return at >= 0 && at < parts.length - 1 ? parts.slice(at).join('/') : (parts.at(-1) ?? path);
}
