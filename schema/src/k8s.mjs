// KubernetesResourcesSpec (`components.X.k8s`) and the Kubernetes API types it embeds, as Istio 1.11's
// operator API defines them (Kubernetes 1.22 field lists for the core/v1 types; autoscaling/v2beta1
// metric sources; istio's own wrappers for Resources, ReadinessProbe, ServiceSpec, ServicePort,
// PodDisruptionBudgetSpec and DeploymentStrategy).
import { obj, str, bool, int, int64, uint, enumOf, strList, strMap, list, mapOf, ref, def, freeObj, any } from './dsl.mjs';

const d = (name) => `#/definitions/${name}`;

const definitions = {};
function add(name, node) {
  definitions[name] = def(name, node);
}

// ---- shared scalar shapes ----
add('Quantity', {
  description: 'A Kubernetes resource quantity such as "100m", "128Mi", "1.5", "2e3"; a plain number is also accepted.',
  anyOf: [
    { type: 'string', pattern: '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$' },
    { type: 'number' },
  ],
});
add('IntOrString', {
  description: 'A whole number or a string (a named port, or a percentage such as "25%").',
  anyOf: [{ type: 'integer' }, { type: 'string' }],
});

// ---- meta/v1 ----
add('LabelSelectorRequirement', obj('One requirement of a label selector.', {
  key: str('Label key the requirement applies to.'),
  operator: enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist'], 'How the key relates to the values.'),
  values: strList('Values for In and NotIn; empty for Exists and DoesNotExist.'),
}, { required: ['key', 'operator'] }));
add('LabelSelector', obj('Selects objects by their labels; all conditions must hold.', {
  matchLabels: strMap('Labels that must be present with exactly these values.'),
  matchExpressions: list(ref(d('LabelSelectorRequirement'), 'A label requirement.'), 'Set-based label requirements.'),
}));
add('ObjectMeta', obj('Kubernetes object metadata.', {
  name: str('Object name, unique within its namespace.'),
  namespace: str('Namespace of the object; for an IstioOperator, where the control plane is installed.'),
  generateName: str('Prefix for a server-generated name.'),
  labels: strMap('Labels of the object.'),
  annotations: strMap('Annotations of the object.'),
  uid: str('Server-assigned unique id.'),
  resourceVersion: str('Server-assigned version for optimistic concurrency.'),
  generation: int64('Server-assigned sequence number of the desired state.'),
  creationTimestamp: { description: 'Server-assigned creation time (RFC 3339).', anyOf: [{ type: 'string' }, { type: 'null' }] },
  deletionTimestamp: str('Server-assigned time at which the object will be deleted (RFC 3339).'),
  deletionGracePeriodSeconds: int64('Seconds the object has to terminate gracefully.'),
  selfLink: str('Deprecated server-assigned URL of the object.'),
  finalizers: strList('Finalizers that must run before the object is deleted.'),
  ownerReferences: list(obj('An object this one depends on.', {
    apiVersion: str('API version of the owner.'),
    kind: str('Kind of the owner.'),
    name: str('Name of the owner.'),
    uid: str('UID of the owner.'),
    controller: bool('Whether the owner is the managing controller.'),
    blockOwnerDeletion: bool('Whether the owner cannot be deleted before this object.'),
  }), 'Objects that own this one.'),
  managedFields: list(freeObj('One field-manager entry written by the API server.'), 'Field ownership written by server-side apply.'),
  clusterName: str('Cluster name (unused by Kubernetes itself).'),
}));

