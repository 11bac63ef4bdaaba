/**
 * Which merge rule applies at a path of the IstioOperator document (facts §2.3, istioctl's
 * strategic merge of IstioOperator layers):
 * - maps deep-merge, and `null` deletes a key;
 * - `components.ingressGateways` / `egressGateways` merge by `name`;
 * - inside `values`: a gateway's `ports`, `secretVolumes` and `meshExpansionPorts` merge by `name`;
 * - inside `meshConfig` (spec.meshConfig and values.meshConfig): `extensionProviders` by `name`,
 *   `configSources` by `address`, `certificates` by `secretName`; `trustDomainAliases` and the
 *   default export-to lists are unions; `defaultConfig.tracing` is replaced as a whole;
 * - every other list (all lists inside `components.X.k8s` among them) is replaced.
 *
 * Paths are the keys from the document root; list items are written `*`.
 */

export type ListRule =
  | { readonly kind: 'replace' }
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'union' };

const REPLACE: ListRule = { kind: 'replace' };
const BY_NAME: ListRule = { kind: 'key', key: 'name' };

const MESH_LIST_RULES: Readonly<Record<string, ListRule>> = {
  extensionProviders: BY_NAME,
  configSources: { kind: 'key', key: 'address' },
  certificates: { kind: 'key', key: 'secretName' },
  trustDomainAliases: { kind: 'union' },
  defaultServiceExportTo: { kind: 'union' },
  defaultVirtualServiceExportTo: { kind: 'union' },
  defaultDestinationRuleExportTo: { kind: 'union' },
};

const GATEWAY_VALUE_LISTS = new Set(['ports', 'secretVolumes', 'meshExpansionPorts']);

/** Length of the meshConfig prefix of `path` (`spec.meshConfig` or `spec.values.meshConfig`), or 0. */
function meshConfigPrefix(path: readonly string[]): number {
  if (path[0] !== 'spec') return 0;
  if (path[1] === 'meshConfig') return 2;
  if (path[1] === 'values' && path[2] === 'meshConfig') return 3;
  return 0;
}

/** How a list at `path` merges with the list below it. */
export function listRule(path: readonly string[]): ListRule {
  const n = path.length;
  if (n === 3 && path[0] === 'spec' && path[1] === 'components' && (path[2] === 'ingressGateways' || path[2] === 'egressGateways')) {
    return BY_NAME;
  }
  if (n === 5 && path[0] === 'spec' && path[1] === 'values' && path[2] === 'gateways' && GATEWAY_VALUE_LISTS.has(path[4] as string)) {
    return BY_NAME;
  }
  const m = meshConfigPrefix(path);
  if (m > 0 && n === m + 1) {
    const rule = MESH_LIST_RULES[path[m] as string];
    if (rule && Object.prototype.hasOwnProperty.call(MESH_LIST_RULES, path[m] as string)) return rule;
  }
  return REPLACE;
}

/** Maps that an overlay replaces as a whole instead of merging into (meshConfig.defaultConfig.tracing). */
export function replacesMap(path: readonly string[]): boolean {
  const m = meshConfigPrefix(path);
  return m > 0 && path.length === m + 2 && path[m] === 'defaultConfig' && path[m + 1] === 'tracing';
}
