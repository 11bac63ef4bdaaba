/**
 * `Testing`: unit-test what an IstioOperator renders, without a cluster.
 *
 * ```ts
 * import { Testing } from 'istio-installer';
 * const set = Testing.render({ spec: { profile: 'demo', components: { pilot: { k8s: { replicaCount: 2 } } } } });
 * const istiod = Testing.object<{ spec: { replicas: number } }>(set, 'Deployment', 'istiod');
 * expect(istiod.spec.replicas).toBe(2);
 * expect(Testing.find(set, 'Service').map((s) => s.name)).toContain('istio-egressgateway');
 * ```
 */
import { render } from './render.js';
import type { ManifestObject, ManifestSet, RenderInput } from './types.js';

function nsName(o: ManifestObject): string {
  return `${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name}`;
}

export const Testing = {
  /** render() of an IstioOperator object (layered on its profile, like an -f file); throws IstioOperatorError on any error. */
  render(iop?: unknown, opts: Omit<RenderInput, 'iop'> = {}): ManifestSet {
    return render({ ...opts, ...(iop !== undefined ? { iop } : {}) });
  },

  /** The objects of `kind` (and `name`, when given), in install order. */
  find(set: ManifestSet, kind: string, name?: string): ManifestObject[] {
    return set.objects.filter((o) => o.kind === kind && (name === undefined || o.name === name));
  },

  /**
   * The one object of `kind` named `name` (in `namespace`, when given), as data; `T` is the shape
   * the test expects (unchecked). Throws an Error naming what exists of that kind when there is
   * none, or when several namespaces have one.
   */
  object<T extends object = Readonly<Record<string, unknown>>>(set: ManifestSet, kind: string, name: string, namespace?: string): T {
    const found = Testing.find(set, kind, name).filter((o) => namespace === undefined || o.namespace === namespace);
    if (found.length === 1) return found[0].object as T;
    const ofKind = Testing.find(set, kind).map(nsName);
    const wanted = `${kind} ${namespace !== undefined ? `${namespace}/` : ''}${name}`;
    if (found.length === 0) {
      throw new Error(`no ${wanted} was rendered; ${ofKind.length > 0 ? `${kind} objects: ${ofKind.join(', ')}` : `no ${kind} at all (kinds: ${[...new Set(set.objects.map((o) => o.kind))].join(', ')})`}`);
    }
    throw new Error(`${found.length} objects match ${wanted}: ${found.map(nsName).join(', ')}; pass the namespace`);
  },

  /** The set's YAML (`set.toYaml()`), for snapshots. */
  toYaml(set: ManifestSet): string {
    return set.toYaml();
  },
};