// ---- core/v1: affinity ----
add('NodeSelectorRequirement', obj('One requirement on node labels or fields.', {
  key: str('Label or field key.'),
  operator: enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'], 'How the key relates to the values.'),
  values: strList('Values to compare with; one integer-like value for Gt and Lt.'),
}, { required: ['key', 'operator'] }));
add('NodeSelectorTerm', obj('Node requirements that must all hold.', {
  matchExpressions: list(ref(d('NodeSelectorRequirement'), 'A node label requirement.'), 'Requirements on node labels.'),
  matchFields: list(ref(d('NodeSelectorRequirement'), 'A node field requirement.'), 'Requirements on node fields.'),
}));
add('NodeSelector', obj('Node selector terms; a node matches if any term matches.', {
  nodeSelectorTerms: list(ref(d('NodeSelectorTerm'), 'A node selector term.'), 'Terms ORed together.'),
}, { required: ['nodeSelectorTerms'] }));
add('PreferredSchedulingTerm', obj('A weighted node preference.', {
  weight: int('Weight in the range 1-100.', { minimum: 1, maximum: 100 }),
  preference: ref(d('NodeSelectorTerm'), 'The node selector term.'),
}, { required: ['weight', 'preference'] }));
add('NodeAffinity', obj('Node affinity scheduling rules.', {
  requiredDuringSchedulingIgnoredDuringExecution: ref(d('NodeSelector'), 'Hard node requirements.'),
  preferredDuringSchedulingIgnoredDuringExecution: list(ref(d('PreferredSchedulingTerm'), 'A weighted preference.'), 'Soft node preferences.'),
}));
add('PodAffinityTerm', obj('Pods (selected by labels and namespaces) that must or must not share a topology domain.', {
  labelSelector: ref(d('LabelSelector'), 'Which pods the term refers to.'),
  namespaces: strList('Namespaces the label selector applies to; empty means the pod\'s own namespace.'),
  namespaceSelector: ref(d('LabelSelector'), 'Namespaces, by label, the label selector applies to.'),
  topologyKey: str('Node label whose value defines the topology domain, e.g. kubernetes.io/hostname.'),
}, { required: ['topologyKey'] }));
add('WeightedPodAffinityTerm', obj('A weighted pod (anti-)affinity preference.', {
  weight: int('Weight in the range 1-100.', { minimum: 1, maximum: 100 }),
  podAffinityTerm: ref(d('PodAffinityTerm'), 'The pod affinity term.'),
}, { required: ['weight', 'podAffinityTerm'] }));
for (const [name, what] of [['PodAffinity', 'co-locate with'], ['PodAntiAffinity', 'keep away from']]) {
  add(name, obj(`Rules to ${what} other pods.`, {
    requiredDuringSchedulingIgnoredDuringExecution: list(ref(d('PodAffinityTerm'), 'A hard term.'), 'Hard rules.'),
    preferredDuringSchedulingIgnoredDuringExecution: list(ref(d('WeightedPodAffinityTerm'), 'A weighted term.'), 'Soft rules.'),
  }));
}
add('Affinity', obj('Pod scheduling constraints (spec.template.spec.affinity).', {
  nodeAffinity: ref(d('NodeAffinity'), 'Rules on the nodes the pod may run on.'),
  podAffinity: ref(d('PodAffinity'), 'Rules to run near other pods.'),
  podAntiAffinity: ref(d('PodAntiAffinity'), 'Rules to run away from other pods.'),
}));

// ---- core/v1: env ----
add('ObjectFieldSelector', obj('Selects a field of the pod.', {
  apiVersion: str('Schema version of fieldPath, default v1.'),
  fieldPath: str('Path of the field, e.g. metadata.name or status.podIP.'),
}, { required: ['fieldPath'] }));
add('ResourceFieldSelector', obj('Selects a resource request or limit of a container.', {
  containerName: str('Container name; required for volumes.'),
  resource: str('Resource to select, e.g. limits.cpu or requests.memory.'),
  divisor: ref(d('Quantity'), 'Unit the value is divided by, default 1.'),
}, { required: ['resource'] }));
add('ConfigMapKeySelector', obj('Selects a key of a ConfigMap.', {
  name: str('ConfigMap name.'),
  key: str('Key to select.'),
  optional: bool('Whether the ConfigMap or key may be missing.'),
}, { required: ['key'] }));
add('SecretKeySelector', obj('Selects a key of a Secret.', {
  name: str('Secret name.'),
  key: str('Key to select.'),
  optional: bool('Whether the Secret or key may be missing.'),
}, { required: ['key'] }));
add('EnvVarSource', obj('Where an environment variable takes its value from.', {
  fieldRef: ref(d('ObjectFieldSelector'), 'A field of the pod.'),
  resourceFieldRef: ref(d('ResourceFieldSelector'), 'A resource of the container.'),
  configMapKeyRef: ref(d('ConfigMapKeySelector'), 'A key of a ConfigMap.'),
  secretKeyRef: ref(d('SecretKeySelector'), 'A key of a Secret.'),
}));
add('EnvVar', obj('An environment variable of a container.', {
  name: str('Variable name.'),
  value: str('Literal value; $(VAR) references are expanded by Kubernetes.'),
  valueFrom: ref(d('EnvVarSource'), 'Source of the value when not literal.'),
}, { required: ['name'] }));

