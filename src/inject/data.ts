/**
 * The data istiod 1.11 executes injection templates with (pkg/kube/inject SidecarTemplateData),
 * as Go values of our template engine:
 *
 *   TypeMeta metav1.TypeMeta; DeploymentMeta, ObjectMeta metav1.ObjectMeta; Spec corev1.PodSpec;
 *   ProxyConfig *meshconfig.ProxyConfig; MeshConfig *meshconfig.MeshConfig;
 *   Values map[string]interface{}; Revision string; EstimatedConcurrency int
 *
 * Kubernetes structs are built from the API tables of src/manifest/kube (Kubernetes 1.25, the
 * closest table to 1.11's client-go): Go field names, Go zero values for absent fields, typed
 * slices and maps (`map[string]string` annotations, `[]v1.Container`), nil for absent pointer
 * fields. `encoding/json` of these structs (structToJSON) gives Kubernetes JSON with omitempty.
 * Protobuf messages (ProxyConfig, MeshConfig) are built from their protobuf JSON (mesh.ts); the
 * JSON stays attached (protoJsonOf) for protoToJSON.
 */
import { GoInt, GoStruct, STRING_MAP_TYPE, STRING_SLICE_TYPE, nilCollection, withType, type GoFuncSpec, type GoTypeInfo, type GoValue } from '../gotemplate/value.js';
import { formatFloat } from '../gotemplate/strconv.js';
import { kubeTables, own, type KubeModel, type KubeTables } from '../manifest/kube/tables.js';
import type { Issue } from '../operator/issues.js';
import { orderedJsonObject } from '../yaml/index.js';
import { ENUMS, MESH_CONFIG_FIELDS, PROXY_CONFIG_FIELDS, defaultProxyConfig, parseGoDuration, proxyConfigFromAnnotation, type FieldKind, type JsonObject } from './mesh.js';
import type { InjectionSource, PodTarget } from './types.js';

/** The Kubernetes API table the structs follow. */
const KUBE_VERSION = '1.25';

