// Whether helm and our engine agree on one snippet: same bytes, or both failed with the same stderr.
// One deliberate difference: where helm dies of Go's fatal stack overflow (printing a value that
// contains itself), our engine stops with its STACK_EXHAUSTED error instead.
import { STACK_EXHAUSTED } from '../../../src/gotemplate/exec.js';
import type { HelmOutcome } from './helm-batch.js';
import type { OurOutcome } from './ours.js';

/** The end of our STACK_EXHAUSTED message, which both helm error formats keep on one line. */
export const STACK_EXHAUSTED_TAIL = STACK_EXHAUSTED.slice(STACK_EXHAUSTED.lastIndexOf(': ') + 2);
const GO_STACK_OVERFLOW = /^runtime: goroutine stack exceeds \d+-byte limit\n/;

export function sameOutcome(h: HelmOutcome, o: OurOutcome): boolean {
  if (h.ok && o.ok) return h.out.equals(o.out);
  if (!h.ok && !o.ok) return h.stderr === o.stderr || (GO_STACK_OVERFLOW.test(h.stderr) && o.stderr.includes(STACK_EXHAUSTED_TAIL));
  return false;
}
