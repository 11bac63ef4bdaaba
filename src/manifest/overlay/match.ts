/**
 * Which rendered object an overlay names (facts §3.5, with the issue's improvements):
 * - `kind` and `name` equal, and the object's namespace is the component's namespace or empty
 *   (cluster-scoped objects, or namespaced ones the chart left without a namespace);
 * - when no object has exactly that name and the component has a revision, the name
 *   `<name>-<revision>` is tried (an overlay written for `istiod` finds `istiod-canary`);
 * - `apiVersion`, when the overlay gives it, must equal the object's `group/version` (`v1` for
 *   the core group). istioctl ignored it; here a wrong one is an error rather than a silent
 *   match, because a stale apiVersion in an overlay usually means a stale patch.
 * Exactly one object must match; none or several is a failure that lists what there is.
 */
import { closestKey } from '../../operator/suggest.js';
import type { K8sObjectOverlay } from '../../operator/translate/types.js';

export interface MatchTarget {
  readonly object: Readonly<Record<string, unknown>>;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export type MatchResult =
  | { readonly ok: true; readonly index: number }
  | { readonly ok: false; readonly code: 'overlay-no-object' | 'overlay-ambiguous-object'; readonly message: string; readonly suggestion?: string };

export function matchOverlay(targets: readonly MatchTarget[], overlay: K8sObjectOverlay, namespace: string, revision: string): MatchResult {
  const label = `${overlay.kind}:${overlay.name}`;
  const inScope = (t: MatchTarget): boolean => t.kind === overlay.kind && (t.namespace === undefined || t.namespace === '' || t.namespace === namespace);
  let names = [overlay.name];
  let hits = indices(targets, (t) => inScope(t) && t.name === overlay.name);
  if (hits.length === 0 && revision !== '') {
    const revised = `${overlay.name}-${revision}`;
    names = [overlay.name, revised];
    hits = indices(targets, (t) => inScope(t) && t.name === revised);
  }
  if (hits.length > 0 && overlay.apiVersion !== undefined) {
    const found = hits.map((i) => apiVersionOf(targets[i] as MatchTarget));
    hits = hits.filter((i) => apiVersionOf(targets[i] as MatchTarget) === overlay.apiVersion);
    if (hits.length === 0) {
      return {
        ok: false,
        code: 'overlay-no-object',
        message: `the overlay for ${label} asks for apiVersion ${JSON.stringify(overlay.apiVersion)}, but the rendered ${label} is ${[...new Set(found)].map((v) => JSON.stringify(v)).join(', ')}`,
        suggestion: `write apiVersion: ${found[0] ?? ''}, or leave apiVersion out`,
      };
    }
  }
  if (hits.length === 1) return { ok: true, index: hits[0] as number };
  if (hits.length > 1) {
    return {
      ok: false,
      code: 'overlay-ambiguous-object',
      message: `the overlay for ${label} matches ${hits.length} objects: ${hits.map((i) => describe(targets[i] as MatchTarget)).join(', ')}`,
      suggestion: 'give apiVersion to tell them apart',
    };
  }
  const available = [...new Set(targets.map((t) => `${t.kind}:${t.name}`))];
  const tried = names.length > 1 ? ` (tried the names ${names.map((n) => JSON.stringify(n)).join(' and ')})` : '';
  const elsewhere = targets.filter((t) => t.kind === overlay.kind && names.includes(t.name) && !inScope(t));
  return {
    ok: false,
    code: 'overlay-no-object',
    message:
      `the overlay for ${label} does not match any object of this component${tried}` +
      (elsewhere.length ? `; ${elsewhere.map(describe).join(', ')} is outside the component's namespace ${JSON.stringify(namespace)}` : '') +
      `. Available objects: ${available.length ? available.join(', ') : 'none'}`,
    ...suggest(targets, overlay),
  };
}

function suggest(targets: readonly MatchTarget[], overlay: K8sObjectOverlay): { suggestion?: string } {
  const sameKind = [...new Set(targets.filter((t) => t.kind === overlay.kind).map((t) => t.name))];
  // `istiod` vs `istiod-canary`: a revisioned name rendered without the revision in context.
  const revised = sameKind.filter((n) => n.startsWith(`${overlay.name}-`));
  const name = revised.length === 1 ? revised[0] : closestKey(overlay.name, sameKind);
  if (name !== undefined) return { suggestion: `did you mean ${overlay.kind}:${name}?` };
  const kind = closestKey(overlay.kind, [...new Set(targets.filter((t) => t.name === overlay.name).map((t) => t.kind))]);
  if (kind !== undefined) return { suggestion: `did you mean ${kind}:${overlay.name}?` };
  return {};
}

function indices(targets: readonly MatchTarget[], test: (t: MatchTarget) => boolean): number[] {
  const out: number[] = [];
  targets.forEach((t, i) => {
    if (test(t)) out.push(i);
  });
  return out;
}

function apiVersionOf(t: MatchTarget): string {
  const v = Object.prototype.hasOwnProperty.call(t.object, 'apiVersion') ? t.object['apiVersion'] : undefined;
  return typeof v === 'string' ? v : '';
}

function describe(t: MatchTarget): string {
  const v = apiVersionOf(t);
  return `${t.kind}:${t.namespace ? `${t.namespace}/` : ''}${t.name}${v ? ` (${v})` : ''}`;
}
