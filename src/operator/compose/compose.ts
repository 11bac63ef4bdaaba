/**
 * `composeIstioOperator`: the IstioOperator a user means, from its layers (facts §2.2, §2.3):
 *   1. the default profile,
 *   2. the named profile (when it is not `default`),
 *   3. the `-f` files, left to right,
 *   4. the `--set` flags, in order.
 * Pure: profiles are built in, files are passed as text. Each step's problems are Issues with a
 * position; the result carries a SourceMap saying which layer last wrote every node, so the
 * validator can point at the right file and line.
 *
 * The profile is, by precedence: `input.profile` (the CLI's positional NAME), else the last
 * `--set profile=X`, else `spec.profile` of the last file that sets it, else `default`.
 * `--set` flags are applied to the composed document (profile and files), so selectors such as
 * `[name:istio-ingressgateway]` also reach entries that come from the profile.
 */
import type { Issue, SourceMap } from '../issues.js';
import { parseIstioOperatorYaml } from '../load.js';
import { DEFAULT_PROFILE, isProfileName, listProfiles, loadProfile, type ProfileName } from '../profiles.js';
import { defaultSchemaIndex } from './default-schema.js';
import { mergeLayers, type Layer } from './merge.js';
import { provFromSourceMap, provToSourceMap, type Prov } from './provenance.js';
import type { SchemaIndex } from './schema.js';
import { applySetFlag } from './set-apply.js';
import { parseSetFlag, setPosition, type SetFlag } from './set-path.js';
import { closestKey } from '../suggest.js';
import { isMap, newMap, type TreeMap } from './tree.js';

export interface ComposeFile {
  /** The name issues show (the path as the user gave it, or `<stdin>`). */
  readonly name: string;
  readonly text: string;
}

export interface ComposeInput {
  /** A built-in profile name; wins over `--set profile=` and the files' spec.profile. */
  readonly profile?: string;
  readonly files?: readonly ComposeFile[];
  /** `--set` flags, `PATH=VALUE` each. */
  readonly set?: readonly string[];
  /** The schema `--set` reads types from; the bundled IstioOperator schema by default. */
  readonly schema?: SchemaIndex;
  /**
   * Reads `<installPackagePath>/profiles/<name>.yaml` when the document sets installPackagePath
   * (istioctl's `--manifests/-d`); the CLI passes one that reads the disk. Without it, the
   * built-in profiles are used and a set installPackagePath is only a warning.
   */
  readonly readProfile?: ProfileReader;
}

/** Returns the profile file's name (for positions) and text, or undefined when there is none. */
export type ProfileReader = (installPackagePath: string, name: string) => { readonly file: string; readonly text: string } | undefined;

/** An IstioOperator document as plain data (maps have a null prototype); validate it to get the typed form. */
export type IstioOperatorDocument = Record<string, unknown>;

export type ComposeResult =
  | {
      readonly ok: true;
      readonly value: IstioOperatorDocument;
      readonly sourceMap: SourceMap;
      /** Warnings only. */
      readonly issues: Issue[];
      /** The profile that was layered under the files. */
      readonly profile: string;
    }
  | { readonly ok: false; readonly issues: Issue[] };

export function composeIstioOperator(input: ComposeInput = {}): ComposeResult {
  const issues: Issue[] = [];

  const fileLayers: { layer: Layer; value: TreeMap }[] = [];
  for (const f of input.files ?? []) {
    const r = parseIstioOperatorYaml(f.text, f.name);
    if (!r.ok) issues.push(...r.issues);
    else fileLayers.push({ layer: { value: r.value, prov: provFromSourceMap(r.sourceMap) }, value: r.value });
  }

  const flags: SetFlag[] = [];
  (input.set ?? []).forEach((text, i) => {
    const r = parseSetFlag(text, i + 1);
    if (r.ok) flags.push(r.flag);
    else issues.push(r.issue);
  });

  const packagePath = installPackagePath(flags, fileLayers.map((f) => f.value));
  const external = packagePath !== undefined && input.readProfile !== undefined ? packagePath : undefined;
  if (external !== undefined && /^https?:\/\//i.test(external.value)) {
    issues.push({
      severity: 'error',
      code: 'install-package-url',
      path: 'spec.installPackagePath',
      message: `installPackagePath ${JSON.stringify(external.value)} is a URL; only a local directory holding profiles/ can be read`,
      ...(external.source ? { source: external.source } : {}),
      suggestion: 'download and unpack the release, then pass its manifests directory',
    });
  }
  const profile = chooseProfile(input.profile, flags, fileLayers.map((f) => f.value), external === undefined, issues);
  if (issues.some((i) => i.severity === 'error') || profile === undefined) return { ok: false, issues };

  const names: string[] = profile === DEFAULT_PROFILE ? [DEFAULT_PROFILE] : [DEFAULT_PROFILE, profile];
  let acc: Layer = { value: newMap(), prov: {} };
  for (const name of names) {
    const p = external !== undefined ? readExternalProfile(input.readProfile as ProfileReader, external, name) : loadProfile(name as ProfileName);
    if (!p.ok) {
      issues.push(...p.issues);
      return { ok: false, issues };
    }
    acc = merge(acc, { value: p.value, prov: profileProv(p.sourceMap) }, issues);
  }
  for (const f of fileLayers) acc = merge(acc, f.layer, issues);

  const target = { value: acc.value as TreeMap, prov: acc.prov };
  const schema = flags.length > 0 ? (input.schema ?? defaultSchemaIndex()) : undefined;
  for (const flag of flags) {
    const issue = applySetFlag(target, flag, schema);
    if (issue) issues.push(issue);
  }
  if (external === undefined) warnInstallPackagePath(target.value, flags, issues);
  if (profile === 'remote') warnRemotePilotAddress(target.value, issues);

  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return { ok: true, value: target.value, sourceMap: provToSourceMap(target.value, target.prov), issues, profile };
}