// ---- autoscaling/v2beta1 (the HPA version Istio 1.11 renders) ----
add('CrossVersionObjectReference', obj('Reference to the scaled object.', {
  kind: str('Kind of the referent, e.g. Deployment.'),
  name: str('Name of the referent.'),
  apiVersion: str('API version of the referent, e.g. apps/v1.'),
}));
add('ObjectMetricSource', obj('A metric describing a single Kubernetes object.', {
  target: ref(d('CrossVersionObjectReference'), 'The described object.'),
  metricName: str('Metric name.'),
  targetValue: ref(d('Quantity'), 'Target value of the metric.'),
  selector: ref(d('LabelSelector'), 'Label selector narrowing the metric.'),
  averageValue: ref(d('Quantity'), 'Target value averaged over the pods.'),
}, { required: ['target', 'metricName', 'targetValue'] }));
add('PodsMetricSource', obj('A metric averaged over the scaled pods.', {
  metricName: str('Metric name.'),
  targetAverageValue: ref(d('Quantity'), 'Target average value.'),
  selector: ref(d('LabelSelector'), 'Label selector narrowing the metric.'),
}, { required: ['metricName', 'targetAverageValue'] }));
add('ResourceMetricSource', obj('A resource metric (cpu, memory) of the scaled pods.', {
  name: str('Resource name, e.g. cpu.'),
  targetAverageUtilization: int('Target utilization in percent of the requests.'),
  targetAverageValue: ref(d('Quantity'), 'Target average raw value.'),
}, { required: ['name'] }));
add('ContainerResourceMetricSource', obj('A resource metric of one container of the scaled pods.', {
  name: str('Resource name, e.g. cpu.'),
  targetAverageUtilization: int('Target utilization in percent of the requests.'),
  targetAverageValue: ref(d('Quantity'), 'Target average raw value.'),
  container: str('Container name.'),
}, { required: ['name', 'container'] }));
add('ExternalMetricSource', obj('A metric not associated with any Kubernetes object.', {
  metricName: str('Metric name.'),
  metricSelector: ref(d('LabelSelector'), 'Label selector narrowing the metric.'),
  targetValue: ref(d('Quantity'), 'Target value.'),
  targetAverageValue: ref(d('Quantity'), 'Target value per pod.'),
}, { required: ['metricName'] }));
add('MetricSpec', obj('One metric the autoscaler follows.', {
  type: enumOf(['Object', 'Pods', 'Resource', 'ContainerResource', 'External'], 'Which source field is used.'),
  object: ref(d('ObjectMetricSource'), 'Source for type Object.'),
  pods: ref(d('PodsMetricSource'), 'Source for type Pods.'),
  resource: ref(d('ResourceMetricSource'), 'Source for type Resource.'),
  containerResource: ref(d('ContainerResourceMetricSource'), 'Source for type ContainerResource.'),
  external: ref(d('ExternalMetricSource'), 'Source for type External.'),
}, { required: ['type'] }));
add('HorizontalPodAutoscalerSpec', obj('HorizontalPodAutoscaler spec (autoscaling/v2beta1).', {
  scaleTargetRef: ref(d('CrossVersionObjectReference'), 'The object to scale.'),
  minReplicas: int('Lower replica bound (at least 1).', { minimum: 0 }),
  maxReplicas: int('Upper replica bound.', { minimum: 0 }),
  metrics: list(ref(d('MetricSpec'), 'A metric.'), 'Metrics used to compute the replica count.'),
}));

// ---- policy/v1beta1 PodDisruptionBudgetSpec (istio wrapper) ----
add('PodDisruptionBudgetSpec', obj('PodDisruptionBudget spec; when both minAvailable and maxUnavailable end up set, minAvailable is dropped.', {
  minAvailable: ref(d('IntOrString'), 'Pods that must stay available: a number or a percentage.'),
  selector: ref(d('LabelSelector'), 'Pods the budget covers.'),
  maxUnavailable: ref(d('IntOrString'), 'Pods that may be unavailable: a number or a percentage.'),
}));

// ---- probes ----
// Probe, HPA and other k8s settings are strategically merged into the rendered objects, so a
// partial object (e.g. only readinessProbe.httpGet.path) is valid; `required` is kept only inside
// lists that replace the chart's list wholesale and on merge keys.
add('ExecAction', obj('Runs a command in the container.', {
  command: strList('Command and arguments; not run in a shell.'),
}));
add('HTTPHeader', obj('An HTTP header.', {
  name: str('Header name.'),
  value: str('Header value.'),
}, { required: ['name', 'value'] }));
add('HTTPGetAction', obj('Performs an HTTP GET.', {
  path: str('Request path.'),
  port: ref(d('IntOrString'), 'Port number or name.'),
  host: str('Host to connect to, default the pod IP.'),
  scheme: enumOf(['HTTP', 'HTTPS'], 'Connection scheme.'),
  httpHeaders: list(ref(d('HTTPHeader'), 'A header.'), 'Custom request headers.'),
}));
add('TCPSocketAction', obj('Opens a TCP connection.', {
  port: ref(d('IntOrString'), 'Port number or name.'),
  host: str('Host to connect to, default the pod IP.'),
}));
add('ReadinessProbe', obj('Readiness probe of the component\'s main container.', {
  exec: ref(d('ExecAction'), 'Probe by running a command.'),
  httpGet: ref(d('HTTPGetAction'), 'Probe by HTTP GET.'),
  tcpSocket: ref(d('TCPSocketAction'), 'Probe by TCP connect.'),
  initialDelaySeconds: int('Seconds after start before the first probe.', { minimum: 0 }),
  timeoutSeconds: int('Seconds before a probe times out.', { minimum: 0 }),
  periodSeconds: int('Seconds between probes.', { minimum: 0 }),
  successThreshold: int('Consecutive successes to count as ready.', { minimum: 0 }),
  failureThreshold: int('Consecutive failures to count as not ready.', { minimum: 0 }),
}));

