// The IstioOperator custom resource (install.istio.io/v1alpha1) of Istio 1.11: object, spec,
// components and status.
import { obj, str, bool, enumOf, mapOf, list, ref, def, freeObj, any } from './dsl.mjs';

const d = (name) => `#/definitions/${name}`;
const k8sSpec = (description) => ref('k8s.schema.json#/definitions/KubernetesResourcesSpec', description);
const tag = (description) => ({ description, anyOf: [{ type: 'string' }, { type: 'number' }] });
const enabled = (description) => bool(description);

const definitions = {};
function add(name, node) {
  definitions[name] = def(name, node);
}

add('BaseComponentSpec', obj('Settings of the base component (CRDs, cluster roles, service accounts).', {
  enabled: enabled('Whether the component is rendered.'),
  k8s: ref('k8s.schema.json#/definitions/OverlaysOnlySpec', 'Kubernetes settings; base renders no Deployment, so only overlays apply.'),
}));
add('ComponentSpec', obj('Settings of one control plane component.', {
  enabled: enabled('Whether the component is rendered.'),
  namespace: str('Namespace of the component; default the IstioOperator namespace.'),
  hub: str('Image registry of the component; default spec.hub.'),
  tag: tag('Image tag of the component; default spec.tag.'),
  spec: any('Unused by the installer; kept for compatibility.'),
  k8s: k8sSpec('Kubernetes settings of the component\'s resources.'),
}));
add('CniComponentSpec', obj('Settings of the CNI component.', {
  enabled: enabled('Whether the component is rendered (also sets values.istio_cni.enabled for the injector).'),
  namespace: str('Namespace of the component; default the IstioOperator namespace (commonly kube-system).'),
  hub: str('Image registry of install-cni; default spec.hub.'),
  tag: tag('Image tag of install-cni; default spec.tag.'),
  spec: any('Unused by the installer; kept for compatibility.'),
  k8s: ref('k8s.schema.json#/definitions/CniKubernetesResourcesSpec', 'Kubernetes settings of the istio-cni-node DaemonSet.'),
}));
add('IstiodRemoteComponentSpec', obj('Settings of the istiodRemote component (webhooks and RBAC for a cluster served by an external istiod).', {
  enabled: enabled('Whether the component is rendered.'),
  namespace: str('Namespace of the component; default the IstioOperator namespace.'),
  hub: str('Image registry; also overrides global.hub of every chart when set (1.11 behaviour).'),
  tag: tag('Image tag; also overrides global.tag of every chart when set (1.11 behaviour).'),
  spec: any('Unused by the installer; kept for compatibility.'),
  k8s: ref('k8s.schema.json#/definitions/OverlaysOnlySpec', 'Kubernetes settings; istiodRemote renders no Deployment, so only overlays apply.'),
}));
add('GatewaySpec', obj('One ingress or egress gateway; entries are merged by name.', {
  enabled: enabled('Whether the gateway is rendered.'),
  namespace: str('Namespace of the gateway; default the IstioOperator namespace.'),
  name: str('Name of the gateway Deployment and Service; lower-case letters, digits, "-" and ".".'),
  label: mapOf({ type: 'string' }, 'Labels of the gateway pods and Service selector, merged with the chart\'s app/istio labels.'),
  hub: str('Accepted but not used by Istio 1.11 for gateways.'),
  tag: tag('Accepted but not used by Istio 1.11 for gateways.'),
  k8s: k8sSpec('Kubernetes settings of the gateway\'s resources.'),
}));
add('ExternalComponentSpec', obj('A removed addon component (addonComponents).', {
  enabled: enabled('Whether the addon is rendered; true is an error for the removed addons.'),
  namespace: str('Namespace of the addon.'),
  spec: any('Addon settings.'),
  chartPath: str('Chart of the addon.'),
  schema: any('Schema of the addon settings.'),
  k8s: k8sSpec('Kubernetes settings of the addon.'),
}));
add('IstioComponentSetSpec', obj('Per-component settings.', {
  base: ref(d('BaseComponentSpec'), 'CRDs and cluster-wide RBAC (chart base).'),
  pilot: ref(d('ComponentSpec'), 'istiod (chart istio-control/istio-discovery).'),
  cni: ref(d('CniComponentSpec'), 'Istio CNI plugin (chart cni).'),
  istiodRemote: ref(d('IstiodRemoteComponentSpec'), 'Webhooks and RBAC of a cluster served by an external istiod (chart istiod-remote).'),
  ingressGateways: list(ref(d('GatewaySpec'), 'A gateway.'), 'Ingress gateways (chart gateways/istio-ingress, once per entry).'),
  egressGateways: list(ref(d('GatewaySpec'), 'A gateway.'), 'Egress gateways (chart gateways/istio-egress, once per entry).'),
}));

const STATUS = ['NONE', 'UPDATING', 'RECONCILING', 'HEALTHY', 'ERROR', 'ACTION_REQUIRED'];
add('InstallStatus', obj('Install status written by the in-cluster operator.', {
  status: enumOf(STATUS, 'Overall status.'),
  message: str('Human-readable detail.'),
  componentStatus: mapOf(obj('Status of one component.', {
    version: str('Installed version.'),
    status: enumOf(STATUS, 'Component status.'),
    error: str('Last error.'),
  }), 'Status per component name.'),
}));

add('IstioOperatorSpec', obj('What to install and how.', {
  profile: str('Built-in profile name or path of a profile file; empty means default.'),
  installPackagePath: str('Local directory with charts/ and profiles/, or URL of a release archive.'),
  hub: str('Default image registry, e.g. docker.io/istio.'),
  tag: tag('Default image tag, e.g. 1.11.8; numbers are accepted and printed as is.'),
  resourceSuffix: str('Never implemented; ignored.', { 'x-deprecated': 'nothing: the field was never implemented' }),
  namespace: str('Namespace of the control plane; default values.global.istioNamespace.'),
  revision: str('Control plane revision, a DNS-1123 label; empty is the default revision.'),
  defaultRevision: bool('Accepted but not read by Istio 1.11.'),
  meshConfig: ref('mesh-config.schema.json#/definitions/MeshConfig', 'Mesh configuration written to the istio ConfigMap.'),
  components: ref(d('IstioComponentSetSpec'), 'Per-component settings.'),
  addonComponents: mapOf(ref(d('ExternalComponentSpec'), 'An addon.'), 'Removed addon components, by name.', { 'x-deprecated': 'the samples/addons/ deployments' }),
  values: ref('values.schema.json', 'Helm values passed to the charts; overrides the fields above.'),
  unvalidatedValues: freeObj('Helm values passed to the charts without any validation; applied last.'),
}));

export const istioOperatorSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'istio-operator.schema.json',
  title: 'IstioOperator',
  description: 'An IstioOperator (install.istio.io/v1alpha1) as Istio 1.11 accepts it.',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: enumOf(['install.istio.io/v1alpha1'], 'API group and version.'),
    kind: enumOf(['IstioOperator'], 'Resource kind.'),
    metadata: ref('k8s.schema.json#/definitions/ObjectMeta', 'Name and namespace of the resource.'),
    spec: ref(d('IstioOperatorSpec'), 'What to install.'),
    status: ref(d('InstallStatus'), 'Install status written by the in-cluster operator.'),
  },
  definitions,
};
