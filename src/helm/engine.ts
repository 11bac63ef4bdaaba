/**
 * Helm's template rendering step (reference §2.1 step 6, §2.2, §2.3): all template files of a
 * chart parsed into one template set in helm's order, every non-partial file executed with the
 * render context, `<no value>` removed from each file's output. Pure: files and values come in,
 * per-file text or a structured error comes out.
 *
 * This is the core that the full chart renderer (chart loading, subcharts, output assembly)
 * builds on.
 */
import { TemplateError } from '../gotemplate/errors.js';
import { TemplateSet } from '../gotemplate/template.js';
import type { GoFuncSpec, GoTypeInfo, GoValue } from '../gotemplate/value.js';
import { GoStruct, STRING_MAP_TYPE, STRING_SLICE_TYPE, goTypeName, int, typeInfoOf, withType } from '../gotemplate/value.js';
import { GoError } from '../gotemplate/errors.js';
import { quote } from '../gotemplate/strconv.js';
import { utf8Decode, utf8Encode } from '../gotemplate/bytes.js';
import { base64Encode } from '../sprig/encoding.js';
import { marshalYaml, registerJsonMarshaler, toYaml } from '../yaml/index.js';
import { sprigFuncs } from '../sprig/index.js';
import type { Compat } from './errors.js';
import { HelmRenderError, errorChain, formatExecError, formatParseError } from './errors.js';
import { boundFuncs, helmFuncMap, replaceNoValue } from './funcs.js';

export type { Compat };

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
}

export interface RenderRequest {
  /** Chart name; template names are `<chartName>/<path>`. */
  chartName: string;
  /** Chart files by path inside the chart (`templates/a.yaml`); only `templates/` files are templates. */
  files: ReadonlyMap<string, string>;
  /** Coalesced values (`.Values`). Mutations by templates (`set`) are visible to later files. */
  values: Map<string, GoValue>;
  release?: Partial<ReleaseInfo>;
  /** Defaults to `{ name: chartName, version: '0.1.0', apiVersion: 'v2' }`. */
  chart?: ChartMetadata;
  /** `.Capabilities` beyond `helm template`'s defaults (`--kube-version`, `--api-versions`). */
  capabilities?: CapabilitiesOptions;
  compat: Compat;
}

export interface CapabilitiesOptions {
  /** Parsed `--kube-version`, e.g. `{ version: 'v1.20.0', major: '1', minor: '20' }`. */
  kubeVersion?: { version: string; major: string; minor: string; normalized?: string };
  /** `--api-versions`: added after the default list. */
  apiVersions?: readonly string[];
}

export type RenderResult =
  | { readonly ok: true; readonly outputs: Map<string, string> }
  | { readonly ok: false; readonly error: HelmRenderError };

const CONTEXT_TYPE: Record<Compat, string> = { helm3: 'chartutil.Values', helm4: 'common.Values' };

const VALUES_TYPES: Record<Compat, GoTypeInfo> = {
  helm3: { name: CONTEXT_TYPE.helm3, kind: 'map', elem: 'interface {}', methods: valuesMethods('helm3') },
  helm4: { name: CONTEXT_TYPE.helm4, kind: 'map', elem: 'interface {}', methods: valuesMethods('helm4') },
};

/** chartutil.Values (helm 4: common.Values), the type of `.`, `.Values` and `.Template`. */
function valuesType(compat: Compat): GoTypeInfo {
  return VALUES_TYPES[compat];
}

/** A plain `map[string]interface {}` (a "table" for Values.Table/PathValue). */
function isTable(v: GoValue | undefined): v is Map<string, GoValue> {
  return v instanceof Map && typeInfoOf(v).name === 'map[string]interface {}';
}

/**
 * The methods of chartutil.Values. Go looks methods up before map keys, so `.Values.YAML`
 * calls the method even when the values have a key `YAML` (measured).
 */
