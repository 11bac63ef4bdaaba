/**
 * The render context `helm template` gives every template (reference §2.6, §2.7): `.Values`,
 * `.Release`, `.Chart` (helm 3 struct / helm 4 map), `.Capabilities`, `.Files`, `.Subcharts`,
 * `.Template`, with the Go types helm uses and their JSON shapes.
 */
import type { Compat } from '../gotemplate/template.js';
import type { GoFuncSpec, GoTypeInfo, GoValue } from '../gotemplate/value.js';
import { GoStruct, MAP_TYPE, SLICE_TYPE, STRING_MAP_TYPE, STRING_SLICE_TYPE, goTypeName, int, nilCollection, withType } from '../gotemplate/value.js';
import { chartFilesValue } from './files.js';
import { valuesType } from './values.js';
import { orderedJsonObject } from '../yaml/json.js';

/** `.Release` (a plain map in helm). */
export interface ReleaseInfo {
  name: string;
  namespace: string;
  isInstall: boolean;
  isUpgrade: boolean;
  revision: number;
  service: string;
}

/** The parts of Chart.yaml that `.Chart` shows (Go field names, helm's chart.Metadata). */
export interface ChartMetadata {
  name: string;
  version: string;
  apiVersion: string;
  appVersion?: string;
  description?: string;
  home?: string;
  icon?: string;
  condition?: string;
  tags?: string;
  kubeVersion?: string;
  type?: string;
  deprecated?: boolean;
  sources?: string[];
  keywords?: string[];
  annotations?: ReadonlyMap<string, string>;
  maintainers?: readonly { name?: string; email?: string; url?: string }[];
  dependencies?: readonly ChartDependencyInfo[];
}

/** One Chart.yaml dependency as `.Chart.Dependencies` shows it (helm's chart.Dependency). */
export interface ChartDependencyInfo {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: readonly string[];
  enabled?: boolean;
  importValues?: readonly (string | { readonly child: string; readonly parent: string })[];
  alias?: string;
}

/** What the render context is built from. */
export interface ContextInput {
  /** Chart name; template names are `<chartName>/<path>`. */
  chartName: string;
  /**
   * Chart files by path inside the chart (`templates/a.yaml`); `templates/` files are the
   * templates, the others (minus Chart.yaml, values.yaml, values.schema.json, ...) are `.Files`.
   */
  files: ReadonlyMap<string, string>;
  /**
   * Coalesced values (`.Values`); the map is tagged as chartutil.Values in place. Mutations by
   * templates (`set`) are visible to later files.
   */
  values: Map<string, GoValue>;
  /** Defaults: name `release-name`, namespace `default`, install, revision 1. */
  release?: Partial<ReleaseInfo>;
  /** Defaults to `{ name: chartName, version: '0.1.0', apiVersion: 'v2' }`. */
  chart?: ChartMetadata;
  /** `.Capabilities` beyond `helm template`'s defaults (`--kube-version`, `--api-versions`). */
  capabilities?: CapabilitiesOptions;
  compat: Compat;
}

export interface CapabilitiesOptions {
  /**
   * Parsed `--kube-version`, e.g. `{ version: 'v1.20.0', major: '1', minor: '20' }`; helm 4's
   * String() prints `normalized` when given.
   */
  kubeVersion?: { version: string; major: string; minor: string; normalized?: string };
  /** `--api-versions`: added after the default list. */
  apiVersions?: readonly string[];
}

/** The top-level data of every template: `.Values`, `.Release`, `.Chart`, `.Capabilities`, `.Files`, ... */
export function renderContext(req: ContextInput): Map<string, GoValue> {
  const { compat } = req;
  const chart = req.chart ?? { name: req.chartName, version: '0.1.0', apiVersion: 'v2' };
  return withType(
    new Map<string, GoValue>([
      ['Values', withType(req.values, valuesType(compat))],
      ['Release', releaseValue(req.release ?? {})],
      ['Chart', chartValue(chart, compat, true)],
      ['Capabilities', capabilitiesValue(compat, req.capabilities ?? {})],
      ['Files', chartFilesValue(req.files)],
      ['Subcharts', new Map()],
      ['Template', new Map()],
    ]),
    valuesType(compat),
  );
}