add('LifecycleHandler', obj('An action run at a container lifecycle event; set one field.', {
  exec: ref(d('ExecAction'), 'Run a command.'),
  httpGet: ref(d('HTTPGetAction'), 'Perform an HTTP GET.'),
  tcpSocket: ref(d('TCPSocketAction'), 'Open a TCP connection (deprecated for lifecycle hooks).'),
}));
add('Lifecycle', obj('Container lifecycle hooks.', {
  postStart: ref(d('LifecycleHandler'), 'Runs right after the container starts.'),
  preStop: ref(d('LifecycleHandler'), 'Runs before the container is stopped.'),
}));

// ---- resources ----
add('Resources', obj('Compute resources of a container.', {
  limits: mapOf(ref(d('Quantity'), 'A quantity.'), 'Maximum amounts, by resource name (cpu, memory, ...).'),
  requests: mapOf(ref(d('Quantity'), 'A quantity.'), 'Guaranteed amounts, by resource name (cpu, memory, ...).'),
}));

// ---- service ----
add('ServicePort', obj('A port of the Service.', {
  name: str('Port name; required when the Service has several ports.'),
  protocol: enumOf(['TCP', 'UDP', 'SCTP'], 'IP protocol, default TCP.'),
  port: int('Port exposed by the Service.', { minimum: 0, maximum: 65535 }),
  targetPort: ref(d('IntOrString'), 'Container port number or name the traffic goes to; default the same as port.'),
  nodePort: int('Port on every node for NodePort and LoadBalancer Services.', { minimum: 0, maximum: 65535 }),
}));
add('SessionAffinityConfig', obj('Session affinity settings.', {
  clientIP: obj('ClientIP affinity settings.', {
    timeoutSeconds: int('Seconds a session sticks, 1-86400, default 10800.', { minimum: 0, maximum: 86400 }),
  }),
}));
add('ServiceSpec', obj('Service spec of the component (merged into the rendered Service).', {
  ports: list(ref(d('ServicePort'), 'A port.'), 'Ports the Service exposes.'),
  selector: strMap('Pods the Service routes to.'),
  clusterIP: str('Cluster IP, "None" for a headless Service.'),
  type: enumOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], 'How the Service is exposed.'),
  externalIPs: strList('Extra IPs the nodes accept traffic for.'),
  sessionAffinity: enumOf(['ClientIP', 'None'], 'Session affinity.'),
  loadBalancerIP: str('Requested load balancer IP.'),
  loadBalancerSourceRanges: strList('CIDRs allowed through the load balancer.'),
  externalName: str('DNS name for an ExternalName Service.'),
  externalTrafficPolicy: enumOf(['Cluster', 'Local'], 'Whether external traffic goes to node-local endpoints only.'),
  healthCheckNodePort: int('Node port for load balancer health checks.', { minimum: 0, maximum: 65535 }),
  publishNotReadyAddresses: bool('Publish endpoints of pods that are not ready.'),
  sessionAffinityConfig: ref(d('SessionAffinityConfig'), 'Session affinity settings.'),
}));

// ---- apps/v1 strategy ----
add('DeploymentStrategy', obj('How a Deployment replaces its pods.', {
  type: enumOf(['Recreate', 'RollingUpdate'], 'Strategy type.'),
  rollingUpdate: obj('Rolling update parameters.', {
    maxUnavailable: ref(d('IntOrString'), 'Pods that may be unavailable during the update: number or percentage.'),
    maxSurge: ref(d('IntOrString'), 'Pods above the desired count during the update: number or percentage.'),
  }),
}));

// ---- tolerations ----
add('Toleration', obj('Lets a pod schedule onto nodes with a matching taint.', {
  key: str('Taint key; empty with operator Exists matches all taints.'),
  operator: enumOf(['Exists', 'Equal'], 'How key and value are compared, default Equal.'),
  value: str('Taint value for operator Equal.'),
  effect: enumOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute', ''], 'Taint effect to match; empty matches all.'),
  tolerationSeconds: int64('For NoExecute: seconds the pod stays bound after the taint appears.'),
}));