function valuesMethods(compat: Compat): Map<string, GoFuncSpec> {
  const table = (v: Map<string, GoValue>, name: string): Map<string, GoValue> => {
    let cur = v;
    for (const part of name.split('.')) {
      const next = cur.get(part);
      if (isTable(next) || (next instanceof Map && typeInfoOf(next).name === CONTEXT_TYPE[compat])) cur = next;
      else throw new GoError(`${quote(part)} is not a table`);
    }
    return cur;
  };
  const specs: GoFuncSpec[] = [
    {
      name: 'YAML',
      params: [],
      results: ['string'],
      returnsError: true,
      fn: (recv) => {
        try {
          return marshalYaml(recv);
        } catch (e) {
          throw new GoError(e instanceof Error ? e.message : String(e));
        }
      },
    },
    {
      name: 'Table',
      params: ['string'],
      results: [CONTEXT_TYPE[compat]],
      returnsError: true,
      fn: (recv, name) => {
        const t = table(recv as Map<string, GoValue>, name as string);
        // The result is typed Values; the map itself is shared, as in Go.
        return t === recv ? t : withType(new Map(t), valuesType(compat));
      },
    },
    {
      name: 'AsMap',
      params: [],
      results: ['map[string]interface {}'],
      fn: (recv) => new Map(recv as Map<string, GoValue>),
    },
    {
      name: 'PathValue',
      params: ['string'],
      results: ['interface {}'],
      returnsError: true,
      fn: (recv, pathV) => {
        const path = pathV as string;
        if (path === '') throw new GoError('YAML path cannot be empty');
        const parts = path.split('.');
        const key = parts[parts.length - 1];
        let t = recv as Map<string, GoValue>;
        if (parts.length > 1) {
          try {
            t = table(t, parts.slice(0, -1).join('.'));
          } catch {
            throw new GoError(`${quote(key)} is not a value`);
          }
        }
        const v = t.get(key);
        if (v !== undefined && !isTable(v)) return v;
        throw new GoError(`${quote(key)} is not a value`);
      },
    },
  ];
  return new Map(specs.map((s) => [s.name, s]));
}

/**
 * Helm's parse order (`sortTemplates`): more path segments first; equal depth in reverse byte
 * order. Files are also executed in this order.
 */
export function helmTemplateOrder(names: Iterable<string>): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** True for files helm parses but never executes (base name starts with `_`). */
export function isPartial(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.startsWith('_');
}

/** The complete function map of a render: Sprig (minus env/expandenv) plus helm's. */
export function renderFuncs(compat: Compat): Map<string, GoFuncSpec> {
  const funcs = new Map(sprigFuncs(compat));
  for (const [k, v] of helmFuncMap(compat)) funcs.set(k, v);
  return funcs;
}

/** Renders every non-partial template file. */
export function renderTemplates(req: RenderRequest): RenderResult {
  const { compat } = req;
  const names = new Map<string, string>();
  for (const [path, text] of req.files) if (path.startsWith('templates/')) names.set(`${req.chartName}/${path}`, text);
  const order = helmTemplateOrder(names.keys());

  const set = new TemplateSet({ funcs: renderFuncs(compat), missingKey: 'zero', compat });
  set.addFuncs(boundFuncs(set, { depth: new Map() }));
  for (const name of order) {
    try {
      set.parse(name, names.get(name) as string);
    } catch (e) {
      return { ok: false, error: toRenderError(e, 'parse', name, compat) };
    }
  }

  const context = renderContext(req);
  const basePath = `${req.chartName}/templates`;
  const outputs = new Map<string, string>();
  for (const name of order) {
    if (isPartial(name)) continue;
    context.set('Template', withType(new Map<string, GoValue>([['Name', name], ['BasePath', basePath]]), valuesType(compat)));
    let out: string;
    try {
      out = set.execute(name, context);
    } catch (e) {
      return { ok: false, error: toRenderError(e, 'exec', name, compat) };
    }
    outputs.set(name, replaceNoValue(out));
  }
  return { ok: true, outputs };
}

function toRenderError(e: unknown, phase: 'parse' | 'exec', name: string, compat: Compat): HelmRenderError {
  if (e instanceof TemplateError) {
    if (phase === 'parse') return new HelmRenderError(formatParseError(name, e.message), 'parse', name, e);
    return new HelmRenderError(formatExecError(name, errorChain(e), compat), 'exec', name, e);
  }
  // Anything else escaped the executor: helm recovers it as a failed render.
  const msg = e instanceof Error ? e.message : String(e);
  return new HelmRenderError(`rendering template failed: ${msg}`, 'render', name, e);
}