/** `.Release`: a plain map. */
export function releaseValue(r: Partial<ReleaseInfo>): Map<string, GoValue> {
  return new Map<string, GoValue>([
    ['Name', r.name ?? 'release-name'],
    ['Namespace', r.namespace ?? 'default'],
    ['IsUpgrade', r.isUpgrade ?? false],
    ['IsInstall', r.isInstall ?? true],
    ['Revision', int(r.revision ?? 1)],
    ['Service', r.service ?? 'Helm'],
  ]);
}

/** A `[]string` field: nil when Chart.yaml has none (helm 3 struct). */
function stringSlice(xs: readonly string[] | undefined): GoValue[] {
  const v = withType([...(xs ?? [])], STRING_SLICE_TYPE);
  return xs === undefined ? nilCollection(v) : v;
}

/** A typed slice, nil when absent (helm 3 struct fields). */
function typedSlice(items: GoValue[] | undefined, info: GoTypeInfo): GoValue[] {
  const v = withType(items ?? [], info);
  return items === undefined ? nilCollection(v) : v;
}

/** A list field of helm 4's `.Chart` map: `[]interface {}`, empty when absent. */
function ifaceSlice(items: readonly GoValue[] | undefined): GoValue[] {
  return withType([...(items ?? [])], SLICE_TYPE);
}

function annotationsValue(a: ReadonlyMap<string, string> | undefined): Map<string, GoValue> {
  const v = withType(new Map<string, GoValue>(a ?? []), STRING_MAP_TYPE);
  return a === undefined ? nilCollection(v) : v;
}

function importValuesOf(d: ChartDependencyInfo): GoValue[] {
  return (d.importValues ?? []).map((iv): GoValue =>
    typeof iv === 'string' ? iv : withType(new Map<string, GoValue>([['child', iv.child], ['parent', iv.parent]]), MAP_TYPE),
  );
}

/**
 * helm 4's `.Chart` is a map built from chart.Metadata with Go field names, recursively: lists
 * are `[]interface {}` (empty, not nil, when absent), maintainers and dependencies are maps.
 */
function chartFieldsHelm4(c: ChartMetadata): [string, GoValue][] {
  const maintainers = (c.maintainers ?? []).map(
    (m): GoValue =>
      withType(
        new Map<string, GoValue>([
          ['Email', m.email ?? ''],
          ['Name', m.name ?? ''],
          ['URL', m.url ?? ''],
        ]),
        MAP_TYPE,
      ),
  );
  const dependencies = (c.dependencies ?? []).map(
    (d): GoValue =>
      withType(
        new Map<string, GoValue>([
          ['Alias', d.alias ?? ''],
          ['Condition', d.condition ?? ''],
          ['Enabled', d.enabled ?? false],
          ['ImportValues', ifaceSlice(importValuesOf(d))],
          ['Name', d.name],
          ['Repository', d.repository ?? ''],
          ['Tags', ifaceSlice(d.tags)],
          ['Version', d.version ?? ''],
        ]),
        MAP_TYPE,
      ),
  );
  return [
    ['Name', c.name],
    ['Home', c.home ?? ''],
    ['Sources', ifaceSlice(c.sources)],
    ['Version', c.version],
    ['Description', c.description ?? ''],
    ['Keywords', ifaceSlice(c.keywords)],
    ['Maintainers', ifaceSlice(maintainers)],
    ['Icon', c.icon ?? ''],
    ['APIVersion', c.apiVersion],
    ['Condition', c.condition ?? ''],
    ['Tags', c.tags ?? ''],
    ['AppVersion', c.appVersion ?? ''],
    ['Deprecated', c.deprecated ?? false],
    ['Annotations', annotationsValue(c.annotations)],
    ['KubeVersion', c.kubeVersion ?? ''],
    ['Dependencies', ifaceSlice(dependencies)],
    ['Type', c.type ?? ''],
  ];
}

