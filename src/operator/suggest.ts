/** "Did you mean" for unknown keys and names (fields, profiles): the closest allowed one by edit distance. */

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
 * letters (optimal string alignment), case-insensitive, with an early exit above `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length] as number;
}

/**
 * The allowed key closest to `key`, when it is close enough to be a plausible typo: at most a
 * third of the key's length (at least 1, at most 3) edits, or the same letters in another case
 * or with `_`/`-` differences.
 */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  if (key.length > 200) return undefined;
  const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  const budget = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  let best: string | undefined;
  let bestDist = Infinity;
  for (const cand of allowed) {
    if (cand === key) continue;
    const d = norm(cand) === norm(key) ? 0 : editDistance(key, cand, budget);
    if (d < bestDist || (d === bestDist && best !== undefined && cand < best)) {
      best = cand;
      bestDist = d;
    }
  }
  return bestDist <= budget ? best : undefined;
}
