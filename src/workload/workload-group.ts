/**
 * Reading a WorkloadGroup file (networking.istio.io v1alpha3 or v1beta1, as of Istio 1.11): the
 * one document it holds, checked field by field, every problem an Issue at its file:line:column
 * with a suggestion. Unknown fields are errors (istioctl decodes the spec with the protobuf
 * decoder, which refuses them) with the closest known name suggested.
 *
 * Defaults as istioctl applies them: spec.metadata and spec.template may be left out, the
 * service account defaults to "default".
 */
import type { Issue, SourcePosition } from '../operator/issues.js';
import { closestKey } from '../operator/suggest.js';
import { formatPath, type Segment } from '../manifest/kube/issues.js';
import { readYamlMappings, type WorkloadDocument } from '../inject/parse-workloads.js';
import { dns1123LabelProblem, dns1123SubdomainProblem, labelValueProblem, qualifiedNameProblem } from './names.js';

export const WORKLOAD_GROUP_API_VERSIONS = ['networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1'] as const;

/** The WorkloadGroup's fields the VM configuration is made from. */
export interface WorkloadGroup {
  readonly file: string;
  readonly name: string;
  /** metadata.namespace; undefined when the file leaves it out. */
  readonly namespace: string | undefined;
  /** metadata.annotations (the object's own). */
  readonly annotations: ReadonlyMap<string, string>;
  /** spec.metadata.labels and .annotations (given to every WorkloadEntry of the group). */
  readonly labels: ReadonlyMap<string, string>;
  readonly specAnnotations: ReadonlyMap<string, string>;
  /** spec.template.labels (istioctl lets them override spec.metadata.labels, with a warning). */
  readonly templateLabels: ReadonlyMap<string, string>;
  readonly serviceAccount: string;
  readonly network: string;
  /** spec.template.ports, in the order written. */
  readonly ports: readonly { readonly name: string; readonly port: number }[];
  /** spec.probe as protobuf JSON (zero values left out); undefined without a probe. */
  readonly probe: Readonly<Record<string, unknown>> | undefined;
  /** Where the node at `segs` was written (the deepest existing node on the way). */
  position(segs: readonly Segment[]): SourcePosition;
}

export type ParseWorkloadGroupResult =
  | { readonly success: true; readonly group: WorkloadGroup; readonly warnings: readonly Issue[] }
  | { readonly success: false; readonly issues: readonly Issue[] };

type Json = Record<string, unknown>;

const CODE = {
  invalid: 'workload-group-invalid',
  unknownField: 'workload-group-unknown-field',
  missing: 'workload-group-missing-field',
  kind: 'workload-group-wrong-kind',
  empty: 'workload-group-empty-file',
  documents: 'workload-group-documents',
} as const;

export { CODE as WORKLOAD_GROUP_CODES };

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Json, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function kindText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return `the string ${JSON.stringify(v)}`;
}

