/**
 * `k8s.overlays` (facts §3.5): path patches applied to the rendered objects of one component,
 * after rendering and before ordering and validation.
 *
 * Differences from istioctl 1.11 (the issue's improvements, and decisions):
 * - several overlays on one object all apply, in order (istioctl applied each to the original
 *   object and kept only the last result);
 * - an overlay naming `X` finds `X-<revision>` when the component has a revision and no object
 *   is named exactly `X` (so `istiod` overlays survive `--revision canary`);
 * - `apiVersion`, when given, must match (match.ts); istioctl ignored it;
 * - a patch that matches nothing (a missing field or list entry to delete, a `[key:value]` or
 *   `[value]` with no entry) is an error naming the overlay and what was available; an empty
 *   path is an error (istioctl skipped it with a warning);
 * - `[value]` is an exact match (istioctl: an unanchored regular expression);
 * - a `value: null` deletes, like a missing `value` (istioctl: a nil value deletes);
 * - a string holding a YAML map is written as that map (istioctl), except where it replaces a
 *   string: then it stays text (value.ts), so ConfigMap data such as `mesh` can be patched.
 * Paths are parsed by the --set parser (parseSetPath); the leading element is not stripped, so
 * `spec.template...` means the object's own `spec`.
 *
 * Nothing throws: every problem is an Issue. All overlays are checked, so one run reports
 * every broken overlay; on failure the objects may be partly patched (the caller passes copies
 * and discards them).
 */
import type { Issue, SourceMap, SourcePosition } from '../../operator/issues.js';
import { pointerToPath } from '../../operator/issues.js';
import { parseSetPath, type SetSegment } from '../../operator/compose/set-path.js';
import { isMap } from '../../operator/compose/tree.js';
import type { ComponentName, K8sObjectOverlay } from '../../operator/translate/types.js';
import { matchOverlay } from './match.js';
import { applyPatch, DELETE, type PatchOp } from './patch.js';
import { copyValue, patchValue } from './value.js';

export type { ComponentName, K8sObjectOverlay };

/** One parsed document. */
export interface KubeObject {
  readonly [key: string]: unknown;
}

