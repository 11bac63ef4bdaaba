/**
 * Where an injector's configuration comes from (issue 9): the InjectionSource kube-inject runs
 * with.
 *
 * - injectionSourceFromManifest(set): a rendered installation. istiod reads ConfigMap
 *   `istio-sidecar-injector[-<rev>]` (key `config`: the injector config YAML; key `values`: the
 *   values JSON) and ConfigMap `istio[-<rev>]` (key `mesh`: the mesh config YAML), both in
 *   istiod's namespace; the revision is their `istio.io/rev` label ("default" without one).
 * - injectionSourceFromFiles({ meshConfig?, injectConfig?, values? }): istioctl kube-inject's
 *   `--meshConfigFile`, `--injectConfigFile` and `--valuesFile`. Each accepts what istioctl 1.11
 *   accepts (a mesh config YAML; an injector config YAML, or a bare sidecar template, which
 *   istioctl takes as template `sidecar`; a values JSON), and also the ConfigMap holding it (or a
 *   whole rendered manifest containing that ConfigMap). What is not given comes from `base`, by
 *   default the default installation (render() of the default profile).
 *
 * The injector config is read as istiod 1.11's UnmarshalConfig does: `defaultTemplates` empty or
 * absent means ["sidecar"]; `templates` absent means none (a warning: nothing can be injected).
 * Unlike istiod, a `policy` other than enabled/disabled is an error (istiod logs it and injects
 * nothing), and unknown keys are warnings (Go's decoder drops them silently). The legacy
 * `template` key our chart writes for older istiods is ignored.
 *
 * Every problem is an Issue with the file and line (for a key inside a ConfigMap: the line in
 * the ConfigMap file).
 */
import { IstioOperatorError, type Issue, type SourcePosition } from '../operator/issues.js';
import { closestKey } from '../operator/suggest.js';
import { render } from '../manifest/index.js';
import type { ManifestObject, ManifestSet } from '../manifest/generate/types.js';
import { meshConfigFromYaml } from './mesh.js';
import { readYamlMappings, type Segment, type WorkloadDocument, type YamlExpectation } from './parse-workloads.js';
import type { InjectionSource, InjectTemplatesConfig, LabelSelector } from './types.js';
import { describeValue, positionAt } from '../operator/yaml-text.js';

/** One configuration file as the user gave it. */
export interface ConfigText {
  readonly text: string;
  /** Name for messages (`<stdin>` for standard input). */
  readonly file: string;
}

export interface InjectionFiles {
  /** `--meshConfigFile`: mesh config YAML, or ConfigMap `istio[-<rev>]` (key `mesh`). */
  readonly meshConfig?: ConfigText;
  /** `--injectConfigFile`: injector config YAML, a bare sidecar template, or ConfigMap `istio-sidecar-injector[-<rev>]` (key `config`). */
  readonly injectConfig?: ConfigText;
  /** `--valuesFile`: values JSON, or ConfigMap `istio-sidecar-injector[-<rev>]` (key `values`). */
  readonly values?: ConfigText;
  /** Where the parts not given come from; default: the default installation (render() with `revision`). */
  readonly base?: InjectionSource;
  /** The injector's revision (`.Revision` of the templates); default: the `istio.io/rev` label of an injector ConfigMap given, else base's revision ("default"). */
  readonly revision?: string;
}

export type InjectionSourceResult =
  | { readonly success: true; readonly source: InjectionSource; readonly warnings: readonly Issue[] }
  | { readonly success: false; readonly issues: readonly Issue[] };

/** Stable codes of the issues of this module. */
export const CONFIG_CODES = {
  noInjector: 'inject-no-injector',
  parse: 'inject-config-parse',
  invalid: 'inject-config-invalid',
  unknownKey: 'inject-config-unknown-key',
  noTemplates: 'inject-config-no-templates',
  values: 'inject-values-invalid',
  mesh: 'inject-mesh-config',
} as const;

const INJECTOR_PREFIX = 'istio-sidecar-injector';

// ---------------------------------------------------------------------------------------------
// from a rendered installation

/** The InjectionSource of a rendered installation; throws IstioOperatorError when it has no injector. */
export function injectionSourceFromManifest(set: ManifestSet): InjectionSource {
  const r = safeInjectionSourceFromManifest(set);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.source;
}