function tables(): KubeTables {
  const t = kubeTables(KUBE_VERSION);
  if (t === undefined) throw new Error(`inject: no Kubernetes tables for ${KUBE_VERSION}`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Go names

/** JSON field names whose Go names are not the JSON name with a capital first letter. */
const GO_FIELD_NAMES: Readonly<Record<string, string>> = {
  uid: 'UID',
  apiVersion: 'APIVersion',
  hostIPC: 'HostIPC',
  hostPID: 'HostPID',
  hostIP: 'HostIP',
  hostIPs: 'HostIPs',
  podIP: 'PodIP',
  podIPs: 'PodIPs',
  ip: 'IP',
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  httpGet: 'HTTPGet',
  httpHeaders: 'HTTPHeaders',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  fsGroup: 'FSGroup',
  fsGroupChangePolicy: 'FSGroupChangePolicy',
  fsType: 'FSType',
  seLinuxOptions: 'SELinuxOptions',
  tty: 'TTY',
  gmsaCredentialSpec: 'GMSACredentialSpec',
  gmsaCredentialSpecName: 'GMSACredentialSpecName',
  os: 'OS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  iscsi: 'ISCSI',
  iscsiInterface: 'ISCSIInterface',
  iqn: 'IQN',
  nfs: 'NFS',
  rbd: 'RBD',
  fc: 'FC',
  csi: 'CSI',
  cephfs: 'CephFS',
  awsElasticBlockStore: 'AWSElasticBlockStore',
  gcePersistentDisk: 'GCEPersistentDisk',
  pdName: 'PDName',
  pdID: 'PDID',
  storageos: 'StorageOS',
  scaleIO: 'ScaleIO',
  volumeID: 'VolumeID',
  targetWWNs: 'TargetWWNs',
  wwids: 'WWIDs',
  diskURI: 'DataDiskURI',
  secretRef: 'SecretRef',
  chapAuthDiscovery: 'DiscoveryCHAPAuth',
  chapAuthSession: 'SessionCHAPAuth',
  hostProcess: 'HostProcess',
};

/** The Go name of a Kubernetes JSON field. */
export function goFieldName(json: string): string {
  const special = own(GO_FIELD_NAMES, json);
  if (special !== undefined) return special;
  return json.charAt(0).toUpperCase() + json.slice(1);
}

/** `V1PodSpec` -> `v1.PodSpec`. */
function goModelName(model: string): string {
  const m = /^V(\d+(?:(?:alpha|beta)\d+)?)(.*)$/.exec(model);
  return m ? `v${m[1]}.${m[2]}` : model;
}

// ---------------------------------------------------------------------------------------------
// Pointer-ness (the API tables do not say which Go fields are pointers)

/** Struct-typed fields that are Go values, not pointers (all others are pointers). */
const VALUE_STRUCT_FIELDS = new Set(['V1Container.resources', 'V1EphemeralContainer.resources', 'V1PodTemplateSpec.metadata', 'V1PodTemplateSpec.spec', 'V1WeightedPodAffinityTerm.podAffinityTerm', 'V1PreferredSchedulingTerm.preference', 'V1PersistentVolumeClaimTemplate.spec', 'V1ObjectMeta.creationTimestamp']);

/** Scalar fields that are Go pointers (`*int64`, `*bool`, `*string`): nil when absent. */
const POINTER_SCALAR_FIELDS = new Set([
  'V1PodSpec.terminationGracePeriodSeconds',
  'V1PodSpec.activeDeadlineSeconds',
  'V1PodSpec.automountServiceAccountToken',
  'V1PodSpec.shareProcessNamespace',
  'V1PodSpec.priority',
  'V1PodSpec.enableServiceLinks',
  'V1PodSpec.preemptionPolicy',
  'V1PodSpec.runtimeClassName',
  'V1PodSpec.setHostnameAsFQDN',
  'V1PodSpec.hostUsers',
  'V1PodSecurityContext.runAsUser',
  'V1PodSecurityContext.runAsGroup',
  'V1PodSecurityContext.runAsNonRoot',
  'V1PodSecurityContext.fsGroup',
  'V1PodSecurityContext.fsGroupChangePolicy',
  'V1SecurityContext.privileged',
  'V1SecurityContext.runAsUser',
  'V1SecurityContext.runAsGroup',
  'V1SecurityContext.runAsNonRoot',
  'V1SecurityContext.readOnlyRootFilesystem',
  'V1SecurityContext.allowPrivilegeEscalation',
  'V1SecurityContext.procMount',
  'V1WindowsSecurityContextOptions.gmsaCredentialSpecName',
  'V1WindowsSecurityContextOptions.gmsaCredentialSpec',
  'V1WindowsSecurityContextOptions.runAsUserName',
  'V1WindowsSecurityContextOptions.hostProcess',
  'V1Probe.terminationGracePeriodSeconds',
  'V1ObjectMeta.deletionGracePeriodSeconds',
  'V1ObjectMeta.deletionTimestamp',
  'V1ConfigMapVolumeSource.defaultMode',
  'V1ConfigMapVolumeSource.optional',
  'V1SecretVolumeSource.defaultMode',
  'V1SecretVolumeSource.optional',
  'V1ProjectedVolumeSource.defaultMode',
  'V1DownwardAPIVolumeSource.defaultMode',
  'V1DownwardAPIVolumeFile.mode',
  'V1KeyToPath.mode',
  'V1ServiceAccountTokenProjection.expirationSeconds',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1ConfigMapKeySelector.optional',
  'V1SecretKeySelector.optional',
  'V1ConfigMapEnvSource.optional',
  'V1SecretEnvSource.optional',
  'V1ConfigMapProjection.optional',
  'V1SecretProjection.optional',
  'V1CSIVolumeSource.readOnly',
  'V1CSIVolumeSource.fsType',
  'V1OwnerReference.controller',
  'V1OwnerReference.blockOwnerDeletion',
  'V1Toleration.tolerationSeconds',
  'V1TopologySpreadConstraint.minDomains',
  'V1TopologySpreadConstraint.nodeAffinityPolicy',
  'V1TopologySpreadConstraint.nodeTaintsPolicy',
  'V1PodDNSConfigOption.value',
  'V1HostPathVolumeSource.type',
  'V1SeccompProfile.localhostProfile',
  'V1ResourceFieldSelector.divisor',
]);

// ---------------------------------------------------------------------------------------------
// Special Kubernetes types

/** intstr.IntOrString: prints as its number or string (String has a pointer receiver, as in Go). */
const INT_OR_STRING_TYPE: GoTypeInfo = {
  name: 'intstr.IntOrString',
  kind: 'struct',
  methods: new Map<string, GoFuncSpec>([['String', { name: 'String', params: [], results: ['string'], fn: (v) => intOrStringText(v as GoStruct) }]]),
  pointerMethods: new Set(['String']),
  jsonValue: (v) => (v.fields.get('Type') instanceof GoInt && (v.fields.get('Type') as GoInt).value === 1n ? (v.fields.get('StrVal') as string) : (v.fields.get('IntVal') as GoValue)),
};

function intOrStringText(v: GoStruct): string {
  const t = v.fields.get('Type');
  if (t instanceof GoInt && t.value === 1n) return v.fields.get('StrVal') as string;
  const i = v.fields.get('IntVal');
  return i instanceof GoInt ? i.value.toString() : '0';
}

function intOrString(v: unknown): GoStruct {
  const isStr = typeof v === 'string';
  return new GoStruct(
    INT_OR_STRING_TYPE,
    new Map<string, GoValue>([
      ['Type', new GoInt('int64', isStr ? 1n : 0n)],
      ['IntVal', new GoInt('int32', typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : 0n)],
      ['StrVal', isStr ? v : ''],
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// JSON -> Go for Kubernetes types

interface FieldDesc {
  readonly json: string;
  readonly go: string;
  readonly type: string;
  readonly pointer: boolean;
  readonly required: boolean;
}

const structTypes = new Map<string, GoTypeInfo>();
const structFields = new Map<string, readonly FieldDesc[]>();

/** Go field order for the types whose JSON order is visible in templates (structToJSON of ports). */
const GO_FIELD_ORDER: Readonly<Record<string, readonly string[]>> = {
  V1ContainerPort: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'],
  V1EnvVar: ['name', 'value', 'valueFrom'],
  V1VolumeMount: ['name', 'readOnly', 'mountPath', 'subPath', 'mountPropagation', 'subPathExpr'],
  V1Container: ['name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty'],
  V1PodSpec: ['volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers'],
  V1Probe: ['exec', 'httpGet', 'tcpSocket', 'grpc', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'],
  V1HTTPGetAction: ['path', 'port', 'host', 'scheme', 'httpHeaders'],
  V1SecurityContext: ['capabilities', 'privileged', 'seLinuxOptions', 'windowsOptions', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount', 'seccompProfile'],
  V1PodSecurityContext: ['seLinuxOptions', 'windowsOptions', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'supplementalGroups', 'fsGroup', 'sysctls', 'fsGroupChangePolicy', 'seccompProfile'],
  V1ObjectMeta: ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
  V1Volume: ['name'],
  V1Capabilities: ['add', 'drop'],
};

function fieldsOf(model: string, def: KubeModel): readonly FieldDesc[] {
  const hit = structFields.get(model);
  if (hit) return hit;
  const required = new Set(def.r ?? []);
  const order = own(GO_FIELD_ORDER, model);
  const names = Object.keys(def.f);
  if (order) names.sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
  const out = names.map((json): FieldDesc => {
    const type = def.f[json];
    const isModel = own(tables().types, type) !== undefined;
    const pointer = isModel ? !VALUE_STRUCT_FIELDS.has(`${model}.${json}`) : POINTER_SCALAR_FIELDS.has(`${model}.${json}`);
    return { json, go: goFieldName(json), type, pointer, required: required.has(json) };
  });
  structFields.set(model, out);
  return out;
}

function isZero(v: GoValue): boolean {
  if (v === null || v === false || v === '' || v === 0) return true;
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}


function structTypeOf(model: string, def: KubeModel): GoTypeInfo {
  const hit = structTypes.get(model);
  if (hit) return hit;
  const info: GoTypeInfo = {
    name: goModelName(model),
    kind: 'struct',
    jsonValue: (v) => {
      // encoding/json with the k8s json tags: omitempty on optional fields; value structs are never omitted.
      const out = new Map<string, GoValue>();
      for (const f of fieldsOf(model, def)) {
        const x = v.fields.get(f.go) ?? null;
        // metav1.Time is a struct (never omitted; its zero value encodes as null).
        const isStruct = x instanceof GoStruct || (!f.pointer && (f.type === 'dt' || f.type === 'dtm'));
        if (f.pointer ? x === null : !f.required && !isStruct && isZero(x)) continue;
        out.set(f.json, x);
      }
      return orderedJsonObject(out);
    },
  };
  structTypes.set(model, info);
  return info;
}

function goTypeOfRef(ref: string): string {
  if (ref.startsWith('[]')) return '[]' + goTypeOfRef(ref.slice(2));
  if (ref.startsWith('{}')) return ref === '{}q' ? 'v1.ResourceList' : 'map[string]' + goTypeOfRef(ref.slice(2));
  switch (ref) {
    case 's':
      return 'string';
    case 'b':
      return 'bool';
    case 'i32':
      return 'int32';
    case 'i64':
      return 'int64';
    case 'n':
      return 'float64';
    case 'q':
      return 'resource.Quantity';
    case 'ios':
      return 'intstr.IntOrString';
    case 'dt':
    case 'dtm':
      return 'v1.Time';
    case 'by':
      return '[]uint8';
    case 'any':
      return 'interface {}';
  }
  return goModelName(ref);
}

/**
 * A Kubernetes JSON value as the Go value of table type `ref` (`undefined`/null: the zero value,
 * or nil for pointers). Values of the wrong JSON type give the zero value (input was validated
 * by the caller; templates never see a crash).
 */
export function kubeValue(ref: string, v: unknown, pointer = false): GoValue {
  const absent = v === undefined || v === null;
  if (ref.startsWith('[]')) {
    const elem = ref.slice(2);
    const info: GoTypeInfo = { name: goTypeOfRef(ref), kind: 'slice', elem: goTypeOfRef(elem) };
    if (!Array.isArray(v)) return nilCollection(withType([], info));
    return withType(
      v.map((x) => kubeValue(elem, x)),
      info,
    );
  }
  if (ref.startsWith('{}')) {
    const elem = ref.slice(2);
    const info: GoTypeInfo = ref === '{}s' ? STRING_MAP_TYPE : { name: goTypeOfRef(ref), kind: 'map', elem: goTypeOfRef(elem) };
    const m = withType(new Map<string, GoValue>(), info);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return nilCollection(m);
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, kubeValue(elem, x));
    return m;
  }
  if (pointer && absent) return null;
  switch (ref) {
    case 's':
      return typeof v === 'string' ? v : '';
    case 'b':
      return v === true;
    case 'i32':
    case 'i64':
      return new GoInt(ref === 'i32' ? 'int32' : 'int64', typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : 0n);
    case 'n':
      return typeof v === 'number' ? v : 0;
    case 'q':
      // resource.Quantity: held as its canonical text (prints like Go's String()).
      return typeof v === 'string' ? v : typeof v === 'number' ? formatFloat(v, 'g', -1, 64) : absent ? '0' : '';
    case 'ios':
      return intOrString(v);
    case 'dt':
    case 'dtm':
      return typeof v === 'string' ? v : null;
    case 'by':
      return typeof v === 'string' ? v : '';
    case 'any':
      return jsonToGo(v);
  }
  const def = own(tables().types, ref);
  if (def === undefined) return jsonToGo(v);
  const obj = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const fields = new Map<string, GoValue>();
  for (const f of fieldsOf(ref, def)) fields.set(f.go, kubeValue(f.type, own(obj, f.json), f.pointer));
  return new GoStruct(structTypeOf(ref, def), fields, pointer);
}

/** Plain JSON -> Go value as encoding/json decodes into interface{}: float64 numbers, map[string]interface {}. */
export function jsonToGo(v: unknown): GoValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(jsonToGo);
  if (typeof v === 'object') {
    const m = new Map<string, GoValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, jsonToGo(x));
    return m;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// metav1.TypeMeta / ObjectMeta

const TYPE_META_TYPE: GoTypeInfo = {
  name: 'v1.TypeMeta',
  kind: 'struct',
  jsonValue: (v) => {
    const out = new Map<string, GoValue>();
    if (v.fields.get('Kind') !== '') out.set('kind', v.fields.get('Kind') as GoValue);
    if (v.fields.get('APIVersion') !== '') out.set('apiVersion', v.fields.get('APIVersion') as GoValue);
    return orderedJsonObject(out);
  },
};

export function typeMeta(kind: string, apiVersion: string): GoStruct {
  return new GoStruct(
    TYPE_META_TYPE,
    new Map<string, GoValue>([
      ['Kind', kind],
      ['APIVersion', apiVersion],
    ]),
  );
}

/** metav1.ObjectMeta from its JSON. */
export function objectMeta(json: Record<string, unknown>): GoStruct {
  return kubeValue('V1ObjectMeta', json) as GoStruct;
}

/** corev1.PodSpec from its JSON. */
export function podSpec(json: Record<string, unknown>): GoStruct {
  return kubeValue('V1PodSpec', json) as GoStruct;
}

// ---------------------------------------------------------------------------------------------
// Protobuf messages (gogo types as istio.io/api 1.11 generates them)

const protoJson = new WeakMap<GoStruct, { readonly message: 'ProxyConfig' | 'MeshConfig'; readonly json: JsonObject }>();

/** The protobuf JSON a ProxyConfig/MeshConfig struct was built from (protoToJSON), or undefined. */
export function protoJsonOf(v: GoValue): { readonly message: 'ProxyConfig' | 'MeshConfig'; readonly json: JsonObject } | undefined {
  return v instanceof GoStruct ? protoJson.get(v) : undefined;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/** json.Marshal of a gogo message: proto (snake_case) names from the json tags, enums as numbers, Durations {seconds,nanos}. */
function goJsonOfMessage(json: JsonObject, fields: readonly (readonly [string, FieldKind])[]): GoValue {
  const out = new Map<string, GoValue>();
  const kinds = new Map(fields);
  for (const [name, kind] of fields) {
    if (!Object.hasOwn(json, name)) continue;
    out.set(snake(name), goJsonOfField(kind, json[name]));
  }
  for (const [k, v] of Object.entries(json)) if (!kinds.has(k)) out.set(snake(k), genericGoJson(v));
  return orderedJsonObject(out);
}

function goJsonOfField(kind: FieldKind, v: unknown): GoValue {
  switch (kind) {
    case 'dur': {
      const d = typeof v === 'string' ? parseGoDuration(v) : null;
      const m = new Map<string, GoValue>();
      if (d === null) return orderedJsonObject(m);
      if (d / 1000000000n !== 0n) m.set('seconds', new GoInt('int64', d / 1000000000n));
      if (d % 1000000000n !== 0n) m.set('nanos', new GoInt('int32', d % 1000000000n));
      return orderedJsonObject(m);
    }
    case 'wbool':
    case 'wi32':
      return orderedJsonObject(new Map<string, GoValue>(isZeroJson(v) ? [] : [['value', jsonToGo(v)]]));
    case 'proxy':
      return goJsonOfMessage(v as JsonObject, PROXY_CONFIG_FIELDS);
  }
  if (kind.startsWith('enum:')) return enumNumber(kind, v);
  return genericGoJson(v);
}

function isZeroJson(v: unknown): boolean {
  return v === false || v === 0 || v === '' || v === null || v === undefined;
}

function enumNumber(kind: string, v: unknown): GoValue {
  const hit = (ENUMS[kind.slice(5)] ?? []).find(([name]) => name === v);
  return new GoInt('int32', BigInt(hit ? hit[1] : 0));
}

function genericGoJson(v: unknown): GoValue {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const out = new Map<string, GoValue>();
    for (const [k, x] of Object.entries(v)) out.set(snake(k), genericGoJson(x));
    return orderedJsonObject(out);
  }
  if (Array.isArray(v)) return v.map(genericGoJson);
  return jsonToGo(v);
}

/** *types.Duration: {Seconds int64, Nanos int32}; formatDuration prints it. */
export const DURATION_TYPE: GoTypeInfo = {
  name: 'types.Duration',
  kind: 'struct',
  jsonValue: (v) => {
    const m = new Map<string, GoValue>();
    const s = v.fields.get('Seconds');
    const n = v.fields.get('Nanos');
    if (s instanceof GoInt && s.value !== 0n) m.set('seconds', s);
    if (n instanceof GoInt && n.value !== 0n) m.set('nanos', n);
    return orderedJsonObject(m);
  },
};

export function durationValue(nanos: bigint): GoStruct {
  return new GoStruct(
    DURATION_TYPE,
    new Map<string, GoValue>([
      ['Seconds', new GoInt('int64', nanos / 1000000000n)],
      ['Nanos', new GoInt('int32', nanos % 1000000000n)],
    ]),
    true,
  );
}

function wrapperType(name: string, elem: string): GoTypeInfo {
  return {
    name,
    kind: 'struct',
    methods: new Map<string, GoFuncSpec>([['GetValue', { name: 'GetValue', params: [], results: [elem], fn: (v) => (v as GoStruct).fields.get('Value') as GoValue }]]),
    jsonValue: (v) => {
      const x = v.fields.get('Value') as GoValue;
      return orderedJsonObject(new Map<string, GoValue>(isZero(x) ? [] : [['value', x]]));
    },
  };
}

const BOOL_VALUE_TYPE = wrapperType('types.BoolValue', 'bool');
const INT32_VALUE_TYPE = wrapperType('types.Int32Value', 'int32');

/**
 * An unset wrapper field: a nil *types.BoolValue / *types.Int32Value. The value model has no
 * typed nil pointer with methods, so it is held as an empty, nil-marked Map carrying the
 * pointer type's methods: false in `if`, `.GetValue` gives the zero value (Go's generated getters
 * accept a nil receiver), `%T` names the pointer type, JSON encodes null. (Printing it shows
 * `map[]` where Go shows `<nil>`.)
 */
function nilWrapper(name: string, elem: string, zero: GoValue): GoValue {
  return nilPointer(name, new Map<string, GoFuncSpec>([['GetValue', { name: 'GetValue', params: [], results: [elem], fn: () => zero }]]));
}

/** A nil *NAME that can still be passed to a *NAME parameter (formatDuration) and has NAME's nil-safe methods. */
function nilPointer(name: string, methods: ReadonlyMap<string, GoFuncSpec>): GoValue {
  const info: GoTypeInfo = { name: '*' + name, kind: 'ptr', elem: name, methods };
  return nilCollection(withType(new Map<string, GoValue>(), info));
}

/** The JSON each generic message struct was built from (its json.Marshal form). */
const genericSource = new WeakMap<GoStruct, unknown>();
const genericTypes = new Map<string, GoTypeInfo>();

function isJsonObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * A nested message the field tables do not describe (Tracing, ProxyStatsMatcher, ...): a struct
 * with Go-cased field names from its JSON; nested objects are messages again, other values as
 * encoding/json decodes them (float64 numbers).
 */
function genericMessage(typeName: string, v: unknown): GoValue {
  if (!isJsonObject(v)) return null;
  let info = genericTypes.get(typeName);
  if (!info) {
    info = { name: typeName, kind: 'struct', jsonValue: (s) => genericGoJson(genericSource.get(s)) };
    genericTypes.set(typeName, info);
  }
  const fields = new Map<string, GoValue>();
  for (const [k, x] of Object.entries(v)) {
    const goName = k.charAt(0).toUpperCase() + k.slice(1);
    const inner = (e: unknown): GoValue => (isJsonObject(e) ? genericMessage('v1alpha1.' + goName, e) : jsonToGo(e));
    fields.set(goName, Array.isArray(x) ? x.map(inner) : inner(x));
  }
  const s = new GoStruct(info, fields, true);
  genericSource.set(s, v);
  return s;
}

function protoField(kind: FieldKind, name: string, v: unknown): GoValue {
  const absent = v === undefined || v === null;
  switch (kind) {
    case 's':
      return typeof v === 'string' ? v : '';
    case 'b':
      return v === true;
    case 'i32':
      return new GoInt('int32', typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : 0n);
    case 'u32':
      return new GoInt('uint32', typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : 0n);
    case 'dur': {
      const d = typeof v === 'string' ? parseGoDuration(v) : null;
      return d === null ? nilPointer('types.Duration', new Map()) : durationValue(d);
    }
    case 'wbool':
      if (typeof v !== 'boolean') return nilWrapper('types.BoolValue', 'bool', false);
      return new GoStruct(BOOL_VALUE_TYPE, new Map<string, GoValue>([['Value', v]]), true);
    case 'wi32':
      if (typeof v !== 'number' || !Number.isInteger(v)) return nilWrapper('types.Int32Value', 'int32', new GoInt('int32', 0n));
      return new GoStruct(INT32_VALUE_TYPE, new Map<string, GoValue>([['Value', new GoInt('int32', BigInt(v))]]), true);
    case 'smap': {
      const m = withType(new Map<string, GoValue>(), STRING_MAP_TYPE);
      if (absent || typeof v !== 'object') return nilCollection(m);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, typeof x === 'string' ? x : '');
      return m;
    }
    case '[]s':
      if (!Array.isArray(v)) return nilCollection(withType([], STRING_SLICE_TYPE));
      return withType(
        v.map((x) => (typeof x === 'string' ? x : '')),
        STRING_SLICE_TYPE,
      );
    case 'msg':
      return genericMessage('v1alpha1.' + name.charAt(0).toUpperCase() + name.slice(1), v);
    case '[]msg': {
      const info: GoTypeInfo = { name: '[]*v1alpha1.' + name.charAt(0).toUpperCase() + name.slice(1), kind: 'slice', elem: '*v1alpha1.' + name };
      if (!Array.isArray(v)) return nilCollection(withType([], info));
      return withType(
        v.map((x) => genericMessage('v1alpha1.' + name.charAt(0).toUpperCase() + name.slice(1), x)),
        info,
      );
    }
    case 'proxy':
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? proxyConfigValue(v as JsonObject) : null;
  }
  // Enums: held as their name (what Go prints through String()).
  const values = ENUMS[kind.slice(5)] ?? [];
  return typeof v === 'string' && values.some(([n]) => n === v) ? v : (values[0]?.[0] ?? '');
}

function protoStruct(typeName: string, message: 'ProxyConfig' | 'MeshConfig', fields: readonly (readonly [string, FieldKind])[], json: JsonObject): GoStruct {
  const m = new Map<string, GoValue>();
  for (const [name, kind] of fields) m.set(name.charAt(0).toUpperCase() + name.slice(1), protoField(kind, name, Object.hasOwn(json, name) ? json[name] : undefined));
  const info: GoTypeInfo = { name: typeName, kind: 'struct', jsonValue: () => goJsonOfMessage(json, fields) };
  const s = new GoStruct(info, m, true);
  protoJson.set(s, { message, json });
  return s;
}

/** *meshconfig.ProxyConfig from its protobuf JSON. */
export function proxyConfigValue(json: JsonObject): GoStruct {
  return protoStruct('v1alpha1.ProxyConfig', 'ProxyConfig', PROXY_CONFIG_FIELDS, json);
}

/** *meshconfig.MeshConfig from its protobuf JSON. */
export function meshConfigValue(json: JsonObject): GoStruct {
  return protoStruct('v1alpha1.MeshConfig', 'MeshConfig', MESH_CONFIG_FIELDS, json);
}

// ---------------------------------------------------------------------------------------------
// The template data

const ANNOTATION_PROXY_CONFIG = 'proxy.istio.io/config';
const ANNOTATION_PROXY_CPU_LIMIT = 'sidecar.istio.io/proxyCPULimit';

function annotationsOf(target: PodTarget): Record<string, unknown> {
  const a = own(target.metadata, 'annotations');
  return typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as Record<string, unknown>) : {};
}

/**
 * The ProxyConfig of one pod: the mesh defaultConfig (istiod defaults when the mesh config has
 * none), then the `proxy.istio.io/config` annotation.
 */
export function proxyConfigFor(source: InjectionSource, target: PodTarget): { success: true; proxyConfig: JsonObject } | { success: false; issues: Issue[] } {
  const dc = own(source.meshConfig, 'defaultConfig');
  const base = typeof dc === 'object' && dc !== null && !Array.isArray(dc) ? (dc as JsonObject) : defaultProxyConfig();
  const ann = own(annotationsOf(target), ANNOTATION_PROXY_CONFIG);
  if (typeof ann !== 'string' || ann.trim() === '') return { success: true, proxyConfig: base };
  const r = proxyConfigFromAnnotation(base, ann);
  return r.success ? r : { success: false, issues: r.issues.map((i) => ({ ...i, path: `metadata.annotations["${ANNOTATION_PROXY_CONFIG}"]${i.path ? '.' + i.path : ''}` })) };
}

const QUANTITY_SUFFIX: Readonly<Record<string, number>> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6 };

/** A CPU quantity in cores, or null when it does not parse. */
export function cpuCores(q: string): number | null {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(q.trim());
  if (!m) return null;
  const n = Number(m[1] + (m[2] ?? ''));
  return n * (QUANTITY_SUFFIX[m[3] ?? ''] ?? 1);
}

/**
 * 1.11's EstimatedConcurrency: 0 when ProxyConfig.concurrency is set (istiod's default sets it
 * to 2), else the proxy CPU limit (annotation sidecar.istio.io/proxyCPULimit, else
 * values.global.proxy.resources.limits.cpu) rounded up to whole cores.
 */
export function estimatedConcurrency(proxyConfig: JsonObject, annotations: Record<string, unknown>, values: Readonly<Record<string, unknown>>): number {
  if (proxyConfig.concurrency !== undefined && proxyConfig.concurrency !== null) return 0;
  let limit: unknown = path(values, ['global', 'proxy', 'resources', 'limits', 'cpu']);
  const ann = own(annotations, ANNOTATION_PROXY_CPU_LIMIT);
  if (typeof ann === 'string') limit = ann;
  if (typeof limit !== 'string' || limit === '') return 0;
  const cores = cpuCores(limit);
  return cores === null || cores <= 0 ? 0 : Math.ceil(cores - 1e-12);
}

function path(v: unknown, keys: readonly string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = own(cur as Record<string, unknown>, k);
  }
  return cur;
}

const TEMPLATE_DATA_TYPE: GoTypeInfo = { name: 'inject.SidecarTemplateData', kind: 'struct' };

export type TemplateDataResult = { success: true; data: GoStruct; proxyConfig: JsonObject } | { success: false; issues: Issue[] };

/** The template data (dot) for one pod, or issues (a bad proxy.istio.io/config annotation). */
export function safeTemplateData(source: InjectionSource, target: PodTarget): TemplateDataResult {
  const pc = proxyConfigFor(source, target);
  if (!pc.success) return pc;
  const deployMeta = objectMeta({ name: target.deploymentMeta.name, namespace: target.deploymentMeta.namespace });
  const values = jsonToGo(source.values);
  const fields = new Map<string, GoValue>([
    ['TypeMeta', typeMeta(target.typeMeta.kind, target.typeMeta.apiVersion)],
    ['DeploymentMeta', deployMeta],
    ['ObjectMeta', objectMeta(target.metadata)],
    ['Spec', podSpec(target.spec)],
    ['ProxyConfig', proxyConfigValue(pc.proxyConfig)],
    ['MeshConfig', meshConfigValue(source.meshConfig as JsonObject)],
    ['Values', values instanceof Map ? values : nilCollection(new Map<string, GoValue>())],
    ['Revision', source.revision],
    ['EstimatedConcurrency', new GoInt('int', BigInt(estimatedConcurrency(pc.proxyConfig, annotationsOf(target), source.values)))],
  ]);
  return { success: true, data: new GoStruct(TEMPLATE_DATA_TYPE, fields), proxyConfig: pc.proxyConfig };
}

/** The template data (dot) for one pod; throws Error with the issue text on a bad annotation. */
export function templateData(source: InjectionSource, target: PodTarget): GoStruct {
  const r = safeTemplateData(source, target);
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.data;
}
