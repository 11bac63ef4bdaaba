/**
 * Strict validation of Kubernetes objects against the API of one Kubernetes version, the way
 * `kubeconform -strict` does: apiVersion/kind served by that version, unknown fields, required
 * fields, types, enums and formats; custom resources against the given CRDs.
 */
import { checkSchema, indexCrds, isCrd, type CrdInfo } from './crd.js';
import { describe, formatPath, type KubeIssue, type Segment } from './issues.js';
import { KUBE_VERSIONS, kubeTables, own, type KubeTables } from './tables.js';
import { checkNameRules, checkPodRules } from './rules.js';
import { checkModel, isPlainObject, type Report } from './walk.js';

export interface KubeValidateOptions {
  /** One of KUBE_VERSIONS. */
  readonly version: string;
  /**
   * CustomResourceDefinition objects (apiextensions.k8s.io/v1) that custom resources are checked
   * against. CRDs among the validated objects themselves count too.
   */
  readonly crds?: readonly unknown[];
}

/** An issue with its path still as segments (validateManifestText maps them to lines). */
export interface RawIssue {
  readonly document: number;
  readonly kind?: string;
  readonly name?: string;
  readonly segs: readonly Segment[];
  readonly code: string;
  readonly message: string;
}

const SKIP_METADATA: ReadonlySet<string> = new Set(['metadata']);

/** apiVersion -> group ("" for the core group). */
function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Groups defined by Kubernetes itself (never by a CRD here). */
function builtinGroup(t: KubeTables, group: string): boolean {
  if (group === '' || group.endsWith('.k8s.io') || !group.includes('.')) return true;
  return Object.keys(t.kinds).some((av) => groupOf(av) === group);
}

function checkMetadata(t: KubeTables, obj: Record<string, unknown>, report: Report): void {
  const md = obj.metadata;
  if (md === undefined || md === null) return report(['metadata'], 'required', 'missing required field');
  checkModel(t, 'V1ObjectMeta', md, ['metadata'], report);
  if (isPlainObject(md) && (md.name === undefined || md.name === null || md.name === '') && (typeof md.generateName !== 'string' || md.generateName === '')) {
    report(['metadata', 'name'], 'required', 'missing required field (or metadata.generateName)');
  }
}

function servedElsewhere(t: KubeTables, kind: string): string[] {
  return Object.keys(t.kinds).filter((av) => own(t.kinds[av], kind) !== undefined);
}

function checkObject(t: KubeTables, crds: ReadonlyMap<string, CrdInfo>, obj: unknown, report: Report, prefix: Segment[]): void {
  if (!isPlainObject(obj)) return report(prefix, 'invalid', `a Kubernetes object must be a map, got ${describe(obj)}`);
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || apiVersion === '') report([...prefix, 'apiVersion'], 'required', apiVersion === undefined ? 'missing required field' : `expected a non-empty string, got ${describe(apiVersion)}`);
  if (typeof kind !== 'string' || kind === '') report([...prefix, 'kind'], 'required', kind === undefined ? 'missing required field' : `expected a non-empty string, got ${describe(kind)}`);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return;

  if (apiVersion === 'v1' && kind === 'List') {
    if (!Array.isArray(obj.items)) return report([...prefix, 'items'], 'type', `expected a list, got ${describe(obj.items)}`);
    obj.items.forEach((item, i) => checkObject(t, crds, item, report, [...prefix, 'items', i]));
    return;
  }

  const builtin = own(t.kinds[apiVersion], kind);
  if (builtin) {
    checkModel(t, builtin[0], obj, prefix, report, SKIP_METADATA);
    checkMetadata(t, obj, (segs, code, msg) => report([...prefix, ...segs], code, msg));
    checkPodRules(kind, obj, prefix, report);
    checkNameRules(kind, obj, prefix, report);
    return;
  }
  const group = groupOf(apiVersion);
  const version = apiVersion.slice(group === '' ? 0 : group.length + 1);
  const crd = crds.get(`${group}/${kind}`);
  if (crd) {
    const v = crd.versions.get(version);
    if (!v || !v.served) {
      const served = [...crd.versions].filter(([, x]) => x.served).map(([n]) => `${group}/${n}`);
      return report(prefix, 'not-served', `apiVersion ${apiVersion} kind ${kind} is not served by CustomResourceDefinition ${crd.name}${served.length ? ` (it serves ${served.join(', ')})` : ''}`);
    }
    checkSchema(v.schema, obj, [...prefix], report, true);
    checkMetadata(t, obj, (segs, code, msg) => report([...prefix, ...segs], code, msg));
    return;
  }
  if (builtinGroup(t, group) || servedElsewhere(t, kind).length > 0) {
    const other = servedElsewhere(t, kind);
    return report(prefix, 'not-served', `apiVersion ${apiVersion} kind ${kind} is not served by Kubernetes ${t.version}${other.length ? ` (use ${other.join(' or ')})` : ''}`);
  }
  report(prefix, 'unknown-kind', `apiVersion ${apiVersion} kind ${kind}: no CustomResourceDefinition given defines it`);
}

/** Validation keeping paths as segments; see validateObjects. */
export function validateObjectsRaw(objects: readonly unknown[], options: KubeValidateOptions): RawIssue[] {
  const t = kubeTables(options.version);
  if (!t) {
    return [{ document: 0, segs: [], code: 'version', message: `Kubernetes version ${JSON.stringify(options.version)} is not supported (supported: ${KUBE_VERSIONS.join(', ')})` }];
  }
  const crds = indexCrds([...(options.crds ?? []), ...objects.filter(isCrd)]);
  const out: RawIssue[] = [];
  objects.forEach((obj, document) => {
    if (obj === null || obj === undefined) return; // an empty document
    const kind = isPlainObject(obj) && typeof obj.kind === 'string' ? obj.kind : undefined;
    const md = isPlainObject(obj) && isPlainObject(obj.metadata) ? obj.metadata : undefined;
    const name = md && typeof md.name === 'string' ? md.name : undefined;
    checkObject(t, crds, obj, (segs, code, message) => out.push({ document, ...(kind !== undefined ? { kind } : {}), ...(name !== undefined ? { name } : {}), segs, code, message }), []);
  });
  return out;
}

export function toKubeIssue(r: RawIssue, line?: number): KubeIssue {
  return { document: r.document, ...(r.kind !== undefined ? { kind: r.kind } : {}), ...(r.name !== undefined ? { name: r.name } : {}), path: formatPath(r.segs), code: r.code, message: r.message, ...(line !== undefined ? { line } : {}) };
}

/** Validates parsed objects (null/undefined entries = empty documents, skipped). */
export function validateObjects(objects: readonly unknown[], options: KubeValidateOptions): KubeIssue[] {
  return validateObjectsRaw(objects, options).map((r) => toKubeIssue(r));
}