export function safeInjectionSourceFromManifest(set: ManifestSet): InjectionSourceResult {
  const injectors = set.objects.filter((o) => o.kind === 'ConfigMap' && isInjectorName(o.name));
  if (injectors.length === 0) {
    return fail({
      severity: 'error',
      code: CONFIG_CODES.noInjector,
      path: '',
      message: `the installation renders no ${INJECTOR_PREFIX} ConfigMap, so there is no injector configuration`,
      suggestion: 'enable istiod (components.pilot.enabled=true), or give --injectConfigFile, --meshConfigFile and --valuesFile',
    });
  }
  if (injectors.length > 1) {
    return fail({
      severity: 'error',
      code: CONFIG_CODES.noInjector,
      path: '',
      message: `the installation renders ${injectors.length} injector ConfigMaps (${injectors.map(objectName).join(', ')}); expected one`,
    });
  }
  const injector = injectors[0] as ManifestObject;
  const revision = revisionOf(injector);
  // The chart names both after the revision as written (`--revision default` renders istio-default).
  const meshName = `istio${injector.name.slice(INJECTOR_PREFIX.length)}`;
  const mesh = set.objects.find((o) => o.kind === 'ConfigMap' && o.name === meshName && o.namespace === injector.namespace);
  const file = `ConfigMap ${objectName(injector)}`;
  const data = isObject(injector.object.data) ? injector.object.data : {};

  const warnings: Issue[] = [];
  const issues: Issue[] = [];
  const configText = typeof data.config === 'string' ? data.config : undefined;
  const valuesText = typeof data.values === 'string' ? data.values : undefined;
  if (configText === undefined) issues.push(missingKey(file, 'config'));
  if (valuesText === undefined) issues.push(missingKey(file, 'values'));
  let config: InjectTemplatesConfig | undefined;
  let values: Record<string, unknown> | undefined;
  if (configText !== undefined) {
    const c = parseInjectConfig(configText, `${file} key config`);
    if (c.success) {
      config = c.config;
      warnings.push(...c.warnings);
    } else issues.push(...c.issues);
  }
  if (valuesText !== undefined) {
    const v = parseValuesJson(valuesText, `${file} key values`);
    if (v.success) values = v.values;
    else issues.push(...v.issues);
  }
  let meshConfig: Record<string, unknown> | undefined;
  const meshText = mesh && isObject(mesh.object.data) && typeof mesh.object.data.mesh === 'string' ? mesh.object.data.mesh : undefined;
  if (meshText === undefined) {
    issues.push({
      severity: 'error',
      code: CONFIG_CODES.noInjector,
      path: '',
      message: `the installation renders no ConfigMap ${injector.namespace ?? ''}/${meshName} with a mesh key (the mesh config of the injector's istiod)`,
    });
  } else {
    const m = meshConfigFromYaml(meshText, `ConfigMap ${objectName(mesh as ManifestObject)} key mesh`);
    if (m.success) meshConfig = m.meshConfig;
    else issues.push(...m.issues);
  }
  if (issues.length > 0 || config === undefined || values === undefined || meshConfig === undefined) return fail(...issues);
  return { success: true, source: { config, values, meshConfig, revision }, warnings };
}

function isInjectorName(name: string): boolean {
  return name === INJECTOR_PREFIX || name.startsWith(`${INJECTOR_PREFIX}-`);
}

function objectName(o: ManifestObject): string {
  return o.namespace !== undefined ? `${o.namespace}/${o.name}` : o.name;
}

/** The `istio.io/rev` label, else the name's suffix, else "default". */
function revisionOf(o: ManifestObject): string {
  const md = o.object.metadata;
  const labels = isObject(md) && isObject(md.labels) ? md.labels : {};
  const rev = Object.hasOwn(labels, 'istio.io/rev') ? labels['istio.io/rev'] : undefined;
  if (typeof rev === 'string' && rev !== '') return rev;
  return o.name.length > INJECTOR_PREFIX.length ? o.name.slice(INJECTOR_PREFIX.length + 1) : 'default';
}

function missingKey(file: string, key: string): Issue {
  return { severity: 'error', code: CONFIG_CODES.noInjector, path: `data.${key}`, message: `${file} has no ${key} key (a string)` };
}