// ---- pod security context ----
add('SELinuxOptions', obj('SELinux labels.', {
  user: str('SELinux user.'),
  role: str('SELinux role.'),
  type: str('SELinux type.'),
  level: str('SELinux level.'),
}));
add('WindowsSecurityContextOptions', obj('Windows-specific security settings.', {
  gmsaCredentialSpecName: str('Name of the GMSA credential spec resource.'),
  gmsaCredentialSpec: str('Inlined GMSA credential spec.'),
  runAsUserName: str('Windows user name to run as.'),
  hostProcess: bool('Run as a host process container.'),
}));
add('SeccompProfile', obj('Seccomp profile.', {
  type: enumOf(['Localhost', 'RuntimeDefault', 'Unconfined'], 'Kind of profile.'),
  localhostProfile: str('Profile file on the node, for type Localhost.'),
}, { required: ['type'] }));
add('Sysctl', obj('A namespaced kernel parameter.', {
  name: str('Parameter name, e.g. net.ipv4.ip_unprivileged_port_start.'),
  value: str('Parameter value.'),
}, { required: ['name', 'value'] }));
add('PodSecurityContext', obj('Pod-level security settings (spec.template.spec.securityContext).', {
  seLinuxOptions: ref(d('SELinuxOptions'), 'SELinux labels for all containers.'),
  windowsOptions: ref(d('WindowsSecurityContextOptions'), 'Windows settings for all containers.'),
  runAsUser: int64('User id the container processes run as.'),
  runAsGroup: int64('Primary group id of the container processes.'),
  runAsNonRoot: bool('Refuse to start containers that would run as root.'),
  supplementalGroups: list({ type: 'integer' }, 'Extra group ids of the first process.'),
  fsGroup: int64('Group that owns mounted volumes.'),
  sysctls: list(ref(d('Sysctl'), 'A sysctl.'), 'Namespaced sysctls set for the pod.'),
  fsGroupChangePolicy: enumOf(['OnRootMismatch', 'Always'], 'When volume ownership is changed to fsGroup.'),
  seccompProfile: ref(d('SeccompProfile'), 'Seccomp profile of all containers.'),
}));

