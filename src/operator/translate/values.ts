/**
 * The values layering of facts §3.2 for the core charts (base, istiod, istiod-remote, cni):
 *
 *   1. API fields: spec.hub -> global.hub, spec.tag -> global.tag, spec.revision -> revision,
 *      spec.meshConfig -> meshConfig, metadata.name -> ownerName; pilot.enabled and
 *      istio_cni.enabled from the components; global.istioNamespace = the Pilot namespace; the
 *      component's own hub/tag (this chart only: pilot.hub/tag, cni.hub/tag, or global.hub/tag
 *      for istiodRemote).
 *   2. spec.values, merged key by key (lists and scalars replace, null deletes).
 *   3. components.X.k8s without overlays, merged over <root>.k8s (pilot.k8s, cni.k8s).
 *   4. spec.unvalidatedValues, merged the same way.
 *   5. the --revision override, when given.
 * Chart defaults are not copied in: helm coalesces them under these values.
 */
import { at, clone, isObj, mergeInto, newObj, nonEmptyString, own, setAt, type Obj } from './data.js';
import { componentHubTag } from './images.js';
import { mergeK8s } from './k8s.js';
import { componentNamespace } from './namespaces.js';

export interface LayerInput {
  readonly spec: Obj;
  readonly ownerName: string | undefined;
  /** The --revision override (undefined: none). */
  readonly revisionOverride: string | undefined;
  /** Component hub/tag targets for this chart: where `components.<key>.hub/tag` go. */
  readonly hubTag?: { readonly componentKey: string; readonly root: readonly string[] };
  /** components.X.k8s settings (overlays removed) and where they go. */
  readonly k8s?: { readonly settings: Obj; readonly root: readonly string[] };
}

/** The merged values tree for one core chart (not yet pruned to the chart's keys). */
export function layeredValues(input: LayerInput): Obj {
  const { spec } = input;
  const v = newObj();
  const hub = nonEmptyString(own(spec, 'hub'));
  const tag = nonEmptyString(own(spec, 'tag'));
  if (hub !== undefined) setAt(v, ['global', 'hub'], hub);
  if (tag !== undefined) setAt(v, ['global', 'tag'], tag);
  const revision = nonEmptyString(own(spec, 'revision'));
  if (revision !== undefined) v['revision'] = revision;
  const mesh = own(spec, 'meshConfig');
  if (isObj(mesh)) v['meshConfig'] = clone(mesh);
  if (input.ownerName !== undefined) v['ownerName'] = input.ownerName;

  setAt(v, ['pilot', 'enabled'], at(spec, 'components', 'pilot', 'enabled') === true);
  setAt(v, ['istio_cni', 'enabled'], at(spec, 'components', 'cni', 'enabled') === true);
  setAt(v, ['global', 'istioNamespace'], componentNamespace(at(spec, 'components', 'pilot'), spec));
  if (input.hubTag !== undefined) {
    const own = componentHubTag(at(spec, 'components', input.hubTag.componentKey));
    if (own.hub !== undefined) setAt(v, [...input.hubTag.root, 'hub'], own.hub);
    if (own.tag !== undefined) setAt(v, [...input.hubTag.root, 'tag'], own.tag);
  }

  const values = own(spec, 'values');
  if (isObj(values)) mergeInto(v, values);
  if (input.k8s !== undefined) {
    const current = at(v, ...input.k8s.root);
    if (isObj(current)) mergeK8s(current, input.k8s.settings);
    else setAt(v, input.k8s.root, input.k8s.settings);
  }
  const unvalidated = own(spec, 'unvalidatedValues');
  if (isObj(unvalidated)) mergeInto(v, unvalidated);
  applyRevision(v, input.revisionOverride);
  return v;
}

/** The --revision override wins over every layer; '' means the default revision. */
export function applyRevision(v: Obj, override: string | undefined): void {
  if (override === undefined) return;
  if (override === '') delete v['revision'];
  else v['revision'] = override;
}

/** The revision the charts will use: values.revision after layering, '' when unset. */
export function revisionOf(v: Obj): string {
  return nonEmptyString(own(v, 'revision')) ?? '';
}