/** helm 3's chart.Metadata fields (nil slices and maps where Chart.yaml has none). */
function chartFields(c: ChartMetadata): [string, GoValue][] {
  return [
    ['Name', c.name],
    ['Home', c.home ?? ''],
    ['Sources', stringSlice(c.sources)],
    ['Version', c.version],
    ['Description', c.description ?? ''],
    ['Keywords', stringSlice(c.keywords)],
    [
      'Maintainers',
      typedSlice(
        c.maintainers?.map((m) => maintainerValue(m, 'chart')),
        { name: '[]*chart.Maintainer', kind: 'slice', elem: '*chart.Maintainer' },
      ),
    ],
    ['Icon', c.icon ?? ''],
    ['APIVersion', c.apiVersion],
    ['Condition', c.condition ?? ''],
    ['Tags', c.tags ?? ''],
    ['AppVersion', c.appVersion ?? ''],
    ['Deprecated', c.deprecated ?? false],
    ['Annotations', annotationsValue(c.annotations)],
    ['KubeVersion', c.kubeVersion ?? ''],
    [
      'Dependencies',
      typedSlice(
        c.dependencies?.map((d) => dependencyValue(d, 'chart')),
        { name: '[]*chart.Dependency', kind: 'slice', elem: '*chart.Dependency' },
      ),
    ],
    ['Type', c.type ?? ''],
  ];
}

/** A `*chart.Maintainer` (json: name, email omitempty, url omitempty). */
function maintainerValue(m: { name?: string; email?: string; url?: string }, pkg: string): GoStruct {
  const fields = new Map<string, GoValue>([
    ['Name', m.name ?? ''],
    ['Email', m.email ?? ''],
    ['URL', m.url ?? ''],
  ]);
  return new GoStruct(
    {
      name: `${pkg}.Maintainer`,
      kind: 'struct',
      jsonValue: (v) => {
        const out = new Map<string, GoValue>();
        for (const [f, j] of [['Name', 'name'], ['Email', 'email'], ['URL', 'url']] as const) {
          const x = v.fields.get(f) ?? '';
          if (x !== '') out.set(j, x);
        }
        return orderedJsonObject(out);
      },
    },
    fields,
    true,
  );
}

/** A `*chart.Dependency` with its json tags (all but name omitempty). */
function dependencyValue(d: ChartDependencyInfo, pkg: string): GoStruct {
  const importValues = typedSlice(d.importValues === undefined ? undefined : importValuesOf(d), SLICE_TYPE);
  const fields = new Map<string, GoValue>([
    ['Name', d.name],
    ['Version', d.version ?? ''],
    ['Repository', d.repository ?? ''],
    ['Condition', d.condition ?? ''],
    ['Tags', stringSlice(d.tags)],
    ['Enabled', d.enabled ?? false],
    ['ImportValues', importValues],
    ['Alias', d.alias ?? ''],
  ]);
  const tags: readonly [string, string, boolean][] = [
    ['Name', 'name', false],
    ['Version', 'version', true],
    ['Repository', 'repository', false],
    ['Condition', 'condition', true],
    ['Tags', 'tags', true],
    ['Enabled', 'enabled', true],
    ['ImportValues', 'import-values', true],
    ['Alias', 'alias', true],
  ];
  return new GoStruct(
    {
      name: `${pkg}.Dependency`,
      kind: 'struct',
      jsonValue: (v) => {
        const out = new Map<string, GoValue>();
        for (const [f, j, omit] of tags) {
          const x = v.fields.get(f) ?? null;
          if (!(omit && isEmptyJson(x))) out.set(j, x);
        }
        return orderedJsonObject(out);
      },
    },
    fields,
    true,
  );
}

/**
 * `.Chart`: helm 3 passes `struct { chart.Metadata; IsRoot bool }`, helm 4 a map of the same
 * Go field names plus IsRoot (measured, §2.7).
 */