// ---- volumes (core/v1, Kubernetes 1.22) ----
add('KeyToPath', obj('Maps a key to a file path in the volume.', {
  key: str('Key to project.'),
  path: str('Relative file path.'),
  mode: int('File mode bits (0-0777).', { minimum: 0, maximum: 511 }),
}, { required: ['key', 'path'] }));
add('LocalObjectReference', obj('Reference to an object in the same namespace.', {
  name: str('Object name.'),
}));
add('DownwardAPIVolumeFile', obj('A file holding pod information.', {
  path: str('Relative file path.'),
  fieldRef: ref(d('ObjectFieldSelector'), 'A field of the pod.'),
  resourceFieldRef: ref(d('ResourceFieldSelector'), 'A resource of a container.'),
  mode: int('File mode bits (0-0777).', { minimum: 0, maximum: 511 }),
}, { required: ['path'] }));
const defaultMode = () => int('Default file mode bits (0-0777).', { minimum: 0, maximum: 511 });
const readOnly = () => bool('Mount read-only.');
const fsType = () => str('Filesystem type, e.g. ext4.');
const secretRef = () => ref(d('LocalObjectReference'), 'Secret with credentials.');
add('VolumeProjection', obj('One source of a projected volume.', {
  secret: obj('Secret projection.', {
    name: str('Secret name.'),
    items: list(ref(d('KeyToPath'), 'A key mapping.'), 'Keys to project; all when empty.'),
    optional: bool('Whether the Secret may be missing.'),
  }),
  configMap: obj('ConfigMap projection.', {
    name: str('ConfigMap name.'),
    items: list(ref(d('KeyToPath'), 'A key mapping.'), 'Keys to project; all when empty.'),
    optional: bool('Whether the ConfigMap may be missing.'),
  }),
  downwardAPI: obj('Downward API projection.', {
    items: list(ref(d('DownwardAPIVolumeFile'), 'A file.'), 'Files to create.'),
  }),
  serviceAccountToken: obj('Service account token projection.', {
    audience: str('Intended audience of the token.'),
    expirationSeconds: int64('Requested token lifetime in seconds.'),
    path: str('Relative file path.'),
  }, { required: ['path'] }),
}));
add('Volume', obj('A pod volume (core/v1, Kubernetes 1.22): a name and exactly one source.', {
  name: str('Volume name, referenced by volume mounts.'),
  hostPath: obj('A file or directory of the node.', {
    path: str('Path on the node.'),
    type: enumOf(['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'], 'Expected kind of path.'),
  }, { required: ['path'] }),
  emptyDir: obj('A temporary directory that lives as long as the pod.', {
    medium: str('Storage medium: empty (node default), Memory, or HugePages[-<size>].'),
    sizeLimit: ref(d('Quantity'), 'Size limit.'),
  }),
  gcePersistentDisk: obj('A GCE persistent disk.', {
    pdName: str('Disk name.'), fsType: fsType(), partition: int('Partition number.'), readOnly: readOnly(),
  }, { required: ['pdName'] }),
  awsElasticBlockStore: obj('An AWS EBS volume.', {
    volumeID: str('Volume id.'), fsType: fsType(), partition: int('Partition number.'), readOnly: readOnly(),
  }, { required: ['volumeID'] }),
  gitRepo: obj('A git repository checked out at pod start (deprecated by Kubernetes).', {
    repository: str('Repository URL.'), revision: str('Commit hash.'), directory: str('Target directory.'),
  }, { required: ['repository'] }),
  secret: obj('A Secret.', {
    secretName: str('Secret name.'),
    items: list(ref(d('KeyToPath'), 'A key mapping.'), 'Keys to project; all when empty.'),
    defaultMode: defaultMode(),
    optional: bool('Whether the Secret may be missing.'),
  }),
  nfs: obj('An NFS share.', { server: str('NFS server.'), path: str('Exported path.'), readOnly: readOnly() }, { required: ['server', 'path'] }),
  iscsi: obj('An iSCSI disk.', {
    targetPortal: str('Target portal ip:port.'), iqn: str('Target IQN.'), lun: int('Target LUN.'),
    iscsiInterface: str('iSCSI interface.'), fsType: fsType(), readOnly: readOnly(), portals: strList('Extra portals.'),
    chapAuthDiscovery: bool('CHAP discovery authentication.'), chapAuthSession: bool('CHAP session authentication.'),
    secretRef: secretRef(), initiatorName: str('Custom initiator name.'),
  }, { required: ['targetPortal', 'iqn', 'lun'] }),
  glusterfs: obj('A Glusterfs volume.', { endpoints: str('Endpoints name.'), path: str('Volume path.'), readOnly: readOnly() }, { required: ['endpoints', 'path'] }),
  persistentVolumeClaim: obj('A PersistentVolumeClaim.', { claimName: str('Claim name.'), readOnly: readOnly() }, { required: ['claimName'] }),
  rbd: obj('A Rados block device.', {
    monitors: strList('Ceph monitors.'), image: str('Image name.'), fsType: fsType(), pool: str('Pool.'), user: str('User.'),
    keyring: str('Keyring path.'), secretRef: secretRef(), readOnly: readOnly(),
  }, { required: ['monitors', 'image'] }),
  flexVolume: obj('A FlexVolume driver volume.', {
    driver: str('Driver name.'), fsType: fsType(), secretRef: secretRef(), readOnly: readOnly(), options: strMap('Driver options.'),
  }, { required: ['driver'] }),
  cinder: obj('An OpenStack Cinder volume.', { volumeID: str('Volume id.'), fsType: fsType(), readOnly: readOnly(), secretRef: secretRef() }, { required: ['volumeID'] }),
  cephfs: obj('A CephFS mount.', {
    monitors: strList('Ceph monitors.'), path: str('Root path.'), user: str('User.'), secretFile: str('Secret file path.'),
    secretRef: secretRef(), readOnly: readOnly(),
  }, { required: ['monitors'] }),
  flocker: obj('A Flocker dataset.', { datasetName: str('Dataset name.'), datasetUUID: str('Dataset UUID.') }),
  downwardAPI: obj('Pod information as files.', {
    items: list(ref(d('DownwardAPIVolumeFile'), 'A file.'), 'Files to create.'),
    defaultMode: defaultMode(),
  }),
  fc: obj('A Fibre Channel disk.', {
    targetWWNs: strList('Target world wide names.'), lun: int('Target LUN.'), fsType: fsType(), readOnly: readOnly(), wwids: strList('Volume WWIDs.'),
  }),
  azureFile: obj('An Azure File share.', { secretName: str('Secret with the account key.'), shareName: str('Share name.'), readOnly: readOnly() }, { required: ['secretName', 'shareName'] }),
  configMap: obj('A ConfigMap.', {
    name: str('ConfigMap name.'),
    items: list(ref(d('KeyToPath'), 'A key mapping.'), 'Keys to project; all when empty.'),
    defaultMode: defaultMode(),
    optional: bool('Whether the ConfigMap may be missing.'),
  }),
  vsphereVolume: obj('A vSphere volume.', {
    volumePath: str('Volume path.'), fsType: fsType(), storagePolicyName: str('Storage policy name.'), storagePolicyID: str('Storage policy id.'),
  }, { required: ['volumePath'] }),
  quobyte: obj('A Quobyte volume.', {
    registry: str('Registry address.'), volume: str('Volume name.'), readOnly: readOnly(), user: str('User.'), group: str('Group.'), tenant: str('Tenant.'),
  }, { required: ['registry', 'volume'] }),
  azureDisk: obj('An Azure data disk.', {
    diskName: str('Disk name.'), diskURI: str('Disk URI.'), cachingMode: enumOf(['None', 'ReadOnly', 'ReadWrite'], 'Host caching mode.'),
    fsType: fsType(), readOnly: readOnly(), kind: enumOf(['Shared', 'Dedicated', 'Managed'], 'Disk kind.'),
  }, { required: ['diskName', 'diskURI'] }),
  photonPersistentDisk: obj('A Photon persistent disk.', { pdID: str('Disk id.'), fsType: fsType() }, { required: ['pdID'] }),
  projected: obj('Several sources projected into one directory.', {
    sources: list(ref(d('VolumeProjection'), 'A source.'), 'Projected sources.'),
    defaultMode: defaultMode(),
  }),
  portworxVolume: obj('A Portworx volume.', { volumeID: str('Volume id.'), fsType: fsType(), readOnly: readOnly() }, { required: ['volumeID'] }),
  scaleIO: obj('A ScaleIO volume.', {
    gateway: str('Gateway host.'), system: str('Storage system name.'), secretRef: secretRef(), sslEnabled: bool('Use SSL.'),
    protectionDomain: str('Protection domain.'), storagePool: str('Storage pool.'), storageMode: str('ThickProvisioned or ThinProvisioned.'),
    volumeName: str('Volume name.'), fsType: fsType(), readOnly: readOnly(),
  }, { required: ['gateway', 'system', 'secretRef'] }),
  storageos: obj('A StorageOS volume.', {
    volumeName: str('Volume name.'), volumeNamespace: str('Volume namespace.'), fsType: fsType(), readOnly: readOnly(), secretRef: secretRef(),
  }),
  csi: obj('A CSI driver volume.', {
    driver: str('Driver name.'), readOnly: readOnly(), fsType: fsType(), volumeAttributes: strMap('Driver attributes.'),
    nodePublishSecretRef: secretRef(),
  }, { required: ['driver'] }),
  ephemeral: obj('A generic ephemeral volume backed by a PersistentVolumeClaim template.', {
    volumeClaimTemplate: obj('The claim template.', {
      metadata: freeObj('Labels and annotations copied to the claim.'),
      spec: freeObj('PersistentVolumeClaim spec (not checked in detail).'),
    }, { required: ['spec'] }),
  }),
}, { required: ['name'] }));
add('VolumeMount', obj('Mounts a volume into the container.', {
  name: str('Volume name.'),
  readOnly: bool('Mount read-only.'),
  mountPath: str('Path in the container.'),
  subPath: str('Sub-path of the volume to mount.'),
  mountPropagation: enumOf(['None', 'HostToContainer', 'Bidirectional'], 'Mount propagation mode.'),
  subPathExpr: str('Sub-path with $(VAR) expansion.'),
}, { required: ['name', 'mountPath'] }));

