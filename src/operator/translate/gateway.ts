/**
 * One ingress or egress gateway entry -> the gateway chart's values (charts/gateway/values.yaml).
 *
 * Sources, later wins: the 1.11 gateway values shared by every entry of the kind
 * (values.gateways.istio-ingressgateway / istio-egressgateway, mapped field by field below), a few
 * global values the 1.11 gateway charts read, then the entry itself (name, label, namespace,
 * hub/tag, k8s). Values the chart cannot express are left out with a warning naming the path.
 *
 * An ingress entry labelled `topology.istio.io/network: N` is an east-west gateway: it gets
 * `networkGateway: N`, and the chart adds the network label, ISTIO_META_REQUESTED_NETWORK_VIEW
 * and the cross-network ports 15021/15443/15012/15017 (the entry's k8s.service merges over them).
 */
import type { Issue } from '../issues.js';
import { at, clone, dotted, isObj, mergeInto, newObj, nonEmptyString, own, setAt, type Obj } from './data.js';
import { gatewayProxyImage, PROXY_IMAGE_ANNOTATION } from './images.js';
import { k8sSettings, mergeK8s } from './k8s.js';

export type GatewayKind = 'ingress' | 'egress';

export interface GatewayInput {
  readonly kind: GatewayKind;
  /** The entry (components.ingressGateways[i]). */
  readonly entry: Obj;
  /** Path of the entry, e.g. ['spec', 'components', 'ingressGateways', 0]. */
  readonly entryPath: readonly (string | number)[];
  readonly name: string;
  /** The merged values tree (API fields, spec.values, unvalidatedValues). */
  readonly values: Obj;
  readonly revision: string;
  readonly ownerName: string | undefined;
}

const VALUES_KEY: Readonly<Record<GatewayKind, string>> = { ingress: 'istio-ingressgateway', egress: 'istio-egressgateway' };
const COMPONENT: Readonly<Record<GatewayKind, string>> = { ingress: 'IngressGateways', egress: 'EgressGateways' };
/** The selector labels of the 1.11 gateway charts, kept so existing Gateway resources still select them. */
const DEFAULT_LABELS: Readonly<Record<GatewayKind, Readonly<Record<string, string>>>> = {
  ingress: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
  egress: { app: 'istio-egressgateway', istio: 'egressgateway' },
};

/** 1.11 gateway values that need no mapping (consumed elsewhere or only checked by validation). */
const CONSUMED = new Set(['enabled', 'name', 'ingressPorts']);

/** The label that names the network an east-west gateway serves. */
export const NETWORK_LABEL = 'topology.istio.io/network';

/** The network of an ingress entry labelled topology.istio.io/network (a non-empty string), else undefined. */
export function entryNetwork(kind: GatewayKind, entry: Obj): string | undefined {
  if (kind !== 'ingress') return undefined;
  const network = own(own(entry, 'label'), NETWORK_LABEL);
  return typeof network === 'string' && network !== '' ? network : undefined;
}

