// The values of the gateway chart (charts/gateway): a root of its own, not the 1.11
// `gateways.*` values. The chart renders one gateway whose proxy container istiod's "gateway"
// injection template fills in (`image: auto`), as a Deployment or a DaemonSet, with its Service,
// ServiceAccount, SDS Role and RoleBinding, HorizontalPodAutoscaler and PodDisruptionBudget.
// The Kubernetes settings set `k8s` (K8sSettings) is applied last, over everything else.
// The IstioOperator translation maps gateways.* and components.{ingress,egress}Gateways[i] onto it.
import { obj, str, bool, int, enumOf, strList, strMap, list, ref, def } from './dsl.mjs';
import { k8sSchema } from './k8s.mjs';

const k8s = (name) => `k8s.schema.json#/definitions/${name}`;

/** A node of k8s.schema.json with its local references pointed at that file. */
const fromK8sFile = (node) => JSON.parse(JSON.stringify(node).replaceAll('"#/definitions/', '"k8s.schema.json#/definitions/'));

// K8sSettings, except that `strategy` also takes a DaemonSet updateStrategy (type OnDelete),
// since the same block serves both workload kinds.
const k8sSettings = k8sSchema.definitions.K8sSettings;
const gatewayK8sSettings = def('GatewayK8sSettings', obj(
  `${k8sSettings.description} For the gateway chart: the main container is istio-proxy; replicaCount, hpaSpec and podDisruptionBudget do nothing for a DaemonSet.`,
  {
    ...fromK8sFile(k8sSettings.properties),
    strategy: {
      description: 'Merged into the Deployment strategy, or for kind DaemonSet into its updateStrategy (type OnDelete allowed there); a type other than RollingUpdate drops the chart\'s rollingUpdate.',
      anyOf: [{ $ref: k8s('DeploymentStrategy') }, { $ref: k8s('DaemonSetUpdateStrategy') }],
    },
  },
));

/** A DNS-1123 label (lower case letters, digits, '-'; at most 63), or empty. */
const DNS_LABEL_OR_EMPTY = '^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?$';

const defaultPorts = [
  { name: 'status-port', port: 15021, protocol: 'TCP', targetPort: 15021 },
  { name: 'http2', port: 80, protocol: 'TCP', targetPort: 80 },
  { name: 'https', port: 443, protocol: 'TCP', targetPort: 443 },
];

const gatewayChartValues = def('GatewayChartValues', obj(
  'Values of the gateway chart: one Istio gateway (ingress, egress or east-west) whose proxy is injected by istiod. Unknown keys are errors.',
  {
    name: str('Name of the gateway: the name of every object and the default `app` label. Empty: the release name ("RELEASE-NAME" and "release-name" count as unset), else "istio-ingressgateway".', {
      default: '',
      pattern: DNS_LABEL_OR_EMPTY,
    }),
    kind: enumOf(['Deployment', 'DaemonSet'], 'Workload kind. A DaemonSet runs one gateway pod per node and gets no HorizontalPodAutoscaler, PodDisruptionBudget or replica count.', {
      default: 'Deployment',
    }),
    revision: str('Control plane revision that injects the proxy: the pod label `istio.io/rev` (also set on every object). Empty: the default revision.', {
      default: '',
      pattern: DNS_LABEL_OR_EMPTY,
    }),
    labels: strMap('Labels of every object and of the pod. `app` and `istio` here replace the selector labels (defaults: the gateway name, and the name without an "istio-" prefix).', {
      default: {},
    }),
    annotations: strMap('Annotations of the Deployment or DaemonSet.', { default: {} }),
    serviceAccount: obj('The gateway\'s ServiceAccount.', {
      create: bool('Whether the chart creates the ServiceAccount.', { default: true }),
      name: str('Name of the ServiceAccount. Empty: the gateway name when created, else "default".', { default: '' }),
      annotations: strMap('Annotations of the ServiceAccount.', { default: {} }),
    }),
    rbac: obj('Role-based access control.', {
      enabled: bool('Whether to render the Role and RoleBinding "<name>-sds" that let the gateway read the Secrets of its namespace (get, watch, list) to serve their certificates over SDS.', {
        default: true,
      }),
    }),
    imagePullSecrets: list(ref(k8s('LocalObjectReference'), 'A Secret holding registry credentials.'), 'Image pull secrets of the pod.', {
      default: [],
    }),
    service: obj('The gateway\'s Service (k8s.service and k8s.serviceAnnotations are merged over it).', {
      type: enumOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'None'], 'Service type; None renders no Service.', { default: 'LoadBalancer' }),
      ports: list(ref(k8s('ServicePort'), 'A port.'), 'Ports of the Service; replaced by 15021, 15443, 15012 and 15017 when networkGateway is set.', {
        default: defaultPorts,
      }),
      annotations: strMap('Annotations of the Service.', { default: {} }),
      loadBalancerIP: str('Requested load balancer IP (type LoadBalancer only); empty leaves it to the provider.', { default: '' }),
      loadBalancerSourceRanges: strList('CIDRs allowed through the load balancer (type LoadBalancer only); empty allows all.', { default: [] }),
      externalTrafficPolicy: enumOf(['', 'Cluster', 'Local'], 'External traffic policy (types NodePort and LoadBalancer only); empty leaves the Kubernetes default (Cluster).', {
        default: '',
      }),
    }),
    autoscaling: obj('HorizontalPodAutoscaler of a Deployment (k8s.hpaSpec is merged over its spec).', {
      enabled: bool('Whether to render the HorizontalPodAutoscaler (never for a DaemonSet).', { default: true }),
      minReplicas: int('Fewest replicas.', { default: 1, minimum: 1 }),
      maxReplicas: int('Most replicas.', { default: 5, minimum: 1 }),
      targetCPUUtilizationPercentage: int('Average CPU utilization the autoscaler aims at, in percent of the CPU request.', {
        default: 80,
        minimum: 1,
      }),
    }),
    podDisruptionBudget: obj('PodDisruptionBudget of a Deployment: minAvailable 1 over the selector labels (k8s.podDisruptionBudget is merged over it).', {
      enabled: bool('Whether to render the PodDisruptionBudget (never for a DaemonSet).', { default: true }),
    }),
    networkGateway: str('Network name of a multi-network (east-west) gateway. When set: label topology.istio.io/network on every object and the pod, env ISTIO_META_REQUESTED_NETWORK_VIEW, and Service ports 15021, 15443, 15012 and 15017.', {
      default: '',
    }),
    k8s: ref('#/definitions/GatewayK8sSettings', 'Kubernetes settings of the gateway workload (main container istio-proxy), its Service, HorizontalPodAutoscaler and PodDisruptionBudget, applied last (IstioOperator components.ingressGateways[].k8s without overlays). replicaCount, hpaSpec and podDisruptionBudget do nothing for a DaemonSet; strategy goes into its updateStrategy.', {
      default: {},
    }),
  },
));

export const gatewayChartSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'gateway-chart.schema.json',
  title: 'GatewayChartTypes',
  description: 'Values of the gateway chart (charts/gateway), a root of its own; Kubernetes types come from k8s.schema.json.',
  definitions: { GatewayChartValues: gatewayChartValues, GatewayK8sSettings: gatewayK8sSettings },
};