// ---- overlays ----
add('K8sObjectOverlay', obj('Path patches applied to one rendered object, matched by kind and name.', {
  apiVersion: str('API version of the object (not used for matching).'),
  kind: str('Kind of the object, e.g. Deployment.'),
  name: str('Name of the object.'),
  patches: list(obj('One patch.', {
    path: str('Path in the object, in --set syntax (a.b.[key:value].[0]).'),
    value: any('New value; when absent the node at path is deleted.'),
  }), 'Patches applied in order.'),
}));

add('KubernetesResourcesSpec', obj('Kubernetes settings applied to the rendered resources of a component.', {
  affinity: ref(d('Affinity'), 'Pod affinity and anti-affinity.'),
  env: list(ref(d('EnvVar'), 'A variable.'), 'Environment variables of the main container (merged by name).'),
  hpaSpec: ref(d('HorizontalPodAutoscalerSpec'), 'Spec of the HorizontalPodAutoscaler, when one is rendered.'),
  imagePullPolicy: enumOf(['Always', 'Never', 'IfNotPresent'], 'Image pull policy of the main container.'),
  nodeSelector: strMap('Node labels the pods must run on.'),
  podDisruptionBudget: ref(d('PodDisruptionBudgetSpec'), 'Spec of the PodDisruptionBudget, when one is rendered.'),
  podAnnotations: strMap('Annotations of the pod template.'),
  priorityClassName: str('Priority class of the pods.'),
  readinessProbe: ref(d('ReadinessProbe'), 'Readiness probe of the main container.'),
  replicaCount: uint('Replicas of the Deployment (0 leaves the chart value).'),
  resources: ref(d('Resources'), 'Compute resources of the main container.'),
  service: ref(d('ServiceSpec'), 'Service settings.'),
  strategy: ref(d('DeploymentStrategy'), 'Deployment update strategy.'),
  tolerations: list(ref(d('Toleration'), 'A toleration.'), 'Tolerations of the pods (replace the chart\'s).'),
  serviceAnnotations: strMap('Annotations of the Service.'),
  securityContext: ref(d('PodSecurityContext'), 'Pod security context.'),
  volumes: list(ref(d('Volume'), 'A volume.'), 'Pod volumes, merged by name with the chart\'s (Istio 1.11 ignored this setting).'),
  volumeMounts: list(ref(d('VolumeMount'), 'A mount.'), 'Volume mounts of the main container, merged by mountPath with the chart\'s (Istio 1.11 ignored this setting).'),
  overlays: list(ref(d('K8sObjectOverlay'), 'An overlay.'), 'Path patches on rendered objects, applied last.'),
}));