/** ObjectMeta fields other than name/namespace/labels/annotations: accepted (kubectl get -o yaml prints them), not used. */
const OTHER_OBJECT_META = ['generateName', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink', 'clusterName'];

class Checker {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  constructor(private readonly doc: WorkloadDocument) {}

  report(segs: readonly Segment[], code: string, message: string, suggestion?: string, severity: 'error' | 'warning' = 'error'): void {
    const issue: Issue = { severity, code, path: formatPath(segs), message, source: this.doc.position(segs), ...(suggestion !== undefined ? { suggestion } : {}) };
    (severity === 'error' ? this.issues : this.warnings).push(issue);
  }

  /** The object at segs (undefined/null allowed: an empty object); reports unknown keys. */
  object(v: unknown, segs: readonly Segment[], known: readonly string[], ignored: readonly string[] = []): Json | undefined {
    if (v === undefined || v === null) return {};
    if (!isObject(v)) {
      this.report(segs, CODE.invalid, `expected a map, got ${kindText(v)}`);
      return undefined;
    }
    for (const k of Object.keys(v)) {
      if (known.includes(k) || ignored.includes(k)) continue;
      const hint = closestKey(k, known);
      this.report([...segs, k], CODE.unknownField, `unknown field ${JSON.stringify(k)}; known fields here: ${known.join(', ')}`, hint !== undefined ? `did you mean "${hint}"?` : undefined);
    }
    return v;
  }

  string(v: unknown, segs: readonly Segment[]): string | undefined {
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    this.report(segs, CODE.invalid, `expected a string, got ${kindText(v)}`, typeof v === 'number' || typeof v === 'boolean' ? `quote it: "${String(v)}"` : undefined);
    return undefined;
  }

  /** A map of strings (labels, annotations), keys checked as qualified names, values with `valueCheck`. */
  stringMap(v: unknown, segs: readonly Segment[], valueCheck?: (s: string) => string | undefined): Map<string, string> {
    const out = new Map<string, string>();
    if (v === undefined || v === null) return out;
    if (!isObject(v)) {
      this.report(segs, CODE.invalid, `expected a map of strings, got ${kindText(v)}`);
      return out;
    }
    for (const [k, x] of Object.entries(v)) {
      const kp = qualifiedNameProblem(k);
      if (kp !== undefined) this.report([...segs, k], CODE.invalid, `invalid key ${JSON.stringify(k)}: ${kp}`);
      if (typeof x !== 'string') {
        this.report([...segs, k], CODE.invalid, `expected a string, got ${kindText(x)}`, typeof x === 'number' || typeof x === 'boolean' ? `quote it: "${String(x)}"` : undefined);
        continue;
      }
      const vp = valueCheck?.(x);
      if (vp !== undefined) this.report([...segs, k], CODE.invalid, `invalid value ${JSON.stringify(x)}: ${vp}`);
      out.set(k, x);
    }
    return out;
  }

  /** A non-negative integer up to `max` (protobuf int32/uint32); `min` for ports. */
  integer(v: unknown, segs: readonly Segment[], min: number, max: number): number | undefined {
    if (v === undefined || v === null) return 0;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    if (typeof v === 'number' && Number.isInteger(v)) this.report(segs, CODE.invalid, `${v} is out of range: expected ${min} to ${max}`);
    else this.report(segs, CODE.invalid, `expected an integer from ${min} to ${max}, got ${kindText(v)}`, typeof v === 'string' && /^\d+$/.test(v) ? `write it without quotes: ${v}` : undefined);
    return undefined;
  }
}

const INT32_MAX = 2147483647;

function checkProbe(c: Checker, v: unknown): Json | undefined {
  const segs: Segment[] = ['spec', 'probe'];
  const p = c.object(v, segs, ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'httpGet', 'tcpSocket', 'exec']);
  if (p === undefined) return undefined;
  const out: Json = {};
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const n = c.integer(own(p, k), [...segs, k], 0, INT32_MAX);
    if (n !== undefined && n !== 0) out[k] = n;
  }
  const methods = ['httpGet', 'tcpSocket', 'exec'].filter((k) => own(p, k) !== undefined && own(p, k) !== null);
  if (methods.length !== 1) {
    c.report(segs, CODE.invalid, methods.length === 0 ? 'a probe needs one health check: httpGet, tcpSocket or exec' : `a probe has exactly one health check, not ${methods.join(' and ')}`, methods.length === 0 ? 'add httpGet: {path: /ready, port: 8080}, tcpSocket: {port: 8080} or exec: {command: [...]}' : `keep one of ${methods.join(', ')}`);
  }
  const http = own(p, 'httpGet');
  if (http !== undefined && http !== null) {
    const hs: Segment[] = [...segs, 'httpGet'];
    const h = c.object(http, hs, ['path', 'port', 'host', 'scheme', 'httpHeaders']);
    if (h !== undefined) {
      const o: Json = {};
      const path = c.string(own(h, 'path'), [...hs, 'path']);
      if (path) o.path = path;
      if (own(h, 'port') === undefined || own(h, 'port') === null) c.report(hs, CODE.missing, 'httpGet.port is required', 'the port the application serves its readiness endpoint on, e.g. port: 8080');
      else {
        const port = c.integer(own(h, 'port'), [...hs, 'port'], 1, 65535);
        if (port !== undefined) o.port = port;
      }
      const host = c.string(own(h, 'host'), [...hs, 'host']);
      if (host) o.host = host;
      const scheme = c.string(own(h, 'scheme'), [...hs, 'scheme']);
      if (scheme) {
        if (scheme.toLowerCase() !== 'http' && scheme.toLowerCase() !== 'https') c.report([...hs, 'scheme'], CODE.invalid, `unknown scheme ${JSON.stringify(scheme)}`, 'use HTTP or HTTPS');
        o.scheme = scheme;
      }
      const headers = own(h, 'httpHeaders');
      if (headers !== undefined && headers !== null) {
        if (!Array.isArray(headers)) c.report([...hs, 'httpHeaders'], CODE.invalid, `expected a list of {name, value}, got ${kindText(headers)}`);
        else {
          const list: Json[] = [];
          headers.forEach((x, i) => {
            const e = c.object(x, [...hs, 'httpHeaders', i], ['name', 'value']);
            if (e === undefined) return;
            const name = c.string(own(e, 'name'), [...hs, 'httpHeaders', i, 'name']);
            const value = c.string(own(e, 'value'), [...hs, 'httpHeaders', i, 'value']);
            const item: Json = {};
            if (name) item.name = name;
            if (value) item.value = value;
            list.push(item);
          });
          if (list.length > 0) o.httpHeaders = list;
        }
      }
      out.httpGet = o;
    }
  }
  const tcp = own(p, 'tcpSocket');
  if (tcp !== undefined && tcp !== null) {
    const ts: Segment[] = [...segs, 'tcpSocket'];
    const t = c.object(tcp, ts, ['host', 'port']);
    if (t !== undefined) {
      const o: Json = {};
      const host = c.string(own(t, 'host'), [...ts, 'host']);
      if (host) o.host = host;
      if (own(t, 'port') === undefined || own(t, 'port') === null) c.report(ts, CODE.missing, 'tcpSocket.port is required', 'e.g. port: 8080');
      else {
        const port = c.integer(own(t, 'port'), [...ts, 'port'], 1, 65535);
        if (port !== undefined) o.port = port;
      }
      out.tcpSocket = o;
    }
  }
  const exec = own(p, 'exec');
  if (exec !== undefined && exec !== null) {
    const es: Segment[] = [...segs, 'exec'];
    const e = c.object(exec, es, ['command']);
    if (e !== undefined) {
      const cmd = own(e, 'command');
      if (!Array.isArray(cmd) || cmd.length === 0) c.report([...es, 'command'], cmd === undefined || cmd === null ? CODE.missing : CODE.invalid, 'exec.command must be a non-empty list of strings', 'e.g. command: [cat, /tmp/ready]');
      else {
        const list: string[] = [];
        cmd.forEach((x, i) => {
          const s = c.string(x, [...es, 'command', i]);
          if (s !== undefined) list.push(s);
        });
        out.exec = { command: list };
      }
    }
  }
  return out;
}