export function gatewayChartValues(input: GatewayInput, issues: Issue[]): Obj {
  const { kind, entry, name } = input;
  const gwKey = VALUES_KEY[kind];
  const gw = at(input.values, 'gateways', gwKey);
  const gwPath = ['spec', 'values', 'gateways', gwKey];
  const gv: Obj = isObj(gw) ? gw : newObj();
  const out = newObj();
  const warn = (key: string, message: string): void => {
    issues.push({ severity: 'warning', code: 'gateway-value-ignored', path: dotted(...gwPath, key), message });
  };

  out['name'] = name;
  if (input.revision !== '') out['revision'] = input.revision;

  // Labels: 1.11 chart defaults, the shared values, the entry's label, then the operator labels.
  const labels = newObj();
  mergeInto(labels, DEFAULT_LABELS[kind] as Obj);
  const sharedLabels = own(gv, 'labels');
  if (isObj(sharedLabels)) mergeInto(labels, sharedLabels);
  const entryLabel = own(entry, 'label');
  if (isObj(entryLabel)) mergeInto(labels, entryLabel);
  labels['operator.istio.io/component'] = COMPONENT[kind];
  labels['install.operator.istio.io/owning-resource'] = input.ownerName ?? 'unknown';
  out['labels'] = labels;
  const network = entryNetwork(kind, entry);
  if (network !== undefined) out['networkGateway'] = network;

  setAt(out, ['serviceAccount', 'name'], `${name}-service-account`);

  const service = serviceValues(gv, kind);
  if (Object.keys(service).length > 0) out['service'] = service;
  const autoscaling = autoscalingValues(gv);
  if (Object.keys(autoscaling).length > 0) out['autoscaling'] = autoscaling;
  // Globals the 1.11 gateway charts read.
  const pdb = at(input.values, 'global', 'defaultPodDisruptionBudget', 'enabled');
  if (typeof pdb === 'boolean') setAt(out, ['podDisruptionBudget', 'enabled'], pdb);
  const pullSecrets = at(input.values, 'global', 'imagePullSecrets');
  if (Array.isArray(pullSecrets) && pullSecrets.length > 0) {
    out['imagePullSecrets'] = pullSecrets.map((s: unknown) => (typeof s === 'string' ? { name: s } : clone(s)));
  }
  const k8s = workloadK8s(gv, input.values);
  const podAnnotations = newObj();
  const sharedAnnotations = own(gv, 'podAnnotations');
  if (isObj(sharedAnnotations)) mergeInto(podAnnotations, sharedAnnotations);
  const template = nonEmptyString(own(gv, 'injectionTemplate'));
  if (template !== undefined) podAnnotations['inject.istio.io/templates'] = template;

  // What the chart cannot express.
  for (const key of Object.keys(gv)) {
    const v = gv[key];
    if (CONSUMED.has(key) || MAPPED.has(key) || v === undefined || v === null) continue;
    if (key === 'zvpn') {
      if (own(v, 'enabled') === true) warn('zvpn', 'ZeroVPN was removed in Istio 1.12; the gateway chart has no equivalent');
    } else if (key === 'runAsRoot') {
      if (v === true) warn(key, 'the gateway chart runs the proxy as user 1337 and lets it bind ports below 1024 through the unprivileged-port sysctl, so it never runs as root; ignored');
    } else if (key === 'additionalContainers' || key === 'meshExpansionPorts') {
      if (Array.isArray(v) && v.length > 0) warn(key, 'the gateway chart cannot add these; use k8s.overlays on the Deployment');
    } else warn(key, 'the gateway chart has no setting for this value; ignored');
  }

  // The entry: hub/tag as the injector's proxy image annotation, then its k8s settings.
  const image = gatewayProxyImage(entry, input.values);
  if (image !== undefined) podAnnotations[PROXY_IMAGE_ANNOTATION] = image;
  if (Object.keys(podAnnotations).length > 0) k8s['podAnnotations'] = podAnnotations;
  const entryK8s = k8sSettings(own(entry, 'k8s'), [...input.entryPath, 'k8s'], 'Deployment', issues);
  if (entryK8s !== undefined) {
    // An east-west gateway's ports come from the chart; the entry's ports merge over them by number.
    if (network === undefined) takeServicePorts(entryK8s, out);
    mergeK8s(k8s, entryK8s);
  }
  if (Object.keys(k8s).length > 0) out['k8s'] = k8s;
  return out;
}

/** 1.11 keys handled above. */
const MAPPED = new Set([
  'labels', 'type', 'customService', 'ports', 'serviceAnnotations', 'loadBalancerIP', 'loadBalancerSourceRanges',
  'externalTrafficPolicy', 'autoscaleEnabled', 'autoscaleMin', 'autoscaleMax', 'cpu', 'resources', 'nodeSelector',
  'tolerations', 'replicaCount', 'podAnnotations', 'injectionTemplate', 'rollingMaxSurge', 'rollingMaxUnavailable',
  'env', 'secretVolumes', 'configVolumes', 'podAntiAffinityLabelSelector', 'podAntiAffinityTermLabelSelector',
]);