export function chartValue(c: ChartMetadata, compat: Compat, isRoot: boolean): GoValue {
  if (compat === 'helm4') return new Map<string, GoValue>([...chartFieldsHelm4(c), ['IsRoot', isRoot]]);
  const fields = chartFields(c);
  // The embedded chart.Metadata's fields are promoted (`.Chart.Name`); the value model has no
  // embedding, so each promoted field is offered as a method of the outer struct returning it.
  const promoted = new Map<string, GoFuncSpec>(
    fields.map(([name, v]): [string, GoFuncSpec] => [name, { name, params: [], results: [goTypeName(v)], fn: () => v }]),
  );
  const metadata = new GoStruct(METADATA_TYPE, new Map(fields));
  return new GoStruct(
    { name: 'struct { chart.Metadata; IsRoot bool }', kind: 'struct', methods: promoted, jsonValue: chartJson },
    new Map<string, GoValue>([
      ['Metadata', metadata],
      ['IsRoot', isRoot],
    ]),
  );
}

// JSON shapes (json tags, omitempty) of the structs above, for toJson/toYaml.
const METADATA_JSON: readonly [field: string, json: string, omitEmpty: boolean][] = [
  ['Name', 'name', false],
  ['Home', 'home', true],
  ['Sources', 'sources', true],
  ['Version', 'version', false],
  ['Description', 'description', true],
  ['Keywords', 'keywords', true],
  ['Maintainers', 'maintainers', true],
  ['Icon', 'icon', true],
  ['APIVersion', 'apiVersion', false],
  ['Condition', 'condition', true],
  ['Tags', 'tags', true],
  ['AppVersion', 'appVersion', true],
  ['Deprecated', 'deprecated', true],
  ['Annotations', 'annotations', true],
  ['KubeVersion', 'kubeVersion', true],
  ['Dependencies', 'dependencies', true],
  ['Type', 'type', true],
];

function isEmptyJson(v: GoValue): boolean {
  return v === null || v === '' || v === false || ((Array.isArray(v) || v instanceof Map) && (Array.isArray(v) ? v.length : v.size) === 0);
}

function metadataJson(fields: ReadonlyMap<string, GoValue>): Map<string, GoValue> {
  const out = new Map<string, GoValue>();
  for (const [field, json, omit] of METADATA_JSON) {
    const v = fields.get(field) ?? null;
    if (!(omit && isEmptyJson(v))) out.set(json, v);
  }
  return out;
}
const METADATA_TYPE: GoTypeInfo = { name: 'chart.Metadata', kind: 'struct', jsonValue: (v) => orderedJsonObject(metadataJson(v.fields)) };

function chartJson(v: GoStruct): GoValue {
  const out = metadataJson((v.fields.get('Metadata') as GoStruct).fields);
  out.set('IsRoot', v.fields.get('IsRoot') ?? false);
  return orderedJsonObject(out);
}


// helm 4's KubeVersion hides Normalized from JSON; a plain struct keeps Go's field order.
function kubeVersionJson(v: GoStruct): GoValue {
  return new GoStruct(
    { name: 'common.KubeVersion (json)', kind: 'struct' },
    new Map(['Version', 'Major', 'Minor'].map((k): [string, GoValue] => [k, v.fields.get(k) ?? ''])),
  );
}

const BUILD_INFO_TAGS: readonly [field: string, json: string][] = [
  ['Version', 'version'],
  ['GitCommit', 'git_commit'],
  ['GitTreeState', 'git_tree_state'],
  ['GoVersion', 'go_version'],
  ['KubeClientVersion', 'kube_client_version'],
];

/** version.BuildInfo: json tags, all omitempty. */
const BUILD_INFO_TYPE: GoTypeInfo = {
  name: 'version.BuildInfo',
  kind: 'struct',
  jsonValue: (v) => {
    const out = new Map<string, GoValue>();
    for (const [field, json] of BUILD_INFO_TAGS) {
      const x = v.fields.get(field);
      if (x !== undefined && x !== '') out.set(json, x);
    }
    return orderedJsonObject(out);
  },
};

