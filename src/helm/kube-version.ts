/**
 * `.Capabilities.KubeVersion`: parsing `--kube-version` and checking Chart.yaml's `kubeVersion`
 * constraint (reference §2.1 step 3, §2.6). Measured on helm 3.17.3 and 4.1.4:
 *
 * - helm 3 parses with Masterminds semver (coercing: `1` is v1.0.0, `01.19` is v1.19.0) and
 *   prints `v` + the semver string; String() is that version.
 * - helm 4 parses with Kubernetes' generic version parser (two or more dot-separated numbers,
 *   anything after them uninterpreted): Version keeps the input (`v` prefixed unless it starts
 *   with `v`), String() is the normalized `v` + the numbers joined by dots (`1.19.3-rc.1` prints
 *   v1.19.3, `1.19` prints v1.19).
 * - The constraint is checked against String() with Masterminds semver; a version or constraint
 *   that does not parse is incompatible.
 */
import { GoError } from '../gotemplate/errors.js';
import { quote } from '../gotemplate/strconv.js';
import type { Compat } from '../gotemplate/template.js';
import { checkConstraints, parseConstraints, parseVersion, versionString } from '../sprig/semver.js';

/** A parsed Kubernetes version as `.Capabilities.KubeVersion` holds it. */
export interface KubeVersion {
  /** `.Capabilities.KubeVersion.Version` (and GitVersion). */
  readonly version: string;
  readonly major: string;
  readonly minor: string;
  /** What String() prints (helm 4's Normalized; helm 3 prints `version`). */
  readonly normalized: string;
}

/** `helm template`'s default KubeVersion per version (the client-go it was built with). */
export const DEFAULT_KUBE_VERSION: Record<Compat, KubeVersion> = {
  helm3: { version: 'v1.32.0', major: '1', minor: '32', normalized: 'v1.32.0' },
  helm4: { version: 'v1.35.0', major: '1', minor: '35', normalized: 'v1.35.0' },
};

export type ParseKubeVersionResult = { readonly ok: true; readonly value: KubeVersion } | { readonly ok: false; readonly error: string };

/**
 * Parses a `--kube-version` argument. The error is helm's full message (without `Error: `):
 * `invalid kube version '1.x': ...`.
 */
export function parseKubeVersion(text: string, compat: Compat): ParseKubeVersionResult {
  try {
    const value = compat === 'helm3' ? parseSemverKube(text) : parseGenericKube(text);
    return { ok: true, value };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `invalid kube version '${text}': ${msg}` };
  }
}

function parseSemverKube(text: string): KubeVersion {
  const v = parseVersion(text, 'helm3');
  const version = 'v' + versionString(v);
  return { version, major: v.major.toString(), minor: v.minor.toString(), normalized: version };
}

// Go's \s is [\t\n\f\r ]; the numbers part is `[0-9]+(\.[0-9]+)*`, the rest is uninterpreted.
const GENERIC_RE = /^[\t\n\f\r ]*v?([0-9]+(?:\.[0-9]+)*)([\s\S]*)$/;
const UINT_MAX = 18446744073709551615n;

function parseGenericKube(text: string): KubeVersion {
  const m = GENERIC_RE.exec(text);
  if (!m) throw new GoError(`could not parse ${goQuote(text)} as version`);
  const components = m[1].split('.');
  if (components.length < 2) throw new GoError(`illegal version string ${goQuote(text)}`);
  const nums: bigint[] = [];
  components.forEach((c, i) => {
    if (i === 0 && c.startsWith('0') && c !== '0') {
      throw new GoError(`illegal zero-prefixed version component ${goQuote(c)} in ${goQuote(text)}`);
    }
    const n = BigInt(c);
    if (n > UINT_MAX) {
      throw new GoError(
        `illegal non-numeric version component ${goQuote(c)} in ${goQuote(text)}: strconv.ParseUint: parsing ${goQuote(c)}: value out of range`,
      );
    }
    nums.push(n);
  });
  return {
    version: text.startsWith('v') ? text : 'v' + text,
    major: nums[0].toString(),
    minor: nums[1].toString(),
    normalized: 'v' + nums.map((n) => n.toString()).join('.'),
  };
}

/** Go's %q. */
function goQuote(s: string): string {
  return quote(s);
}

const rangeCache = new Map<string, boolean>();

/** chartutil.IsCompatibleRange: does `version` (String() of the KubeVersion) satisfy `constraint`? */
export function isCompatibleRange(constraint: string, version: string, compat: Compat): boolean {
  const key = `${compat}\u0000${version}\u0000${constraint}`;
  let r = rangeCache.get(key);
  if (r === undefined) {
    r = checkRange(constraint, version, compat);
    if (rangeCache.size >= 1024) rangeCache.clear();
    rangeCache.set(key, r);
  }
  return r;
}

function checkRange(constraint: string, version: string, compat: Compat): boolean {
  try {
    const v = parseVersion(version, compat);
    return checkConstraints(parseConstraints(constraint, compat), v, compat);
  } catch {
    return false;
  }
}

/** Helm's message when Chart.yaml's kubeVersion rejects the target version. */
export function kubeVersionMismatch(constraint: string, kube: KubeVersion, compat: Compat): string | undefined {
  const shown = compat === 'helm3' ? kube.version : kube.normalized;
  if (isCompatibleRange(constraint, shown, compat)) return undefined;
  return `chart requires kubeVersion: ${constraint} which is incompatible with Kubernetes ${shown}`;
}
