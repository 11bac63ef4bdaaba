/**
 * Unicode character classes as Go's unicode package (Unicode 15.0.0, Go 1.21 to 1.25) sees them:
 * IsPrint and IsGraphic, used by strconv.Quote and fmt's %q.
 *
 * JavaScript's property escapes follow the engine's (newer) Unicode version, so characters
 * assigned after 15.0.0 are excluded explicitly.
 */

const PRINT_CLASS = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
const GRAPHIC_EXTRA = /[\p{Zs}]/u;

/** Ranges assigned after Unicode 15.0.0 (unassigned, hence not printable, for Go). */
import { NEWER_THAN_15 } from './unicode-newer.js';

function newerThan15(r: number): boolean {
  let lo = 0;
  let hi = NEWER_THAN_15.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = NEWER_THAN_15[mid * 2];
    const b = NEWER_THAN_15[mid * 2 + 1];
    if (r < a) hi = mid - 1;
    else if (r > b) lo = mid + 1;
    else return true;
  }
  return false;
}

const printCache = new Map<number, boolean>();

/** unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  let v = printCache.get(r);
  if (v === undefined) {
    v = r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) && PRINT_CLASS.test(String.fromCodePoint(r)) && !newerThan15(r);
    if (printCache.size < 4096) printCache.set(r, v);
  }
  return v;
}

/** unicode.IsGraphic: IsPrint plus the other space separators (Zs). */
export function isGraphic(r: number): boolean {
  if (isPrint(r)) return true;
  return r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) && GRAPHIC_EXTRA.test(String.fromCodePoint(r)) && !newerThan15(r);
}