// ---------------------------------------------------------------------------------------------
// from files

/** The InjectionSource of istioctl's three files (what is not given from `base`); throws IstioOperatorError. */
export function injectionSourceFromFiles(files: InjectionFiles): InjectionSource {
  const r = safeInjectionSourceFromFiles(files);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.source;
}

export function safeInjectionSourceFromFiles(files: InjectionFiles): InjectionSourceResult {
  try {
    return fromFiles(files);
  } catch (e) {
    if (e instanceof IstioOperatorError) return fail(...e.issues);
    // Input nobody foresaw must still give an answer, never a crash.
    const names = [files.meshConfig, files.injectConfig, files.values].filter((f) => f !== undefined).map((f) => f.file);
    return fail({ severity: 'error', code: CONFIG_CODES.parse, path: '', message: `cannot read ${names.join(', ') || 'the configuration'}: ${e instanceof Error ? e.message : String(e)}` });
  }
}

function fromFiles(files: InjectionFiles): InjectionSourceResult {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  let config: InjectTemplatesConfig | undefined;
  let values: Record<string, unknown> | undefined;
  let meshConfig: Record<string, unknown> | undefined;
  let labelled: string | undefined;
  if (files.injectConfig) {
    const r = injectConfigFromFile(files.injectConfig, files.revision);
    if (r.success) {
      config = r.config;
      labelled = r.revision;
      warnings.push(...r.warnings);
    } else issues.push(...r.issues);
  }
  if (files.values) {
    const r = valuesFromFile(files.values, files.revision);
    if (r.success) values = r.values;
    else issues.push(...r.issues);
  }
  if (files.meshConfig) {
    const r = meshConfigFromFile(files.meshConfig, files.revision);
    if (r.success) meshConfig = r.meshConfig;
    else issues.push(...r.issues);
  }
  if (issues.length > 0) return fail(...issues);

  let base = files.base;
  if (base === undefined && (config === undefined || values === undefined || meshConfig === undefined)) {
    const rev = files.revision ?? labelled;
    const r = safeInjectionSourceFromManifest(render(rev !== undefined && rev !== 'default' ? { revision: rev } : {}));
    if (!r.success) return r;
    base = r.source;
  }
  const source: InjectionSource = {
    config: config ?? (base as InjectionSource).config,
    values: values ?? (base as InjectionSource).values,
    meshConfig: meshConfig ?? (base as InjectionSource).meshConfig,
    revision: files.revision ?? labelled ?? base?.revision ?? 'default',
  };
  return { success: true, source, warnings };
}

type Part<K extends string, T> = { readonly success: true; readonly warnings: readonly Issue[] } & { readonly [P in K]: T };
type Failed = { readonly success: false; readonly issues: readonly Issue[] };

const CONFIGMAP_FILE: YamlExpectation = {
  expected: 'a YAML configuration file or a ConfigMap',
  document: 'a mapping (the configuration, or a ConfigMap)',
};

/** `--injectConfigFile`: the injector config YAML, a bare sidecar template, or the ConfigMap (key `config`). */
export function injectConfigFromFile(f: ConfigText, revision?: string): (Part<'config', InjectTemplatesConfig> & { readonly revision?: string }) | Failed {
  const cm = findConfigMap(f, 'config', (name) => isInjectorName(name), revision);
  if (cm.kind === 'failed') return cm.result;
  if (cm.kind === 'found') {
    const r = parseInjectConfig(cm.text, f.file);
    if (!r.success) return { success: false, issues: r.issues.map(cm.remap) };
    return { ...r, warnings: r.warnings.map(cm.remap), ...(cm.revision !== undefined ? { revision: cm.revision } : {}) };
  }
  // Not a ConfigMap: an injector config, or (as istioctl 1.11 reads it) a bare sidecar template.
  const read = readYamlMappings(f.text, f.file, CONFIGMAP_FILE);
  const doc = read.documents.find((d) => d.object !== undefined);
  // A config with a YAML error stays a config (its error is reported), not a template: istioctl
  // would take the whole text as the sidecar template and fail much later, far from the cause.
  const looksLikeConfig =
    (read.issues.length === 0 && doc !== undefined && Object.keys(doc.object ?? {}).some((k) => CONFIG_KEYS.includes(k))) ||
    new RegExp(`^(${CONFIG_KEYS.join('|')})[ \t]*:`, 'm').test(f.text);
  if (!looksLikeConfig && f.text.includes('{{')) {
    return {
      success: true,
      config: { ...defaultConfig(), templates: { sidecar: f.text } },
      warnings: [
        {
          severity: 'warning',
          code: CONFIG_CODES.unknownKey,
          path: '',
          message: 'the file is not an injector configuration (no templates, policy or defaultTemplates key); it is used as the "sidecar" template, as istioctl does',
          source: { file: f.file, line: 1, column: 1 },
        },
      ],
    };
  }
  return parseInjectConfig(f.text, f.file);
}