/**
 * The entry's k8s.service.ports replace the gateway's port list, as in istioctl 1.11 (which set
 * the chart's `ports` to them): moved to service.ports so the chart's default ports (80, 443) do
 * not stay exposed next to them, e.g. on an east-west gateway.
 */
function takeServicePorts(entryK8s: Obj, out: Obj): void {
  const svc = own(entryK8s, 'service');
  const ports = own(svc, 'ports');
  if (!isObj(svc) || !Array.isArray(ports) || ports.length === 0) return;
  setAt(out, ['service', 'ports'], ports);
  delete svc['ports'];
  if (Object.keys(svc).length === 0) delete entryK8s['service'];
}

/** The Service values: type (egress default ClusterIP; customService: None), ports, annotations, load balancer fields. */
function serviceValues(gv: Obj, kind: GatewayKind): Obj {
  const service = newObj();
  const type = own(gv, 'type');
  if (typeof type === 'string' && type !== '') service['type'] = type;
  else if (kind === 'egress') service['type'] = 'ClusterIP';
  if (own(gv, 'customService') === true) service['type'] = 'None';
  const ports = own(gv, 'ports');
  if (Array.isArray(ports) && ports.length > 0) service['ports'] = ports.map(servicePort);
  copyIf(gv, 'serviceAnnotations', service, 'annotations', (v) => isObj(v) && Object.keys(v).length > 0);
  copyIf(gv, 'loadBalancerIP', service, 'loadBalancerIP', (v) => typeof v === 'string' && v !== '');
  copyIf(gv, 'loadBalancerSourceRanges', service, 'loadBalancerSourceRanges', (v) => Array.isArray(v) && v.length > 0);
  copyIf(gv, 'externalTrafficPolicy', service, 'externalTrafficPolicy', (v) => typeof v === 'string' && v !== '');
  return service;
}

/** autoscaleEnabled/Min/Max and cpu.targetAverageUtilization -> autoscaling. */
function autoscalingValues(gv: Obj): Obj {
  const autoscaling = newObj();
  copyIf(gv, 'autoscaleEnabled', autoscaling, 'enabled', (v) => typeof v === 'boolean');
  copyIf(gv, 'autoscaleMin', autoscaling, 'minReplicas', (v) => typeof v === 'number');
  copyIf(gv, 'autoscaleMax', autoscaling, 'maxReplicas', (v) => typeof v === 'number');
  const cpu = at(gv, 'cpu', 'targetAverageUtilization');
  if (typeof cpu === 'number') autoscaling['targetCPUUtilizationPercentage'] = cpu;
  return autoscaling;
}

/**
 * The workload settings of the 1.11 values as the chart's k8s block: resources, nodeSelector and
 * tolerations (falling back to global.defaultNodeSelector / defaultTolerations), replicaCount,
 * rolling update, env (map -> list), secretVolumes and configVolumes, anti-affinity, and the
 * global image pull policy and priority class.
 */