/** The top-level data of every template: `.Values`, `.Release`, `.Chart`, `.Capabilities`, `.Files`, ... */
export function renderContext(req: RenderRequest): Map<string, GoValue> {
  const { compat } = req;
  const r = req.release ?? {};
  const release = new Map<string, GoValue>([
    ['Name', r.name ?? 'release-name'],
    ['Namespace', r.namespace ?? 'default'],
    ['IsUpgrade', r.isUpgrade ?? false],
    ['IsInstall', r.isInstall ?? true],
    ['Revision', int(r.revision ?? 1)],
    ['Service', r.service ?? 'Helm'],
  ]);
  const chart = req.chart ?? { name: req.chartName, version: '0.1.0', apiVersion: 'v2' };
  return withType(
    new Map<string, GoValue>([
      ['Values', withType(req.values, valuesType(compat))],
      ['Release', release],
      ['Chart', chartValue(chart, compat)],
      ['Capabilities', capabilities(compat, req.capabilities ?? {})],
      ['Files', chartFilesValue(req.files)],
      ['Subcharts', new Map()],
      ['Template', new Map()],
    ]),
    valuesType(compat),
  );
}

function stringSlice(xs: readonly string[] | undefined): GoValue[] {
  return withType([...(xs ?? [])], STRING_SLICE_TYPE);
}

function chartFields(c: ChartMetadata, compat: Compat): [string, GoValue][] {
  const pkg = compat === 'helm3' ? 'chart' : 'v2';
  return [
    ['Name', c.name],
    ['Home', c.home ?? ''],
    ['Sources', stringSlice(c.sources)],
    ['Version', c.version],
    ['Description', c.description ?? ''],
    ['Keywords', stringSlice(c.keywords)],
    ['Maintainers', withType([], { name: `[]*${pkg}.Maintainer`, kind: 'slice', elem: `*${pkg}.Maintainer` })],
    ['Icon', c.icon ?? ''],
    ['APIVersion', c.apiVersion],
    ['Condition', c.condition ?? ''],
    ['Tags', c.tags ?? ''],
    ['AppVersion', c.appVersion ?? ''],
    ['Deprecated', c.deprecated ?? false],
    [
      'Annotations',
      withType(new Map<string, GoValue>(c.annotations ?? []), { name: 'map[string]string', kind: 'map', elem: 'string' }),
    ],
    ['KubeVersion', c.kubeVersion ?? ''],
    ['Dependencies', withType([], { name: `[]*${pkg}.Dependency`, kind: 'slice', elem: `*${pkg}.Dependency` })],
    ['Type', c.type ?? ''],
  ];
}

/**
 * `.Chart`: helm 3 passes `struct { chart.Metadata; IsRoot bool }`, helm 4 a map of the same
 * Go field names plus IsRoot (measured, §2.7).
 */