export interface OverlayTarget {
  readonly object: Record<string, unknown>;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export type OverlayResult = { readonly ok: true; readonly changed: ReadonlySet<number> } | { readonly ok: false; readonly issues: readonly Issue[] };

export interface OverlayContext {
  readonly component: ComponentName;
  readonly namespace: string;
  readonly revision: string;
  /** Not used yet: where the IstioOperator came from is given by `sourceMap` positions. */
  readonly file?: string;
  /** Gateways: the entry's name, for the issue path `spec.components.ingressGateways[name:X]...`. */
  readonly gatewayName?: string;
  /**
   * JSON pointer of this component's overlay list in the composed IstioOperator (e.g.
   * `/spec/components/ingressGateways/1/k8s/overlays`). Default: from `component`/`gatewayName`.
   */
  readonly overlaysPointer?: string;
  /** The composed IstioOperator's SourceMap: issues then carry the file and line of the patch. */
  readonly sourceMap?: SourceMap;
}

export const OVERLAY_CODES = {
  invalid: 'overlay-invalid',
  invalidPath: 'overlay-invalid-path',
  noObject: 'overlay-no-object',
  ambiguous: 'overlay-ambiguous-object',
  notFound: 'overlay-path-not-found',
  typeConflict: 'overlay-type-conflict',
} as const;

const FIELD: Record<ComponentName, string> = {
  Base: 'base',
  Pilot: 'pilot',
  Cni: 'cni',
  IstiodRemote: 'istiodRemote',
  IngressGateways: 'ingressGateways',
  EgressGateways: 'egressGateways',
};

/** Applies overlays IN PLACE to the objects of ONE component (mutates object trees; caller passes copies). */
export function applyOverlays(targets: readonly OverlayTarget[], overlays: readonly K8sObjectOverlay[], context: OverlayContext): OverlayResult {
  const issues: Issue[] = [];
  const changed = new Set<number>();
  const where = locator(context);

  overlays.forEach((overlay, oi) => {
    const label = `${overlay.kind}:${overlay.name}`;
    const overlayAt = where([oi]);
    if (typeof overlay.kind !== 'string' || overlay.kind === '' || typeof overlay.name !== 'string' || overlay.name === '') {
      issues.push(issue(OVERLAY_CODES.invalid, overlayAt, `overlay ${oi} of ${context.component} needs a kind and a name`));
      return;
    }
    // Parse every path first: a syntax error is reported even when the object is missing.
    const parsed: (readonly SetSegment[] | undefined)[] = overlay.patches.map((patch, pi) => {
      const at = where([oi, 'patches', pi, 'path']);
      if (typeof patch.path !== 'string') {
        issues.push(issue(OVERLAY_CODES.invalidPath, at, `${context.component} overlay ${label}: patch ${pi} has no path`));
        return undefined;
      }
      const r = parseSetPath(patch.path);
      if (r.ok) return r.path;
      issues.push(issue(OVERLAY_CODES.invalidPath, at, `${context.component} overlay ${label}: the patch path ${quote(patch.path)} is not valid at column ${r.column}: ${r.message}`));
      return undefined;
    });

    const match = matchOverlay(targets, overlay, context.namespace, context.revision);
    if (!match.ok) {
      issues.push(issue(match.code, overlayAt, `${context.component}: ${match.message}`, match.suggestion));
      return;
    }
    const target = targets[match.index] as OverlayTarget;
    if (!isMap(target.object)) {
      issues.push(issue(OVERLAY_CODES.typeConflict, overlayAt, `${context.component} overlay ${label}: the rendered object is not a map`));
      return;
    }
    const shown = target.name === overlay.name ? label : `${label} (the object ${overlay.kind}:${target.name})`;

    overlay.patches.forEach((patch, pi) => {
      const path = parsed[pi];
      if (path === undefined) return;
      const value = patch.value === undefined || patch.value === null ? undefined : patch.value;
      const op: PatchOp = value === undefined ? DELETE : { value };
      const failure = applyPatch(target.object, path, op, (existing) => copyValue(typeof existing === 'string' ? value : patchValue(value)));
      if (failure) {
        const verb = op === DELETE ? 'delete' : 'set';
        issues.push(
          issue(
            failure.code,
            where([oi, 'patches', pi, 'path']),
            `${context.component} overlay ${shown}: cannot ${verb} ${quote(patch.path)} (stopped at column ${failure.segment.column}): ${failure.message}`,
            failure.suggestion,
          ),
        );
        return;
      }
      changed.add(match.index);
    });
  });

  return issues.length > 0 ? { ok: false, issues } : { ok: true, changed };
}

type Locate = (rest: readonly (string | number)[]) => { path: string; source?: SourcePosition };

/** The issue path (and source position, with a SourceMap) of a node below the overlay list. */
function locator(context: OverlayContext): Locate {
  const pointer = context.overlaysPointer ?? defaultPointer(context);
  const entry = context.gatewayName !== undefined ? `[name:${context.gatewayName}]` : '';
  const dotted = pointer !== undefined ? pointerToPath(pointer) : `spec.components.${FIELD[context.component]}${entry}.k8s.overlays`;
  return (rest) => {
    let path = dotted;
    for (const r of rest) path += typeof r === 'number' ? `[${r}]` : `.${r}`;
    if (pointer === undefined || context.sourceMap === undefined) return { path };
    // The deepest node the SourceMap knows (a patch path, else its patch, else the overlay...).
    const segs = rest.map((r) => String(r).replace(/~/g, '~0').replace(/\//g, '~1'));
    for (let n = segs.length; n >= 0; n--) {
      const source = context.sourceMap.get([pointer, ...segs.slice(0, n)].join('/'));
      if (source) return { path, source };
    }
    return { path };
  };
}

function defaultPointer(context: OverlayContext): string | undefined {
  const field = FIELD[context.component];
  if (context.component === 'IngressGateways' || context.component === 'EgressGateways') return undefined;
  return `/spec/components/${field}/k8s/overlays`;
}

/** A path in quotes as the user wrote it (JSON escaping would double every `\`). */
function quote(path: string): string {
  return `"${path}"`;
}

function issue(code: string, at: { path: string; source?: SourcePosition }, message: string, suggestion?: string): Issue {
  return {
    severity: 'error',
    code,
    path: at.path,
    message,
    ...(at.source ? { source: at.source } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
}