/** `--valuesFile`: the values JSON, or the injector ConfigMap (key `values`). */
export function valuesFromFile(f: ConfigText, revision?: string): Part<'values', Record<string, unknown>> | Failed {
  const trimmed = f.text.replace(/^\ufeff/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed === '') {
    const r = parseValuesJson(f.text, f.file);
    // `kubectl get configmap istio-sidecar-injector -o json`: the values are a string inside.
    if (r.success && r.values.kind === 'ConfigMap' && isObject(r.values.data)) {
      const inner = r.values.data.values;
      if (typeof inner !== 'string') return fail({ severity: 'error', code: CONFIG_CODES.values, path: 'data.values', message: 'the ConfigMap has no values key (a string)', source: { file: f.file, line: 1, column: 1 } }) as Failed;
      const v = parseValuesJson(inner, `${f.file} data.values`);
      return v;
    }
    return r;
  }
  const cm = findConfigMap(f, 'values', (name) => isInjectorName(name), revision);
  if (cm.kind === 'failed') return cm.result;
  if (cm.kind === 'found') {
    const r = parseValuesJson(cm.text, f.file);
    return r.success ? r : { success: false, issues: r.issues.map(cm.remap) };
  }
  return fail({
    severity: 'error',
    code: CONFIG_CODES.values,
    path: '',
    message: 'expected the injector values as JSON (an object), or the istio-sidecar-injector ConfigMap holding them under data.values',
    source: { file: f.file, line: 1, column: 1 },
    suggestion: 'kubectl -n istio-system get configmap istio-sidecar-injector -o jsonpath={.data.values} > values.json',
  }) as Failed;
}

/** `--meshConfigFile`: the mesh config YAML, or ConfigMap istio[-<rev>] (key `mesh`), with istiod's defaults applied. */
export function meshConfigFromFile(f: ConfigText, revision?: string): Part<'meshConfig', Record<string, unknown>> | Failed {
  const cm = findConfigMap(f, 'mesh', (name) => name === 'istio' || name.startsWith('istio-'), revision);
  if (cm.kind === 'failed') return cm.result;
  const text = cm.kind === 'found' ? cm.text : f.text;
  if (cm.kind === 'none') {
    // Syntax problems (tabs, duplicate keys, a list instead of a mapping) with our reader's messages.
    const read = readYamlMappings(f.text, f.file, { expected: 'a mesh config YAML', document: 'a mapping of MeshConfig fields' });
    if (read.issues.length > 0) return fail(...read.issues.map((i) => ({ ...i, code: CONFIG_CODES.mesh }))) as Failed;
    if (read.documents.filter((d) => d.object !== undefined).length > 1) {
      const second = read.documents.filter((d) => d.object !== undefined)[1] as WorkloadDocument;
      return fail({ severity: 'error', code: CONFIG_CODES.mesh, path: '', message: 'the file holds several YAML documents; expected one mesh config', source: second.source }) as Failed;
    }
  }
  const r = meshConfigFromYaml(text, f.file);
  if (!r.success) return fail(...(cm.kind === 'found' ? r.issues.map(cm.remap) : r.issues)) as Failed;
  return { success: true, meshConfig: r.meshConfig, warnings: [] };
}

type FoundConfigMap =
  | { readonly kind: 'found'; readonly text: string; readonly remap: (i: Issue) => Issue; readonly revision?: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'failed'; readonly result: Failed };