/** Kubernetes API versions `helm template` assumes (measured `.Capabilities.APIVersions`). */
const API_VERSIONS: Record<Compat, readonly string[]> = {
  helm3: (
    'v1 admissionregistration.k8s.io/v1 admissionregistration.k8s.io/v1alpha1 admissionregistration.k8s.io/v1beta1 ' +
    'internal.apiserver.k8s.io/v1alpha1 apps/v1 apps/v1beta1 apps/v1beta2 authentication.k8s.io/v1 ' +
    'authentication.k8s.io/v1alpha1 authentication.k8s.io/v1beta1 authorization.k8s.io/v1 authorization.k8s.io/v1beta1 ' +
    'autoscaling/v1 autoscaling/v2 autoscaling/v2beta1 autoscaling/v2beta2 batch/v1 batch/v1beta1 certificates.k8s.io/v1 ' +
    'certificates.k8s.io/v1beta1 certificates.k8s.io/v1alpha1 coordination.k8s.io/v1alpha2 coordination.k8s.io/v1beta1 ' +
    'coordination.k8s.io/v1 discovery.k8s.io/v1 discovery.k8s.io/v1beta1 events.k8s.io/v1 events.k8s.io/v1beta1 ' +
    'extensions/v1beta1 flowcontrol.apiserver.k8s.io/v1 flowcontrol.apiserver.k8s.io/v1beta1 ' +
    'flowcontrol.apiserver.k8s.io/v1beta2 flowcontrol.apiserver.k8s.io/v1beta3 networking.k8s.io/v1 ' +
    'networking.k8s.io/v1alpha1 networking.k8s.io/v1beta1 node.k8s.io/v1 node.k8s.io/v1alpha1 node.k8s.io/v1beta1 ' +
    'policy/v1 policy/v1beta1 rbac.authorization.k8s.io/v1 rbac.authorization.k8s.io/v1beta1 ' +
    'rbac.authorization.k8s.io/v1alpha1 resource.k8s.io/v1beta1 resource.k8s.io/v1alpha3 scheduling.k8s.io/v1alpha1 ' +
    'scheduling.k8s.io/v1beta1 scheduling.k8s.io/v1 storage.k8s.io/v1beta1 storage.k8s.io/v1 storage.k8s.io/v1alpha1 ' +
    'storagemigration.k8s.io/v1alpha1 apiextensions.k8s.io/v1beta1 apiextensions.k8s.io/v1'
  ).split(' '),
  helm4: (
    'v1 admissionregistration.k8s.io/v1 admissionregistration.k8s.io/v1alpha1 admissionregistration.k8s.io/v1beta1 ' +
    'internal.apiserver.k8s.io/v1alpha1 apps/v1 apps/v1beta1 apps/v1beta2 authentication.k8s.io/v1 ' +
    'authentication.k8s.io/v1alpha1 authentication.k8s.io/v1beta1 authorization.k8s.io/v1 authorization.k8s.io/v1beta1 ' +
    'autoscaling/v1 autoscaling/v2 autoscaling/v2beta1 autoscaling/v2beta2 batch/v1 batch/v1beta1 certificates.k8s.io/v1 ' +
    'certificates.k8s.io/v1beta1 certificates.k8s.io/v1alpha1 coordination.k8s.io/v1alpha2 coordination.k8s.io/v1beta1 ' +
    'coordination.k8s.io/v1 discovery.k8s.io/v1 discovery.k8s.io/v1beta1 events.k8s.io/v1 events.k8s.io/v1beta1 ' +
    'extensions/v1beta1 flowcontrol.apiserver.k8s.io/v1 flowcontrol.apiserver.k8s.io/v1beta1 ' +
    'flowcontrol.apiserver.k8s.io/v1beta2 flowcontrol.apiserver.k8s.io/v1beta3 networking.k8s.io/v1 ' +
    'networking.k8s.io/v1beta1 node.k8s.io/v1 node.k8s.io/v1alpha1 node.k8s.io/v1beta1 policy/v1 policy/v1beta1 ' +
    'rbac.authorization.k8s.io/v1 rbac.authorization.k8s.io/v1beta1 rbac.authorization.k8s.io/v1alpha1 ' +
    'resource.k8s.io/v1 resource.k8s.io/v1beta2 resource.k8s.io/v1beta1 resource.k8s.io/v1alpha3 ' +
    'scheduling.k8s.io/v1alpha1 scheduling.k8s.io/v1beta1 scheduling.k8s.io/v1 storage.k8s.io/v1beta1 storage.k8s.io/v1 ' +
    'storage.k8s.io/v1alpha1 storagemigration.k8s.io/v1beta1 apiextensions.k8s.io/v1beta1 apiextensions.k8s.io/v1'
  ).split(' '),
};