add('OverlaysOnlySpec', obj('Kubernetes settings of a component that renders no Deployment of its own (base, istiodRemote): only overlays apply.', {
  overlays: list(ref(d('K8sObjectOverlay'), 'An overlay.'), 'Path patches on rendered objects.'),
}));

// ---- chart values: the Kubernetes settings set of a workload chart ----
// The same nodes as KubernetesResourcesSpec, minus overlays (charts have no post-render patches);
// only descriptions change where the chart applies a setting differently from istioctl 1.11.
const k8sProps = definitions.KubernetesResourcesSpec.properties;
const described = (node, description) => ({ ...node, description });
const without = (props, keys) => Object.fromEntries(Object.entries(props).filter(([k]) => !keys.includes(k)));
const k8sChartProps = without(k8sProps, ['overlays']);
const chartSettingsProps = {
  ...k8sChartProps,
  env: described(k8sProps.env, 'Environment variables of the main container, merged by name: an entry named like one of the chart\'s replaces it in place, the others are appended.'),
  hpaSpec: described(k8sProps.hpaSpec, 'Merged into the HorizontalPodAutoscaler spec when the chart renders one (metrics replace the chart\'s; autoscaling/v2beta1 metric fields are converted to the rendered API version).'),
  podDisruptionBudget: described(k8sProps.podDisruptionBudget, 'Merged into the PodDisruptionBudget spec; setting minAvailable or maxUnavailable drops the chart\'s own minAvailable/maxUnavailable.'),
  readinessProbe: described(k8sProps.readinessProbe, 'Merged into the readiness probe of the main container; setting exec, httpGet or tcpSocket replaces the chart\'s probe action.'),
  replicaCount: described(k8sProps.replicaCount, 'Replicas of the Deployment; 0 means not set (the chart\'s value stays).'),
  resources: described(k8sProps.resources, 'Compute resources of the main container, merged by key with the chart\'s (e.g. limits only keeps the chart\'s requests).'),
  service: described(k8sProps.service, 'Merged into the Service spec; ports merge by port (same port replaces the chart\'s entry, others are appended).'),
  strategy: described(k8sProps.strategy, 'Merged into the Deployment strategy; a type other than RollingUpdate drops the chart\'s rollingUpdate.'),
  securityContext: described(k8sProps.securityContext, 'Merged into the pod security context (spec.template.spec.securityContext).'),
  volumes: described(k8sProps.volumes, 'Pod volumes, merged by name with the chart\'s.'),
  volumeMounts: described(k8sProps.volumeMounts, 'Volume mounts of the main container, merged by mountPath with the chart\'s.'),
};
add('K8sSettings', obj('Kubernetes settings of the chart\'s workload (components.X.k8s without overlays), applied over everything the chart computes: maps merge recursively (yours win), lists and scalars are replaced, except env and volumes (merged by name), volumeMounts (by mountPath) and Service ports (by port).', chartSettingsProps));

add('DaemonSetUpdateStrategy', obj('How a DaemonSet replaces its pods.', {
  type: enumOf(['RollingUpdate', 'OnDelete'], 'Strategy type.'),
  rollingUpdate: definitions.DeploymentStrategy.properties.rollingUpdate,
}));
add('CniKubernetesResourcesSpec', obj('Kubernetes settings of the CNI component (DaemonSet istio-cni-node, container install-cni). Like KubernetesResourcesSpec, but strategy is the DaemonSet update strategy (OnDelete allowed; Recreate is not); replicaCount, hpaSpec, podDisruptionBudget, service and serviceAnnotations have no object to apply to.', {
  ...k8sProps,
  strategy: ref(d('DaemonSetUpdateStrategy'), 'DaemonSet update strategy (chart values cni.k8s.strategy).'),
}));
const daemonSetProps = without(chartSettingsProps, ['replicaCount', 'hpaSpec', 'podDisruptionBudget', 'service', 'serviceAnnotations']);
add('K8sDaemonSetSettings', obj('Kubernetes settings of the chart\'s DaemonSet (components.X.k8s without overlays, replicaCount, hpaSpec, podDisruptionBudget, service and serviceAnnotations, which a DaemonSet does not have), merged as in K8sSettings.', {
  ...daemonSetProps,
  strategy: ref(d('DaemonSetUpdateStrategy'), 'Merged into the DaemonSet updateStrategy; a type other than RollingUpdate drops the chart\'s rollingUpdate.'),
}));

export const k8sSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'k8s.schema.json',
  title: 'KubernetesTypes',
  description: 'KubernetesResourcesSpec (components.X.k8s) and the Kubernetes API types it embeds, as used by Istio 1.11.',
  definitions,
};