/**
 * When the file holds ConfigMaps (one, or a rendered manifest with several objects): the one
 * with `data.<key>` whose name passes `nameOk`, its text, and how to move issue positions of that
 * text into the file. `none` when the file holds no ConfigMap (or is not YAML at all).
 */
function findConfigMap(f: ConfigText, key: string, nameOk: (name: string) => boolean, revision?: string): FoundConfigMap {
  const read = readYamlMappings(f.text, f.file, CONFIGMAP_FILE);
  const docs = read.documents.filter((d) => d.object !== undefined);
  const configMaps = docs.filter((d) => d.kind === 'ConfigMap' && d.apiVersion === 'v1');
  if (configMaps.length === 0) return { kind: 'none' };
  if (read.issues.length > 0) return { kind: 'failed', result: { success: false, issues: read.issues } };
  const holding = configMaps.filter((d) => isObject(d.object?.data) && Object.hasOwn(d.object.data, key));
  const named = holding.filter((d) => nameOk(d.name));
  const candidates = named.length > 0 ? named : holding;
  // Several installations in one file: the revision asked for picks one (label istio.io/rev; "default" also matches none).
  const ofRevision = revision === undefined ? [] : candidates.filter((d) => (revisionLabel(d) ?? 'default') === revision);
  const chosen = candidates.length > 1 && ofRevision.length > 0 ? ofRevision : candidates;
  if (chosen.length === 0) {
    const d = configMaps[0] as WorkloadDocument;
    return {
      kind: 'failed',
      result: fail({
        severity: 'error',
        code: CONFIG_CODES.invalid,
        path: configMaps.length === 1 ? `${d.label}: data` : '',
        message: `no ConfigMap in the file has a data.${key} key`,
        source: configMaps.length === 1 ? d.position(['data']) : { file: f.file, line: 1, column: 1 },
      }) as Failed,
    };
  }
  if (chosen.length > 1) {
    return {
      kind: 'failed',
      result: fail({
        severity: 'error',
        code: CONFIG_CODES.invalid,
        path: '',
        message: `${chosen.length} ConfigMaps in the file have a data.${key} key (${chosen.map((d) => d.name).join(', ')}); expected one`,
        source: (chosen[1] as WorkloadDocument).source,
        suggestion: revision === undefined ? 'give --revision, or a file with only the ConfigMap of the revision to use' : `none is labelled istio.io/rev: ${revision}; give a file with only the ConfigMap to use`,
      }) as Failed,
    };
  }
  const d = chosen[0] as WorkloadDocument;
  const value = (d.object?.data as Record<string, unknown>)[key];
  const at = d.position(['data', key]);
  if (typeof value !== 'string') {
    return {
      kind: 'failed',
      result: fail({ severity: 'error', code: CONFIG_CODES.invalid, path: `${d.label}: data.${key}`, message: 'expected a string', source: at }) as Failed,
    };
  }
  // A block scalar (`key: |`) starts on the next line; its lines keep their order. Other styles: point at the key.
  const lines = f.text.split('\n');
  const keyLine = lines[at.line - 1] ?? '';
  const block = new RegExp(`:\\s*[|>][-+0-9]*\\s*(#.*)?$`).test(keyLine);
  const contentIndent = block ? (/^(\s*)/.exec(lines.slice(at.line).find((l) => l.trim() !== '') ?? '')?.[1]?.length ?? 0) : 0;
  const remap = (i: Issue): Issue => {
    const s = i.source;
    const source: SourcePosition = block && s ? { file: f.file, line: at.line + s.line, column: s.column + contentIndent } : at;
    return { ...i, source, path: i.path === '' ? `${d.label}: data.${key}` : `${d.label}: data.${key}: ${i.path}` };
  };
  const rev = revisionLabel(d);
  return { kind: 'found', text: value, remap, ...(rev !== undefined ? { revision: rev } : {}) };
}

function revisionLabel(d: WorkloadDocument): string | undefined {
  const labels = isObject(d.object?.metadata) && isObject(d.object.metadata.labels) ? d.object.metadata.labels : {};
  const rev = Object.hasOwn(labels, 'istio.io/rev') ? labels['istio.io/rev'] : undefined;
  return typeof rev === 'string' && rev !== '' ? rev : undefined;
}