/** Checks a parsed document as a WorkloadGroup. */
function checkGroup(doc: WorkloadDocument, file: string): ParseWorkloadGroupResult {
  const c = new Checker(doc);
  const root = c.object(doc.object, [], ['apiVersion', 'kind', 'metadata', 'spec'], ['status']) as Json;

  const apiVersion = own(root, 'apiVersion');
  const kind = own(root, 'kind');
  if (kind !== 'WorkloadGroup') {
    c.report(kind === undefined ? [] : ['kind'], CODE.kind, kind === undefined ? 'the document has no kind; expected kind: WorkloadGroup' : `expected kind WorkloadGroup, got ${kindText(kind)}`, 'the file must hold one WorkloadGroup (kubectl get workloadgroup NAME -n NAMESPACE -o yaml prints one)');
    return { success: false, issues: c.issues };
  }
  if (typeof apiVersion !== 'string' || !(WORKLOAD_GROUP_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    c.report(apiVersion === undefined ? [] : ['apiVersion'], CODE.kind, `${apiVersion === undefined ? 'no apiVersion' : `apiVersion ${kindText(apiVersion)}`}: a WorkloadGroup of Istio 1.11 is ${WORKLOAD_GROUP_API_VERSIONS.join(' or ')}`, 'apiVersion: networking.istio.io/v1alpha3');
  }

  const md = c.object(own(root, 'metadata'), ['metadata'], ['name', 'namespace', 'labels', 'annotations'], OTHER_OBJECT_META) ?? {};
  const name = c.string(own(md, 'name'), ['metadata', 'name']);
  if (name === '') c.report(Object.hasOwn(md, 'name') ? ['metadata', 'name'] : ['metadata'], CODE.missing, 'metadata.name is required: it names the group (ISTIO_SERVICE, the canonical service and auto-registered WorkloadEntries are derived from it)', 'add metadata.name, e.g. name: ratings-vm');
  else if (name !== undefined) {
    const p = dns1123SubdomainProblem(name);
    if (p !== undefined) c.report(['metadata', 'name'], CODE.invalid, `${JSON.stringify(name)} ${p}`);
  }
  let namespace: string | undefined;
  if (own(md, 'namespace') !== undefined && own(md, 'namespace') !== null) {
    const ns = c.string(own(md, 'namespace'), ['metadata', 'namespace']);
    if (ns !== undefined && ns !== '') {
      const p = dns1123LabelProblem(ns);
      if (p !== undefined) c.report(['metadata', 'namespace'], CODE.invalid, `${JSON.stringify(ns)} ${p}`);
      namespace = ns;
    }
  }
  c.stringMap(own(md, 'labels'), ['metadata', 'labels'], labelValueProblem);
  const annotations = c.stringMap(own(md, 'annotations'), ['metadata', 'annotations']);

  const spec = c.object(own(root, 'spec'), ['spec'], ['metadata', 'template', 'probe']) ?? {};
  const smd = c.object(own(spec, 'metadata'), ['spec', 'metadata'], ['labels', 'annotations']) ?? {};
  const labels = c.stringMap(own(smd, 'labels'), ['spec', 'metadata', 'labels'], labelValueProblem);
  const specAnnotations = c.stringMap(own(smd, 'annotations'), ['spec', 'metadata', 'annotations']);

  const ts: Segment[] = ['spec', 'template'];
  const tpl = c.object(own(spec, 'template'), ts, ['address', 'ports', 'labels', 'network', 'locality', 'weight', 'serviceAccount']) ?? {};
  const address = c.string(own(tpl, 'address'), [...ts, 'address']);
  if (address) c.report([...ts, 'address'], CODE.invalid, 'the template of a WorkloadGroup has no address: each VM registers its own', 'remove spec.template.address', 'warning');
  const templateLabels = c.stringMap(own(tpl, 'labels'), [...ts, 'labels'], labelValueProblem);
  if (templateLabels.size > 0) c.report([...ts, 'labels'], CODE.invalid, 'labels belong in spec.metadata.labels; these override the ones there', 'move them to spec.metadata.labels', 'warning');
  const network = c.string(own(tpl, 'network'), [...ts, 'network']) ?? '';
  c.string(own(tpl, 'locality'), [...ts, 'locality']);
  c.integer(own(tpl, 'weight'), [...ts, 'weight'], 0, 4294967295);
  let serviceAccount = c.string(own(tpl, 'serviceAccount'), [...ts, 'serviceAccount']) ?? 'default';
  if (serviceAccount === '') serviceAccount = 'default';
  else {
    const p = dns1123SubdomainProblem(serviceAccount);
    if (p !== undefined) c.report([...ts, 'serviceAccount'], CODE.invalid, `${JSON.stringify(serviceAccount)} ${p}`);
  }
  const ports: { name: string; port: number }[] = [];
  const rawPorts = own(tpl, 'ports');
  if (rawPorts !== undefined && rawPorts !== null) {
    if (!isObject(rawPorts)) c.report([...ts, 'ports'], CODE.invalid, `expected a map of port name to number (e.g. http: 8080), got ${kindText(rawPorts)}`);
    else {
      for (const [pn, pv] of Object.entries(rawPorts)) {
        const p = dns1123LabelProblem(pn);
        if (p !== undefined) c.report([...ts, 'ports', pn], CODE.invalid, `port name ${JSON.stringify(pn)} ${p}`);
        const n = c.integer(pv, [...ts, 'ports', pn], 1, 65535);
        if (n !== undefined) ports.push({ name: pn, port: n });
      }
    }
  }
  const probeRaw = own(spec, 'probe');
  const probe = probeRaw === undefined || probeRaw === null ? undefined : checkProbe(c, probeRaw);

  if (c.issues.length > 0) return { success: false, issues: inFileOrder(c.issues) };
  const group: WorkloadGroup = {
    file,
    name: name as string,
    namespace,
    annotations,
    labels,
    specAnnotations,
    templateLabels,
    serviceAccount,
    network,
    ports,
    probe,
    position: (segs) => doc.position(segs),
  };
  return { success: true, group, warnings: inFileOrder(c.warnings) };
}

/** Issues by position (the checks run field by field, not in the order the file is written). */
function inFileOrder(issues: readonly Issue[]): Issue[] {
  return issues
    .map((i, n) => [i, n] as const)
    .sort(([a, an], [b, bn]) => (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0) || an - bn)
    .map(([i]) => i);
}

/** Parses and checks a WorkloadGroup file; never throws. */
export function parseWorkloadGroup(text: string, file: string): ParseWorkloadGroupResult {
  try {
    const read = readYamlMappings(text, file, {
      expected: 'one WorkloadGroup (networking.istio.io/v1alpha3)',
      document: 'a WorkloadGroup (a mapping with apiVersion, kind, metadata and spec)',
    });
    if (read.issues.length > 0) return { success: false, issues: read.issues };
    const docs = read.documents.filter((d) => d.object !== undefined);
    if (docs.length === 0) {
      return { success: false, issues: [{ severity: 'error', code: CODE.empty, path: '', message: 'the file holds no YAML document; expected one WorkloadGroup', source: { file, line: 1, column: 1 } }] };
    }
    if (docs.length > 1) {
      return {
        success: false,
        issues: [{ severity: 'error', code: CODE.documents, path: '', message: `the file holds ${docs.length} YAML documents; expected one WorkloadGroup`, source: (docs[1] as WorkloadDocument).source, suggestion: 'put each WorkloadGroup in a file of its own' }],
      };
    }
    return checkGroup(docs[0] as WorkloadDocument, file);
  } catch (e) {
    return { success: false, issues: [{ severity: 'error', code: 'internal-error', path: '', message: `internal error reading the WorkloadGroup: ${e instanceof Error ? e.message : String(e)}`, source: { file, line: 1, column: 1 } }] };
  }
}
