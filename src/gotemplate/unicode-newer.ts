/** Code point ranges [lo, hi, lo, hi, ...] assigned in Unicode 15.1 and later (TEMP: filled below). */
export const NEWER_THAN_15: readonly number[] = [];