// ---------------------------------------------------------------------------------------------
// the injector config

const CONFIG_KEYS: readonly string[] = ['policy', 'defaultTemplates', 'templates', 'alwaysInjectSelector', 'neverInjectSelector', 'injectedAnnotations'];
/** Keys istiod versions know that this one ignores (the legacy single template; 1.12's aliases). */
const IGNORED_KEYS: readonly string[] = ['template'];

function defaultConfig(): InjectTemplatesConfig {
  return { policy: 'enabled', defaultTemplates: ['sidecar'], templates: {}, alwaysInjectSelector: [], neverInjectSelector: [], injectedAnnotations: {} };
}

/** The injector config YAML (the `config` key of ConfigMap istio-sidecar-injector). */
export function parseInjectConfig(text: string, file: string): Part<'config', InjectTemplatesConfig> | Failed {
  const read = readYamlMappings(text, file, { expected: 'an injector config (policy, defaultTemplates, templates, ...)', document: 'a mapping with policy, defaultTemplates and templates' });
  if (read.issues.length > 0) return fail(...read.issues.map((i) => ({ ...i, code: CONFIG_CODES.parse }))) as Failed;
  const docs = read.documents.filter((d) => d.object !== undefined);
  if (docs.length === 0) {
    return fail({ severity: 'error', code: CONFIG_CODES.parse, path: '', message: 'the injector config is empty; expected policy, defaultTemplates and templates', source: { file, line: 1, column: 1 } }) as Failed;
  }
  if (docs.length > 1) {
    return fail({ severity: 'error', code: CONFIG_CODES.parse, path: '', message: 'the injector config holds several YAML documents; expected one', source: (docs[1] as WorkloadDocument).source }) as Failed;
  }
  const d = docs[0] as WorkloadDocument;
  const obj = d.object as Record<string, unknown>;
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const at = (segs: readonly Segment[]): SourcePosition => d.position(segs);
  const bad = (segs: readonly Segment[], message: string, suggestion?: string): void => {
    issues.push({ severity: 'error', code: CONFIG_CODES.invalid, path: pathOf(segs), message, source: at(segs), ...(suggestion !== undefined ? { suggestion } : {}) });
  };

  for (const k of Object.keys(obj)) {
    if (CONFIG_KEYS.includes(k) || IGNORED_KEYS.includes(k)) continue;
    const hint = closestKey(k, CONFIG_KEYS);
    warnings.push({
      severity: 'warning',
      code: CONFIG_CODES.unknownKey,
      path: pathOf([k]),
      message: 'unknown key of the injector config; istiod 1.11 ignores it',
      source: at([k]),
      ...(hint !== undefined ? { suggestion: `did you mean ${JSON.stringify(hint)}?` } : {}),
    });
  }

  let policy: 'enabled' | 'disabled' = 'enabled';
  const p = obj.policy;
  if (p === undefined || p === null) bad(['policy'], 'missing: istiod 1.11 injects nothing without a policy', 'add "policy: enabled"');
  else if (p !== 'enabled' && p !== 'disabled') bad(['policy'], `expected "enabled" or "disabled", got ${describeValue(p)} (istiod 1.11 injects nothing with any other value)`);
  else policy = p;

  let defaultTemplates: string[] = ['sidecar'];
  const dt = obj.defaultTemplates;
  if (dt !== undefined && dt !== null) {
    if (!Array.isArray(dt)) bad(['defaultTemplates'], `expected a list of template names, got ${describeValue(dt)}`);
    else {
      dt.forEach((n, i) => {
        if (typeof n !== 'string') bad(['defaultTemplates', i], `expected a template name (a string), got ${describeValue(n)}`);
      });
      if (dt.length > 0 && dt.every((n) => typeof n === 'string')) defaultTemplates = dt as string[];
    }
  }

  const templates: Record<string, string> = {};
  const t = obj.templates;
  if (t !== undefined && t !== null) {
    if (!isObject(t)) bad(['templates'], `expected a map of template name to template text, got ${describeValue(t)}`);
    else {
      for (const [name, body] of Object.entries(t)) {
        if (typeof body !== 'string') bad(['templates', name], `expected the template text (a string), got ${describeValue(body)}`, 'write it as a block scalar: "name: |" followed by the indented template');
        else define(templates, name, body);
      }
    }
  }
  if (Object.keys(templates).length === 0 && issues.length === 0) {
    warnings.push({
      severity: 'warning',
      code: CONFIG_CODES.noTemplates,
      path: 'templates',
      message: 'the injector config has no templates, so nothing can be injected (an injector config of an older Istio?)',
      source: at(['templates']),
    });
  } else if (issues.length === 0) {
    for (const [i, n] of defaultTemplates.entries()) {
      if (!Object.hasOwn(templates, n)) {
        warnings.push({
          severity: 'warning',
          code: CONFIG_CODES.noTemplates,
          path: pathOf(['defaultTemplates', i]),
          message: `default template ${JSON.stringify(n)} is not among the templates (${Object.keys(templates).sort().join(', ')}); pods without the inject.istio.io/templates annotation cannot be injected`,
          source: at(dt === undefined || dt === null ? [] : ['defaultTemplates', i]),
        });
      }
    }
  }

  const alwaysInjectSelector = selectors(obj, 'alwaysInjectSelector', bad);
  const neverInjectSelector = selectors(obj, 'neverInjectSelector', bad);

  const injectedAnnotations: Record<string, string> = {};
  const ia = obj.injectedAnnotations;
  if (ia !== undefined && ia !== null) {
    if (!isObject(ia)) bad(['injectedAnnotations'], `expected a map of annotation name to value, got ${describeValue(ia)}`);
    else {
      for (const [k, v] of Object.entries(ia)) {
        if (typeof v !== 'string') bad(['injectedAnnotations', k], `expected a string, got ${describeValue(v)}`, 'quote the value');
        else define(injectedAnnotations, k, v);
      }
    }
  }

  if (issues.length > 0) return fail(...issues) as Failed;
  return { success: true, config: { policy, defaultTemplates, templates, alwaysInjectSelector, neverInjectSelector, injectedAnnotations }, warnings };
}

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function selectors(obj: Record<string, unknown>, key: string, bad: (segs: readonly Segment[], message: string, suggestion?: string) => void): LabelSelector[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    bad([key], `expected a list of label selectors, got ${describeValue(v)}`);
    return [];
  }
  const out: LabelSelector[] = [];
  v.forEach((s, i) => {
    const at: Segment[] = [key, i];
    if (!isObject(s)) return bad(at, `expected a label selector (matchLabels, matchExpressions), got ${describeValue(s)}`);
    for (const k of Object.keys(s)) if (k !== 'matchLabels' && k !== 'matchExpressions') bad([...at, k], 'unknown field of a label selector', 'use matchLabels or matchExpressions');
    const sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[] } = {};
    const ml = s.matchLabels;
    if (ml !== undefined && ml !== null) {
      if (!isObject(ml)) bad([...at, 'matchLabels'], `expected a map of label to value, got ${describeValue(ml)}`);
      else {
        const labels: Record<string, string> = {};
        for (const [lk, lv] of Object.entries(ml)) {
          if (typeof lv !== 'string') bad([...at, 'matchLabels', lk], `expected a string, got ${describeValue(lv)}`, 'quote the value');
          else define(labels, lk, lv);
        }
        sel.matchLabels = labels;
      }
    }
    const me = s.matchExpressions;
    if (me !== undefined && me !== null) {
      if (!Array.isArray(me)) bad([...at, 'matchExpressions'], `expected a list, got ${describeValue(me)}`);
      else {
        sel.matchExpressions = [];
        me.forEach((e, j) => {
          const eat: Segment[] = [...at, 'matchExpressions', j];
          if (!isObject(e)) return bad(eat, `expected {key, operator, values}, got ${describeValue(e)}`);
          const { key: k, operator: op, values } = e;
          if (typeof k !== 'string' || k === '') return bad([...eat, 'key'], `expected a label key, got ${describeValue(k)}`);
          if (typeof op !== 'string' || !OPERATORS.includes(op)) {
            const hint = typeof op === 'string' ? closestKey(op, OPERATORS) : undefined;
            return bad([...eat, 'operator'], `expected one of ${OPERATORS.join(', ')}, got ${describeValue(op)}`, hint !== undefined ? `did you mean ${JSON.stringify(hint)}?` : undefined);
          }
          const vals = values === undefined || values === null ? [] : values;
          if (!Array.isArray(vals) || !vals.every((x) => typeof x === 'string')) return bad([...eat, 'values'], `expected a list of strings, got ${describeValue(values)}`);
          if ((op === 'In' || op === 'NotIn') && vals.length === 0) return bad([...eat, 'values'], `operator ${op} needs at least one value`);
          if ((op === 'Exists' || op === 'DoesNotExist') && vals.length > 0) return bad([...eat, 'values'], `operator ${op} takes no values`);
          sel.matchExpressions?.push({ key: k, operator: op as 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', ...(vals.length > 0 ? { values: vals as string[] } : {}) });
        });
      }
    }
    out.push(sel);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// the values JSON

/** The injector's values JSON (an object). Errors carry the line and column of the bad character. */
export function parseValuesJson(input: string, file: string): Part<'values', Record<string, unknown>> | Failed {
  const text = input.replace(/^\ufeff/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const found = jsonError(text);
    const why = found?.message ?? (e instanceof Error ? e.message : String(e));
    return fail({
      severity: 'error',
      code: CONFIG_CODES.values,
      path: '',
      message: `the values are not valid JSON: ${why}`,
      source: positionAt(text, found?.offset ?? 0, file),
      ...(text.trim() === '' ? { suggestion: 'the values are a JSON object, e.g. {"global": {...}, "sidecarInjectorWebhook": {...}}' } : {}),
    }) as Failed;
  }
  if (!isObject(value)) {
    return fail({
      severity: 'error',
      code: CONFIG_CODES.values,
      path: '',
      message: `the values must be a JSON object, got ${describeValue(value)}`,
      source: positionAt(text, text.length - text.trimStart().length, file),
    }) as Failed;
  }
  return { success: true, values: value, warnings: [] };
}

/** Where JSON.parse failed and why (a small strict scanner; JSON.parse's messages do not always carry the position). */
function jsonError(s: string): { offset: number; message: string } | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < s.length && ' \t\n\r'.includes(s[i] as string)) i++;
  };
  const err = (message: string): never => {
    throw { offset: i, message };
  };
  const what = (): string => (i >= s.length ? 'the end of the input' : `${JSON.stringify(s[i])}`);
  const value = (depth: number): void => {
    if (depth > 10_000) err('nested too deeply');
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') return void i++;
      for (;;) {
        ws();
        if (s[i] !== '"') err(`expected a property name in double quotes, found ${what()}`);
        string();
        ws();
        if (s[i] !== ':') err(`expected ':' after the property name, found ${what()}`);
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          ws();
          if (s[i] === '}') err('a trailing comma before } is not allowed in JSON');
          continue;
        }
        if (s[i] === '}') return void i++;
        err(`expected ',' or '}', found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          ws();
          if (s[i] === ']') err('a trailing comma before ] is not allowed in JSON');
          continue;
        }
        if (s[i] === ']') return void i++;
        err(`expected ',' or ']', found ${what()}`);
      }
    }
    if (c === '"') return string();
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(s.slice(i, i + 400));
    if (lit) return void (i += (lit[0] as string).length);
    err(c === "'" ? 'strings are written in double quotes in JSON' : i >= s.length ? 'unexpected end of the input' : `unexpected ${what()}`);
  };
  const string = (): void => {
    i++;
    while (i < s.length && s[i] !== '"') {
      const ch = s.charCodeAt(i);
      if (ch < 0x20) err('a control character (e.g. a line break) inside a string; write it as \\n');
      if (s[i] === '\\') {
        i++;
        if (s[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) err('\\u must be followed by four hex digits');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(s[i] ?? 'x')) err(`invalid escape \\${s[i] ?? ''}`);
      }
      i++;
    }
    if (i >= s.length) err('unterminated string');
    i++;
  };
  try {
    value(0);
    ws();
    if (i < s.length) err(`unexpected ${what()} after the JSON value`);
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as { offset: number; message: string };
    return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// helpers

function fail(...issues: Issue[]): { success: false; issues: readonly Issue[] } {
  return { success: false, issues };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function define(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function pathOf(segs: readonly Segment[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