/** Provenance trees of profiles, built once per parsed profile (merging never changes a Prov it is given). */
const profileProvs = new WeakMap<SourceMap, Prov>();

function profileProv(sourceMap: SourceMap): Prov {
  let p = profileProvs.get(sourceMap);
  if (!p) {
    p = provFromSourceMap(sourceMap);
    profileProvs.set(sourceMap, p);
  }
  return p;
}

function merge(bottom: Layer, top: Layer, issues: Issue[]): Layer {
  const r = mergeLayers(bottom, top);
  issues.push(...r.issues);
  return r;
}

function chooseProfile(explicit: string | undefined, flags: readonly SetFlag[], files: readonly TreeMap[], builtIn: boolean, issues: Issue[]): string | undefined {
  let chosen: string | undefined;
  let source: Issue['source'];
  let from = '';
  if (explicit !== undefined && explicit !== '') {
    chosen = explicit;
    from = 'the profile argument';
  } else {
    for (const f of flags) {
      if (f.path.length === 1 && f.path[0]?.kind === 'key' && f.path[0].key === 'profile') {
        chosen = f.value;
        source = setPosition(f.line, f.valueColumn);
        from = '--set profile';
      }
    }
    if (chosen === undefined) {
      for (const v of files) {
        const spec = v['spec'];
        if (isMap(spec) && typeof spec['profile'] === 'string' && spec['profile'] !== '') {
          chosen = spec['profile'];
          from = 'spec.profile';
        }
      }
    }
  }
  if (chosen === undefined || chosen === '') return DEFAULT_PROFILE;
  const looksLikePath = /[/\\]|\.ya?ml$/i.test(chosen) || chosen.includes('.');
  if (!builtIn && !looksLikePath) return chosen;
  if (isProfileName(chosen)) return chosen;
  const known = listProfiles();
  const hint = looksLikePath ? 'a profile file is an ordinary -f file: pass it with -f (it is layered over the default profile)' : closestKey(chosen, known);
  issues.push({
    severity: 'error',
    code: 'unknown-profile',
    path: 'spec.profile',
    message: `unknown profile ${JSON.stringify(chosen)} (from ${from}); the built-in profiles are ${known.join(', ')}`,
    ...(source ? { source } : {}),
    ...(hint ? { suggestion: looksLikePath ? hint : `did you mean "${hint}"?` } : {}),
  });
  return undefined;
}

/** Profiles and charts are built in; a package path is kept in the document but not read. */
function warnInstallPackagePath(doc: TreeMap, flags: readonly SetFlag[], issues: Issue[]): void {
  const spec = doc['spec'];
  if (!isMap(spec)) return;
  const p = spec['installPackagePath'];
  if (typeof p !== 'string' || p === '') return;
  const flag = [...flags].reverse().find((f) => f.path.length === 1 && f.path[0]?.kind === 'key' && f.path[0].key === 'installPackagePath');
  issues.push({
    severity: 'warning',
    code: 'install-package-path-ignored',
    path: 'spec.installPackagePath',
    message: `the built-in profiles and charts are used; ${JSON.stringify(p)} is kept in the document but not read`,
    ...(flag ? { source: setPosition(flag.line, flag.valueColumn) } : {}),
  });
}

/** The remote profile sends injection and discovery to the primary's istiod at values.global.remotePilotAddress. */
function warnRemotePilotAddress(doc: TreeMap, issues: Issue[]): void {
  const spec = doc['spec'];
  const values = isMap(spec) ? spec['values'] : undefined;
  const global = isMap(values) ? values['global'] : undefined;
  const address = isMap(global) ? global['remotePilotAddress'] : undefined;
  if (typeof address === 'string' && address !== '') return;
  issues.push({
    severity: 'warning',
    code: 'remote-pilot-address-missing',
    path: 'spec.values.global.remotePilotAddress',
    message: "the remote profile needs the address of the primary cluster's istiod; without it this cluster's proxies have no control plane",
    suggestion: 'set it, e.g. --set values.global.remotePilotAddress=192.0.2.10 (the primary\'s east-west gateway address)',
  });
}

/** installPackagePath: the last `--set installPackagePath=`, else the last file that sets it. */
function installPackagePath(flags: readonly SetFlag[], files: readonly TreeMap[]): { value: string; source?: Issue['source'] } | undefined {
  let found: { value: string; source?: Issue['source'] } | undefined;
  for (const v of files) {
    const spec = v['spec'];
    if (isMap(spec) && typeof spec['installPackagePath'] === 'string' && spec['installPackagePath'] !== '') found = { value: spec['installPackagePath'] };
  }
  for (const f of flags) {
    if (f.path.length === 1 && f.path[0]?.kind === 'key' && f.path[0].key === 'installPackagePath') {
      found = f.value === '' ? undefined : { value: f.value, source: setPosition(f.line, f.valueColumn) };
    }
  }
  return found;
}

function readExternalProfile(read: ProfileReader, dir: { value: string; source?: Issue['source'] }, name: string) {
  const got = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name) ? read(dir.value, name) : undefined;
  if (!got) {
    return {
      ok: false as const,
      issues: [
        {
          severity: 'error' as const,
          code: 'unknown-profile',
          path: 'spec.profile',
          message: `no profile ${JSON.stringify(name)} in ${dir.value} (expected ${dir.value}/profiles/${name}.yaml, from installPackagePath)`,
          ...(dir.source ? { source: dir.source } : {}),
        },
      ],
    };
  }
  return parseIstioOperatorYaml(got.text, got.file);
}