const KUBE_VERSION: Record<Compat, { version: string; major: string; minor: string }> = {
  helm3: { version: 'v1.32.0', major: '1', minor: '32' },
  helm4: { version: 'v1.35.0', major: '1', minor: '35' },
};

const HELM_VERSION: Record<Compat, [string, GoValue][]> = {
  helm3: [
    ['Version', 'v3.17.3'],
    ['GitCommit', 'e4da49785aa6e6ee2b86efd5dd9e43400318262b'],
    ['GitTreeState', 'clean'],
    ['GoVersion', 'go1.23.7'],
  ],
  helm4: [
    ['Version', 'v4.1.4'],
    ['GitCommit', '05fa37973dc9e42b76e1d2883494c87174b6074f'],
    ['GitTreeState', 'clean'],
    ['GoVersion', 'go1.25.9'],
    ['KubeClientVersion', 'v1.35'],
  ],
};

// Methods receive their receiver as the first argument (the executor's convention).

/** `.Capabilities` with `helm template`'s defaults (measured, §2.6) and the given overrides. */
export function capabilitiesValue(compat: Compat, opts: CapabilitiesOptions): GoValue {
  const pkg = compat === 'helm3' ? 'chartutil' : 'common';
  const kv = opts.kubeVersion ?? KUBE_VERSION[compat];
  const str = (s: string): GoFuncSpec => ({ name: 'String', params: [], results: ['string'], fn: () => s });
  const kubeMethods = new Map<string, GoFuncSpec>([
    ['String', str(compat === 'helm4' ? (opts.kubeVersion?.normalized ?? kv.version) : kv.version)],
    ['GitVersion', { name: 'GitVersion', params: [], results: ['string'], fn: () => kv.version }],
  ]);
  const kubeFields: [string, GoValue][] =
    compat === 'helm3'
      ? [
          ['Version', kv.version],
          ['Major', kv.major],
          ['Minor', kv.minor],
        ]
      : [
          ['Version', kv.version],
          ['Normalized', opts.kubeVersion?.normalized ?? kv.version],
          ['Major', kv.major],
          ['Minor', kv.minor],
        ];
  const kube = new GoStruct(
    { name: `${pkg}.KubeVersion`, kind: 'struct', methods: kubeMethods, ...(compat === 'helm4' ? { jsonValue: kubeVersionJson } : {}) },
    new Map(kubeFields),
  );
  const versions = [...API_VERSIONS[compat], ...(opts.apiVersions ?? [])];
  const apiVersions = withType([...versions], {
    name: `${pkg}.VersionSet`,
    kind: 'slice',
    elem: 'string',
    methods: new Map<string, GoFuncSpec>([
      ['Has', { name: 'Has', params: ['string'], results: ['bool'], fn: (_recv, v) => versions.includes(v as string) }],
    ]),
  });
  const helmVersion = new GoStruct(BUILD_INFO_TYPE, new Map(HELM_VERSION[compat]));
  return new GoStruct(
    { name: `${pkg}.Capabilities`, kind: 'struct' },
    new Map<string, GoValue>([
      ['KubeVersion', kube],
      ['APIVersions', apiVersions],
      ['HelmVersion', helmVersion],
    ]),
    true,
  );
}
