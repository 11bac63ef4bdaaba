// Whether helm and our engine agree on one snippet: same bytes, or both failed with the same stderr.
import type { HelmOutcome } from './helm-batch.js';
import type { OurOutcome } from './ours.js';

export function sameOutcome(h: HelmOutcome, o: OurOutcome): boolean {
  if (h.ok && o.ok) return h.out.equals(o.out);
  if (!h.ok && !o.ok) return h.stderr === o.stderr;
  return false;
}
