/**
 * Unicode classes as Go's unicode package (Unicode 15.0.0, Go 1.23 and 1.25) sees them:
 * IsPrint and IsGraphic, used by strconv.Quote, fmt's %q and the js escaper. The table is
 * Go's own (measured through helm, see unicode-print.ts), so the answer does not depend on the
 * Unicode version of the JavaScript engine.
 */
import { PRINT_RANGES } from './unicode-print.js';

function inRanges(r: number): boolean {
  let lo = 0;
  let hi = PRINT_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (r < PRINT_RANGES[mid * 2]) hi = mid - 1;
    else if (r > PRINT_RANGES[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return inRanges(r);
}

/** The space separators (Zs) other than U+0020, which IsGraphic adds to IsPrint. */
const OTHER_SPACES = new Set([0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]);

/** unicode.IsGraphic: IsPrint plus the other space separators (Zs). */
export function isGraphic(r: number): boolean {
  return isPrint(r) || OTHER_SPACES.has(r);
}
