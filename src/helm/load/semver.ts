/**
 * Whether a chart version is accepted by helm: Masterminds/semver v3 `NewVersion` (the lenient
 * parser): optional 'v', one to three dot-separated numeric parts (each fitting in uint64,
 * leading zeros allowed), an optional pre-release whose numeric identifiers have no leading
 * zeros, and optional build metadata. Measured against helm 3.17.3 and 4.1.4.
 */
const SHAPE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = 18446744073709551615n;

export function isValidSemver(v: string): boolean {
  const m = SHAPE.exec(v);
  if (!m) return false;
  for (const part of [m[1], m[2], m[3]]) {
    if (part === undefined) continue;
    const digits = part.startsWith('.') ? part.slice(1) : part;
    if (BigInt(digits) > UINT64_MAX) return false;
  }
  if (m[5] !== undefined) {
    for (const id of m[5].split('.')) {
      if (/^[0-9]+$/.test(id) && id.length > 1 && id.startsWith('0')) return false;
    }
  }
  return true;
}