function chartValue(c: ChartMetadata, compat: Compat): GoValue {
  const fields = chartFields(c, compat);
  if (compat === 'helm4') return new Map<string, GoValue>([...fields, ['IsRoot', true]]);
  // The embedded chart.Metadata's fields are promoted (`.Chart.Name`); the value model has no
  // embedding, so each promoted field is offered as a method of the outer struct returning it.
  const promoted = new Map<string, GoFuncSpec>(
    fields.map(([name, v]): [string, GoFuncSpec] => [name, { name, params: [], results: [goTypeName(v)], fn: () => v }]),
  );
  const metadata = new GoStruct({ name: 'chart.Metadata', kind: 'struct' }, new Map(fields));
  return new GoStruct(
    { name: 'struct { chart.Metadata; IsRoot bool }', kind: 'struct', methods: promoted },
    new Map<string, GoValue>([
      ['Metadata', metadata],
      ['IsRoot', true],
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

// NOTE: a marshaler's Map is written with sorted keys, so toJson of these structs orders keys
// alphabetically where Go uses field order (toYaml, which sorts, is exact).
function metadataJson(fields: ReadonlyMap<string, GoValue>): Map<string, GoValue> {
  const out = new Map<string, GoValue>();
  for (const [field, json, omit] of METADATA_JSON) {
    const v = fields.get(field) ?? null;
    if (!(omit && isEmptyJson(v))) out.set(json, v);
  }
  return out;
}
registerJsonMarshaler('chart.Metadata', (v) => metadataJson(v.fields));
registerJsonMarshaler('struct { chart.Metadata; IsRoot bool }', (v) => {
  const out = metadataJson((v.fields.get('Metadata') as GoStruct).fields);
  out.set('IsRoot', v.fields.get('IsRoot') ?? false);
  return out;
});
// helm 4's KubeVersion hides Normalized from JSON; a plain struct keeps Go's field order.
registerJsonMarshaler(
  'common.KubeVersion',
  (v) =>
    new GoStruct(
      { name: 'common.KubeVersion (json)', kind: 'struct' },
      new Map(['Version', 'Major', 'Minor'].map((k): [string, GoValue] => [k, v.fields.get(k) ?? ''])),
    ),
);
registerJsonMarshaler('version.BuildInfo', (v) => {
  const out = new Map<string, GoValue>();
  const tags: [string, string][] = [
    ['Version', 'version'],
    ['GitCommit', 'git_commit'],
    ['GitTreeState', 'git_tree_state'],
    ['GoVersion', 'go_version'],
    ['KubeClientVersion', 'kube_client_version'],
  ];
  for (const [field, json] of tags) {
    const x = v.fields.get(field);
    if (x !== undefined && x !== '') out.set(json, x);
  }
  return out;
});

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

/** A minimal `.Capabilities` with `helm template`'s defaults (measured, §2.6). */
function capabilities(compat: Compat, opts: CapabilitiesOptions): GoValue {
  const pkg = compat === 'helm3' ? 'chartutil' : 'common';
  const kv = opts.kubeVersion ?? KUBE_VERSION[compat];
  const str = (s: string): GoFuncSpec => ({ name: 'String', params: [], results: ['string'], fn: () => s });
  const kubeMethods = new Map<string, GoFuncSpec>([
    ['String', str(kv.version)],
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
  const kube = new GoStruct({ name: `${pkg}.KubeVersion`, kind: 'struct', methods: kubeMethods }, new Map(kubeFields));
  const versions = [...API_VERSIONS[compat], ...(opts.apiVersions ?? [])];
  const apiVersions = withType([...versions], {
    name: `${pkg}.VersionSet`,
    kind: 'slice',
    elem: 'string',
    methods: new Map<string, GoFuncSpec>([
      ['Has', { name: 'Has', params: ['string'], results: ['bool'], fn: (_recv, v) => versions.includes(v as string) }],
    ]),
  });
  const helmVersion = new GoStruct({ name: 'version.BuildInfo', kind: 'struct' }, new Map(HELM_VERSION[compat]));
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

/** Chart files that are not in `.Files` (helm takes them out while loading, §2.1). */
function isSpecialFile(path: string): boolean {
  return (
    path === 'Chart.yaml' ||
    path === 'values.yaml' ||
    path === 'values.schema.json' ||
    path === 'Chart.lock' ||
    path === 'requirements.yaml' ||
    path === 'requirements.lock' ||
    path.startsWith('templates/') ||
    path.startsWith('charts/')
  );
}

/** The `.Files` of a chart: every file helm did not take out, as bytes. */
export function chartFilesValue(files: ReadonlyMap<string, string>): Map<string, GoValue> {
  const m = new Map<string, GoValue>();
  for (const [path, text] of files) if (!isSpecialFile(path)) m.set(path, utf8Encode(text));
  return filesValue(m);
}

/**
 * helm's `engine.files` (a `map[string][]byte`) with its methods Get, GetBytes, Glob, Lines,
 * AsConfig, AsSecrets. Methods receive the map itself as their first argument.
 */
function filesValue(m: Map<string, GoValue>): Map<string, GoValue> {
  return withType(m, FILES_TYPE);
}

function bytesOf(recv: GoValue, name: string): Uint8Array | undefined {
  const v = (recv as Map<string, GoValue>).get(name);
  return v instanceof Uint8Array ? v : undefined;
}

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

const FILES_METHODS = new Map<string, GoFuncSpec>([
  ['Get', { name: 'Get', params: ['string'], results: ['string'], fn: (recv, name) => utf8Decode(bytesOf(recv, name as string) ?? new Uint8Array(0)) }],
  ['GetBytes', { name: 'GetBytes', params: ['string'], results: ['[]uint8'], fn: (recv, name) => bytesOf(recv, name as string) ?? new Uint8Array(0) }],
  [
    'Glob',
    {
      name: 'Glob',
      params: ['string'],
      results: ['engine.files'],
      fn: (recv, pattern) => {
        const re = globRegExp(pattern as string);
        const out = new Map<string, GoValue>();
        for (const [k, v] of recv as Map<string, GoValue>) if (re.test(k)) out.set(k, v);
        return filesValue(out);
      },
    },
  ],
  [
    'Lines',
    {
      name: 'Lines',
      params: ['string'],
      results: ['[]string'],
      fn: (recv, path) => {
        const b = bytesOf(recv, path as string);
        if (b === undefined) return withType([], STRING_SLICE_TYPE);
        // Go indexes s[len(s)-1] unguarded: an empty file panics.
        if (b.length === 0) throw new Error('runtime error: index out of range [-1]');
        let s = utf8Decode(b);
        if (s.endsWith('\n')) s = s.slice(0, -1);
        return withType(s.split('\n'), STRING_SLICE_TYPE);
      },
    },
  ],
  [
    'AsConfig',
    {
      name: 'AsConfig',
      params: [],
      results: ['string'],
      fn: (recv) => {
        const m = new Map<string, GoValue>();
        for (const [k, v] of recv as Map<string, GoValue>) m.set(baseName(k), utf8Decode(v as Uint8Array));
        return toYaml(withType(m, STRING_MAP_TYPE));
      },
    },
  ],
  [
    'AsSecrets',
    {
      name: 'AsSecrets',
      params: [],
      results: ['string'],
      fn: (recv) => {
        const m = new Map<string, GoValue>();
        for (const [k, v] of recv as Map<string, GoValue>) m.set(baseName(k), base64Encode(v as Uint8Array));
        return toYaml(withType(m, STRING_MAP_TYPE));
      },
    },
  ],
]);

const FILES_TYPE: GoTypeInfo = { name: 'engine.files', kind: 'map', elem: '[]uint8', methods: FILES_METHODS };

/**
 * A gobwas/glob pattern with `/` as separator, as a RegExp over the whole path: `*` (no `/`),
 * `**` (anything), `?`, `[abc]`, `[!a-z]`, `{a,b}`, `\x`.
 */
export function globRegExp(pattern: string): RegExp {
  let i = 0;
  const esc = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const parse = (inAlt: boolean): string => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i];
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      if (c === '\\' && i < pattern.length) out += esc(pattern[i++]);
      else if (c === '*') {
        if (pattern[i] === '*') {
          i++;
          out += '[\\s\\S]*';
        } else out += '[^/]*';
      } else if (c === '?') out += '[^/]';
      else if (c === '[') {
        const close = pattern.indexOf(']', i + 1);
        if (close < 0) {
          out += esc(c);
          continue;
        }
        let body = pattern.slice(i, close);
        i = close + 1;
        const neg = body.startsWith('!');
        if (neg) body = body.slice(1);
        out += (neg ? '[^' : '[') + body.replace(/[\\\]^]/g, '\\$&') + ']';
      } else if (c === '{') {
        const alts: string[] = [];
        for (;;) {
          alts.push(parse(true));
          if (i >= pattern.length) break;
          const sep = pattern[i++];
          if (sep === '}') break;
        }
        out += '(?:' + alts.join('|') + ')';
      } else out += esc(c);
    }
    return out;
  };
  return new RegExp('^' + parse(false) + '$', 'u');
}