function workloadK8s(gv: Obj, values: Obj): Obj {
  const k8s = newObj();
  const pullPolicy = nonEmptyString(at(values, 'global', 'imagePullPolicy'));
  if (pullPolicy !== undefined) k8s['imagePullPolicy'] = pullPolicy;
  const priority = nonEmptyString(at(values, 'global', 'priorityClassName'));
  if (priority !== undefined) k8s['priorityClassName'] = priority;
  copyIf(gv, 'resources', k8s, 'resources', (v) => isObj(v) && Object.keys(v).length > 0);
  const nodeSelector = nonEmptyMap(own(gv, 'nodeSelector')) ?? nonEmptyMap(at(values, 'global', 'defaultNodeSelector'));
  if (nodeSelector !== undefined) k8s['nodeSelector'] = nodeSelector;
  const tolerations = nonEmptyList(own(gv, 'tolerations')) ?? nonEmptyList(at(values, 'global', 'defaultTolerations'));
  if (tolerations !== undefined) k8s['tolerations'] = tolerations;
  copyIf(gv, 'replicaCount', k8s, 'replicaCount', (v) => typeof v === 'number' && v > 0);
  const rolling = newObj();
  copyIf(gv, 'rollingMaxSurge', rolling, 'maxSurge', (v) => v !== '' && (typeof v === 'string' || typeof v === 'number'));
  copyIf(gv, 'rollingMaxUnavailable', rolling, 'maxUnavailable', (v) => v !== '' && (typeof v === 'string' || typeof v === 'number'));
  if (Object.keys(rolling).length > 0) k8s['strategy'] = { rollingUpdate: rolling };
  const env = own(gv, 'env');
  if (isObj(env) && Object.keys(env).length > 0) {
    k8s['env'] = Object.keys(env).map((k) => ({ name: k, value: goString(env[k]) }));
  }
  const volumes: unknown[] = [];
  const mounts: unknown[] = [];
  const secretVolumes = own(gv, 'secretVolumes');
  if (Array.isArray(secretVolumes)) {
    for (const sv of secretVolumes) {
      const vname = own(sv, 'name');
      if (typeof vname !== 'string') continue;
      volumes.push({ name: vname, secret: { secretName: own(sv, 'secretName') ?? vname, optional: true } });
      const mountPath = own(sv, 'mountPath');
      if (typeof mountPath === 'string' && mountPath !== '') mounts.push({ name: vname, mountPath, readOnly: true });
    }
  }
  const configVolumes = own(gv, 'configVolumes');
  if (Array.isArray(configVolumes)) volumes.push(...configVolumes.map(clone));
  if (volumes.length > 0) k8s['volumes'] = volumes;
  if (mounts.length > 0) k8s['volumeMounts'] = mounts;
  const affinity = antiAffinity(own(gv, 'podAntiAffinityLabelSelector'), own(gv, 'podAntiAffinityTermLabelSelector'));
  if (affinity !== undefined) k8s['affinity'] = affinity;
  return k8s;
}

function copyIf(from: Obj, key: string, to: Obj, as: string, ok: (v: unknown) => boolean): void {
  const v = own(from, key);
  if (v !== undefined && ok(v)) to[as] = clone(v);
}

function nonEmptyMap(v: unknown): Obj | undefined {
  return isObj(v) && Object.keys(v).length > 0 ? (clone(v) as Obj) : undefined;
}

function nonEmptyList(v: unknown): unknown[] | undefined {
  return Array.isArray(v) && v.length > 0 ? (clone(v) as unknown[]) : undefined;
}

/** fmt.Sprint of a scalar env value. */
function goString(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function servicePort(p: unknown): Obj {
  const out = newObj();
  for (const k of ['name', 'port', 'nodePort', 'targetPort', 'protocol']) {
    const v = own(p, k);
    if (v !== undefined && v !== null && v !== '' && v !== 0) out[k] = clone(v);
  }
  return out;
}

/** The 1.11 charts' podAntiAffinity helper: comma-separated values, weight 100 for preferred terms. */
function antiAffinity(required: unknown, preferred: unknown): Obj | undefined {
  const term = (s: unknown): Obj => {
    const values = own(s, 'values');
    const expr = newObj();
    expr['key'] = own(s, 'key');
    expr['operator'] = own(s, 'operator');
    if (typeof values === 'string' && values !== '') expr['values'] = values.split(',');
    return { labelSelector: { matchExpressions: [expr] }, topologyKey: own(s, 'topologyKey') };
  };
  const anti = newObj();
  if (Array.isArray(required) && required.length > 0) anti['requiredDuringSchedulingIgnoredDuringExecution'] = required.map(term);
  if (Array.isArray(preferred) && preferred.length > 0) {
    anti['preferredDuringSchedulingIgnoredDuringExecution'] = preferred.map((s) => ({ weight: 100, podAffinityTerm: term(s) }));
  }
  return Object.keys(anti).length > 0 ? { podAntiAffinity: anti } : undefined;
}
