/**
 * charts/cni: the objects each setting renders, the CNI network configuration (parsed as JSON),
 * the install-cni environment, the taint controller, the resource quota, the revision label and
 * every cni.k8s setting reaching its field; plus helm 3, helm 4 and the library agreeing byte for
 * byte on each case.
 */
import { describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, formatKubeIssue, validateManifestText } from '../../src/manifest/kube/index.js';
import { HELM_VERSIONS, helmTemplate, objectId, parseDocs, renderOurs, templateArgs, type OursOptions } from './render.js';

interface Meta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}
interface Obj {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: Meta;
  readonly [k: string]: unknown;
}
interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: Record<string, Record<string, string>>;
}
interface Container {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy?: string;
  readonly command?: string[];
  readonly env: EnvVar[];
  readonly volumeMounts?: { name: string; mountPath: string }[];
  readonly resources?: Record<string, Record<string, string>>;
  readonly readinessProbe?: Record<string, unknown>;
  readonly securityContext?: Record<string, unknown>;
}
interface PodSpec {
  readonly serviceAccountName: string;
  readonly priorityClassName?: string;
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Record<string, string>[];
  readonly affinity?: Record<string, unknown>;
  readonly securityContext?: Record<string, unknown>;
  readonly imagePullSecrets?: { name: string }[];
  readonly containers: Container[];
  readonly volumes: { name: string; hostPath?: { path: string }; emptyDir?: object }[];
}
interface DaemonSet extends Obj {
  readonly spec: {
    readonly selector: { matchLabels: Record<string, string> };
    readonly updateStrategy: { type: string; rollingUpdate?: { maxUnavailable: number | string } };
    readonly template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
  };
}
interface NetworkConfig {
  cniVersion: string;
  name: string;
  type: string;
  log_level: string;
  log_uds_address: string;
  kubernetes: { kubeconfig: string; cni_bin_dir: string; exclude_namespaces: string[] };
  plugins?: unknown;
}

const ALWAYS = [
  'ServiceAccount/istio-system/istio-cni',
  'ConfigMap/istio-system/istio-cni-config',
  'ClusterRole/istio-cni',
  'ClusterRoleBinding/istio-cni',
  'DaemonSet/istio-system/istio-cni-node',
];
const REPAIR = ['ClusterRole/istio-cni-repair-role', 'ClusterRoleBinding/istio-cni-repair-rolebinding'];
const TAINT = ['ConfigMap/istio-system/istio-cni-taint-configmap', 'ClusterRole/istio-cni-taint-role', 'ClusterRoleBinding/istio-cni-taint-rolebinding'];

function render(opts: OursOptions = {}): Obj[] {
  const out = renderOurs('cni', opts);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return parseDocs(out.stdout).map((d) => d.object as Obj);
}

function find<T extends Obj = Obj>(objs: readonly Obj[], kind: string, name: string): T {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name} in ${objs.map(objectId).join(', ')}`);
  return o as T;
}

function ids(objs: readonly Obj[]): string[] {
  return objs.map(objectId).sort();
}

function daemonSet(objs: readonly Obj[]): DaemonSet {
  return find<DaemonSet>(objs, 'DaemonSet', 'istio-cni-node');
}

function installCni(objs: readonly Obj[]): Container {
  const c = daemonSet(objs).spec.template.spec.containers.find((x) => x.name === 'install-cni');
  if (!c) throw new Error('no install-cni container');
  return c;
}

/** The install-cni environment as name -> value (valueFrom entries as JSON). */
function env(objs: readonly Obj[]): Map<string, string> {
  return new Map(installCni(objs).env.map((e) => [e.name, e.value ?? JSON.stringify(e.valueFrom)]));
}

function networkConfig(objs: readonly Obj[]): NetworkConfig {
  const cm = find<Obj & { data: Record<string, string> }>(objs, 'ConfigMap', 'istio-cni-config');
  return JSON.parse(cm.data.cni_network_config) as NetworkConfig;
}

describe('cni chart: objects per case', () => {
  it('default values: ServiceAccount, network ConfigMap, plugin and repair RBAC, DaemonSet', () => {
    expect(ids(render())).toEqual([...ALWAYS, ...REPAIR].sort());
  });

  it('repair.enabled=false drops the repair RBAC', () => {
    expect(ids(render({ set: ['cni.repair.enabled=false'] }))).toEqual([...ALWAYS].sort());
  });

  it('taint.enabled=true adds the taint ConfigMap, ClusterRole and binding', () => {
    expect(ids(render({ set: ['cni.taint.enabled=true'] }))).toEqual([...ALWAYS, ...REPAIR, ...TAINT].sort());
  });

  it('resourceQuotas.enabled=true adds the ResourceQuota', () => {
    expect(ids(render({ set: ['cni.resourceQuotas.enabled=true'] }))).toEqual(
      [...ALWAYS, ...REPAIR, 'ResourceQuota/istio-system/istio-cni-resource-quota'].sort(),
    );
  });

  it('psp_cluster_role adds the RoleBinding istio-cni-psp to that ClusterRole', () => {
    const objs = render({ set: ['cni.psp_cluster_role=restricted-psp'] });
    expect(ids(objs)).toEqual([...ALWAYS, ...REPAIR, 'RoleBinding/istio-system/istio-cni-psp'].sort());
    const rb = find<Obj & { roleRef: { kind: string; name: string }; subjects: { kind: string; name: string; namespace: string }[] }>(objs, 'RoleBinding', 'istio-cni-psp');
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'restricted-psp' });
    expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'istio-cni', namespace: 'istio-system' }]);
  });

  it('namespaced objects and every binding subject follow the release namespace', () => {
    const objs = render({ namespace: 'kube-system', set: ['cni.taint.enabled=true', 'cni.resourceQuotas.enabled=true'] });
    for (const o of objs) {
      if (o.kind.startsWith('Cluster')) expect(o.metadata.namespace, objectId(o)).toBeUndefined();
      else expect(o.metadata.namespace, objectId(o)).toBe('kube-system');
      const subjects = (o as { subjects?: { namespace: string }[] }).subjects;
      for (const s of subjects ?? []) expect(s.namespace).toBe('kube-system');
    }
    const taint = find<Obj & { data: { config: string } }>(objs, 'ConfigMap', 'istio-cni-taint-configmap');
    expect(taint.data.config).toContain('namespace: kube-system');
  });
});

describe('cni chart: network configuration', () => {
  it('chained (default): an istio-cni plugin entry, appended by install-cni to the existing configuration', () => {
    const objs = render();
    const conf = networkConfig(objs);
    expect(conf).toEqual({
      cniVersion: '0.3.1',
      name: 'istio-cni',
      type: 'istio-cni',
      log_level: 'info',
      log_uds_address: '__LOG_UDS_ADDRESS__',
      kubernetes: { kubeconfig: '__KUBECONFIG_FILEPATH__', cni_bin_dir: '/opt/cni/bin', exclude_namespaces: ['istio-system', 'kube-system'] },
    });
    const e = env(objs);
    expect(e.get('CHAINED_CNI_PLUGIN')).toBe('true');
    expect(e.has('CNI_CONF_NAME')).toBe(false);
    expect(e.get('CNI_NET_DIR')).toBe('/etc/cni/net.d');
    expect(JSON.parse(e.get('CNI_NETWORK_CONFIG') ?? '')).toEqual({ configMapKeyRef: { name: 'istio-cni-config', key: 'cni_network_config' } });
  });

  it('chained with cniConfFileName: install-cni patches that file', () => {
    const e = env(render({ set: ['cni.cniConfFileName=10-calico.conflist'] }));
    expect(e.get('CNI_CONF_NAME')).toBe('10-calico.conflist');
    expect(e.get('CHAINED_CNI_PLUGIN')).toBe('true');
  });

  it('standalone (chained=false): a complete single-plugin configuration named istio-cni in a file of its own', () => {
    const objs = render({ set: ['cni.chained=false'] });
    const conf = networkConfig(objs);
    // A standalone .conf needs cniVersion, name and type at the top, and no plugin list; Multus
    // finds it by the name istio-cni.
    expect(conf.cniVersion).toBe('0.3.1');
    expect(conf.name).toBe('istio-cni');
    expect(conf.type).toBe('istio-cni');
    expect(conf.plugins).toBeUndefined();
    const e = env(objs);
    expect(e.get('CHAINED_CNI_PLUGIN')).toBe('false');
    expect(e.get('CNI_CONF_NAME')).toBe('YYY-istio-cni.conf');
  });

  it('standalone with cniConfFileName and cniConfDir (e.g. a Multus directory)', () => {
    const objs = render({ set: ['cni.chained=false', 'cni.cniConfFileName=istio-cni.conf', 'cni.cniConfDir=/etc/cni/multus/net.d'] });
    const e = env(objs);
    expect(e.get('CNI_CONF_NAME')).toBe('istio-cni.conf');
    expect(e.get('CNI_NET_DIR')).toBe('/etc/cni/multus/net.d');
    const vol = daemonSet(objs).spec.template.spec.volumes.find((v) => v.name === 'cni-net-dir');
    expect(vol?.hostPath?.path).toBe('/etc/cni/multus/net.d');
  });

  it('excludeNamespaces, logLevel and cniBinDir reach the configuration', () => {
    const objs = render({ set: ['cni.excludeNamespaces={istio-system,kube-system,monitoring}', 'cni.logLevel=debug', 'cni.cniBinDir=/home/kubernetes/bin'] });
    const conf = networkConfig(objs);
    expect(conf.kubernetes.exclude_namespaces).toEqual(['istio-system', 'kube-system', 'monitoring']);
    expect(conf.log_level).toBe('debug');
    expect(conf.kubernetes.cni_bin_dir).toBe('/home/kubernetes/bin');
    const vol = daemonSet(objs).spec.template.spec.volumes.find((v) => v.name === 'cni-bin-dir');
    expect(vol?.hostPath?.path).toBe('/home/kubernetes/bin');
  });

  it('an empty excludeNamespaces gives an empty JSON list, and odd characters stay valid JSON', () => {
    const conf = networkConfig(render({ set: ['cni.excludeNamespaces=null', 'cni.logLevel=in"fo'] }));
    expect(conf.kubernetes.exclude_namespaces).toEqual([]);
    expect(conf.log_level).toBe('in"fo');
  });
});

describe('cni chart: repair controller', () => {
  it('default: repair env with label and delete on, and RBAC for both', () => {
    const objs = render();
    const e = env(objs);
    expect(e.get('REPAIR_ENABLED')).toBe('true');
    expect(e.get('REPAIR_LABEL_PODS')).toBe('true');
    expect(e.get('REPAIR_DELETE_PODS')).toBe('true');
    expect(e.get('REPAIR_RUN_AS_DAEMON')).toBe('true');
    expect(e.get('REPAIR_SIDECAR_ANNOTATION')).toBe('sidecar.istio.io/status');
    expect(e.get('REPAIR_INIT_CONTAINER_NAME')).toBe('istio-validation');
    expect(e.get('REPAIR_BROKEN_POD_LABEL_KEY')).toBe('cni.istio.io/uninitialized');
    expect(e.get('REPAIR_BROKEN_POD_LABEL_VALUE')).toBe('true');
    expect(JSON.parse(e.get('REPAIR_NODE_NAME') ?? '')).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
    const role = find<Obj & { rules: { resources: string[]; verbs: string[] }[] }>(objs, 'ClusterRole', 'istio-cni-repair-role');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'patch', 'update', 'delete'] }]);
    const binding = find<Obj & { roleRef: { name: string }; subjects: { name: string }[] }>(objs, 'ClusterRoleBinding', 'istio-cni-repair-rolebinding');
    expect(binding.roleRef.name).toBe('istio-cni-repair-role');
    expect(binding.subjects.map((s) => s.name)).toEqual(['istio-cni']);
  });

  it('settings reach the env; the role grants only the enabled actions', () => {
    const objs = render({
      set: [
        'cni.repair.labelPods=false',
        'cni.repair.deletePods=true',
        'cni.repair.initContainerName=my-validation',
        'cni.repair.brokenPodLabelKey=example.com/broken',
        'cni.repair.brokenPodLabelValue=yes',
      ],
    });
    const e = env(objs);
    expect(e.get('REPAIR_LABEL_PODS')).toBe('false');
    expect(e.get('REPAIR_DELETE_PODS')).toBe('true');
    expect(e.get('REPAIR_INIT_CONTAINER_NAME')).toBe('my-validation');
    expect(e.get('REPAIR_BROKEN_POD_LABEL_KEY')).toBe('example.com/broken');
    expect(e.get('REPAIR_BROKEN_POD_LABEL_VALUE')).toBe('yes');
    const role = find<Obj & { rules: { verbs: string[] }[] }>(objs, 'ClusterRole', 'istio-cni-repair-role');
    expect(role.rules[0].verbs).toEqual(['get', 'list', 'watch', 'delete']);
    const noDelete = find<Obj & { rules: { verbs: string[] }[] }>(render({ set: ['cni.repair.deletePods=false'] }), 'ClusterRole', 'istio-cni-repair-role');
    expect(noDelete.rules[0].verbs).toEqual(['get', 'list', 'watch', 'patch', 'update']);
  });

  it('repair.enabled=false: REPAIR_ENABLED false and no other repair variable', () => {
    const e = env(render({ set: ['cni.repair.enabled=false'] }));
    expect(e.get('REPAIR_ENABLED')).toBe('false');
    expect([...e.keys()].filter((k) => k.startsWith('REPAIR_'))).toEqual(['REPAIR_ENABLED']);
  });
});

describe('cni chart: taint controller', () => {
  it('off by default: one container', () => {
    expect(daemonSet(render()).spec.template.spec.containers.map((c) => c.name)).toEqual(['install-cni']);
  });

  it('on: a taint-controller container reading istio-cni-taint-configmap, non-root, and its RBAC', () => {
    const objs = render({ set: ['cni.taint.enabled=true'] });
    const containers = daemonSet(objs).spec.template.spec.containers;
    expect(containers.map((c) => c.name)).toEqual(['install-cni', 'taint-controller']);
    const taint = containers[1];
    expect(taint.image).toBe(installCni(objs).image);
    const e = new Map(taint.env.map((v) => [v.name, v.value ?? JSON.stringify(v.valueFrom)]));
    expect(e.get('TAINT_CONFIGMAP-NAME')).toBe('istio-cni-taint-configmap');
    expect(e.get('TAINT_CONFIGMAP-NAMESPACE')).toBe('istio-system');
    expect(e.get('TAINT_RUN-AS-DAEMON')).toBe('true');
    expect(JSON.parse(e.get('TAINT_NODE-NAME') ?? '')).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
    expect(taint.securityContext).toMatchObject({ runAsNonRoot: true, privileged: false, readOnlyRootFilesystem: true });
    const cm = find<Obj & { data: { config: string } }>(objs, 'ConfigMap', 'istio-cni-taint-configmap');
    expect(cm.data.config).toContain('selector: k8s-app=istio-cni-node');
    const role = find<Obj & { rules: { resources: string[]; verbs: string[] }[] }>(objs, 'ClusterRole', 'istio-cni-taint-role');
    const nodes = role.rules.find((r) => r.resources.includes('nodes'));
    expect(nodes?.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'patch']));
    const binding = find<Obj & { roleRef: { name: string }; subjects: { name: string }[] }>(objs, 'ClusterRoleBinding', 'istio-cni-taint-rolebinding');
    expect(binding.roleRef.name).toBe('istio-cni-taint-role');
    expect(binding.subjects.map((s) => s.name)).toEqual(['istio-cni']);
  });
});

describe('cni chart: resource quota', () => {
  interface Quota extends Obj {
    readonly spec: { hard: Record<string, string>; scopeSelector: { matchExpressions: { scopeName: string; operator: string; values: string[] }[] } };
  }

  it('covers pods of the system-node-critical class, default limit 5000', () => {
    const q = find<Quota>(render({ set: ['cni.resourceQuotas.enabled=true'] }), 'ResourceQuota', 'istio-cni-resource-quota');
    expect(q.spec.hard).toEqual({ pods: '5000' });
    expect(q.spec.scopeSelector.matchExpressions).toEqual([{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical'] }]);
  });

  it('pods limit and the pods\' own priority class (cni.k8s.priorityClassName) reach it', () => {
    const q = find<Quota>(
      render({ set: ['cni.resourceQuotas.enabled=true', 'cni.resourceQuotas.pods=64', 'cni.k8s.priorityClassName=node-agents'] }),
      'ResourceQuota',
      'istio-cni-resource-quota',
    );
    expect(q.spec.hard).toEqual({ pods: '64' });
    expect(q.spec.scopeSelector.matchExpressions[0].values).toEqual(['node-agents']);
  });
});

describe('cni chart: DaemonSet', () => {
  it('selector, strategy, scheduling, probe and host paths', () => {
    const ds = daemonSet(render());
    expect(ds.metadata.labels?.['k8s-app']).toBe('istio-cni-node');
    expect(ds.spec.selector.matchLabels).toEqual({ 'k8s-app': 'istio-cni-node' });
    expect(ds.spec.template.metadata.labels['k8s-app']).toBe('istio-cni-node');
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    const pod = ds.spec.template.spec;
    expect(pod.serviceAccountName).toBe('istio-cni');
    expect(pod.priorityClassName).toBe('system-node-critical');
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.tolerations).toEqual([
      { effect: 'NoSchedule', operator: 'Exists' },
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { effect: 'NoExecute', operator: 'Exists' },
    ]);
    const c = installCni(render());
    expect(c.command).toEqual(['install-cni']);
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/readyz', port: 8000 } });
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' } });
    expect(c.imagePullPolicy).toBeUndefined();
    expect(pod.volumes.map((v) => [v.name, v.hostPath?.path])).toEqual([
      ['cni-bin-dir', '/opt/cni/bin'],
      ['cni-net-dir', '/etc/cni/net.d'],
      ['cni-run-dir', '/var/run/istio-cni'],
    ]);
    expect(c.volumeMounts).toEqual([
      { name: 'cni-bin-dir', mountPath: '/host/opt/cni/bin' },
      { name: 'cni-net-dir', mountPath: '/host/etc/cni/net.d' },
      { name: 'cni-run-dir', mountPath: '/var/run/istio-cni' },
    ]);
  });

  it('install-cni runs as root (it writes root-owned host directories) but unprivileged, with no capability', () => {
    expect(installCni(render()).securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      runAsUser: 0,
      runAsGroup: 0,
      runAsNonRoot: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('image: cni.hub/cni.image:cni.tag over global.hub/global.tag, a full reference as is; pull policy', () => {
    expect(installCni(render()).image).toBe('docker.io/istio/install-cni:1.11.8');
    expect(installCni(render({ set: ['global.hub=gcr.io/x', 'global.tag=1.11.5'] })).image).toBe('gcr.io/x/install-cni:1.11.5');
    expect(installCni(render({ set: ['global.hub=gcr.io/x', 'cni.hub=quay.io/y', 'cni.tag=dev'] })).image).toBe('quay.io/y/install-cni:dev');
    expect(installCni(render({ set: ['cni.image=registry.local/cni/install:abc'] })).image).toBe('registry.local/cni/install:abc');
    expect(installCni(render({ set: ['global.imagePullPolicy=IfNotPresent'] })).imagePullPolicy).toBe('IfNotPresent');
    expect(installCni(render({ set: ['global.imagePullPolicy=IfNotPresent', 'cni.pullPolicy=Always'] })).imagePullPolicy).toBe('Always');
  });

  it('resources: cni.resources, else global.defaultResources', () => {
    expect(installCni(render({ set: ['cni.resources=null'] })).resources).toEqual({ requests: { cpu: '10m' } });
    expect(installCni(render({ set: ['cni.resources.limits.cpu=500m'] })).resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '500m' } });
  });

  it('cni.podAnnotations and global.imagePullSecrets', () => {
    const objs = render({ set: ['cni.podAnnotations.team=net', 'global.imagePullSecrets={regcred}'] });
    const ds = daemonSet(objs);
    expect(ds.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false', team: 'net' });
    expect(ds.spec.template.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(find<Obj & { imagePullSecrets: unknown }>(objs, 'ServiceAccount', 'istio-cni').imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });
});

describe('cni chart: revision and owner labels', () => {
  it('default: istio.io/rev default on every object and the pod template; fixed names', () => {
    const objs = render();
    for (const o of objs) {
      expect(o.metadata.labels?.['istio.io/rev'], objectId(o)).toBe('default');
      expect(o.metadata.labels?.['operator.istio.io/component'], objectId(o)).toBe('Cni');
      expect(o.metadata.labels?.['install.operator.istio.io/owning-resource'], objectId(o)).toBe('unknown');
    }
    expect(daemonSet(objs).spec.template.metadata.labels['istio.io/rev']).toBe('default');
  });

  it('revision=canary changes only the istio.io/rev label (same objects, same names, same selector)', () => {
    const base = render();
    const canary = render({ set: ['revision=canary', 'ownerName=my-iop'] });
    expect(ids(canary)).toEqual(ids(base));
    for (const o of canary) {
      expect(o.metadata.labels?.['istio.io/rev'], objectId(o)).toBe('canary');
      expect(o.metadata.labels?.['install.operator.istio.io/owning-resource'], objectId(o)).toBe('my-iop');
    }
    const ds = daemonSet(canary);
    expect(ds.spec.template.metadata.labels['istio.io/rev']).toBe('canary');
    expect(ds.spec.selector).toEqual(daemonSet(base).spec.selector);
  });
});

describe('cni chart: cni.k8s settings reach their fields', () => {
  const k8s = (set: string[]): DaemonSet => daemonSet(render({ set: set.map((s) => `cni.k8s.${s}`) }));
  const main = (ds: DaemonSet): Container => ds.spec.template.spec.containers[0];

  it('resources merge by key over the chart\'s', () => {
    expect(main(k8s(['resources.limits.memory=1Gi', 'resources.requests.cpu=200m'])).resources).toEqual({
      requests: { cpu: '200m', memory: '100Mi' },
      limits: { memory: '1Gi' },
    });
  });

  it('env merges by name (same name replaced in place, new appended)', () => {
    const c = main(k8s(['env[0].name=CNI_NET_DIR', 'env[0].value=/x', 'env[1].name=EXTRA', 'env[1].value=on']));
    const names = c.env.map((e) => e.name);
    expect(names.indexOf('CNI_NET_DIR')).toBe(1);
    expect(names[names.length - 1]).toBe('EXTRA');
    expect(c.env.find((e) => e.name === 'CNI_NET_DIR')?.value).toBe('/x');
    expect(names.filter((n) => n === 'CNI_NET_DIR')).toHaveLength(1);
  });

  it('nodeSelector merges with kubernetes.io/os', () => {
    expect(k8s(['nodeSelector.pool=infra']).spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', pool: 'infra' });
  });

  it('tolerations replace the chart\'s', () => {
    expect(k8s(['tolerations[0].key=dedicated', 'tolerations[0].operator=Exists']).spec.template.spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
  });

  it('affinity', () => {
    const ds = k8s(['affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=arch',
      'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=Exists']);
    expect(ds.spec.template.spec.affinity).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'arch', operator: 'Exists' }] }] } },
    });
  });

  it('podAnnotations merge with the chart\'s (user wins)', () => {
    expect(k8s(['podAnnotations.a=b', 'podAnnotations.sidecar\\.istio\\.io/inject=no']).spec.template.metadata.annotations).toEqual({ a: 'b', 'sidecar.istio.io/inject': 'no' });
  });

  it('strategy merges into updateStrategy; OnDelete drops rollingUpdate', () => {
    expect(k8s(['strategy.rollingUpdate.maxUnavailable=10%']).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    expect(k8s(['strategy.type=OnDelete']).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('readinessProbe merges into the install-cni probe', () => {
    expect(main(k8s(['readinessProbe.periodSeconds=3'])).readinessProbe).toEqual({ httpGet: { path: '/readyz', port: 8000 }, periodSeconds: 3 });
  });

  it('securityContext is the pod security context', () => {
    expect(k8s(['securityContext.fsGroup=0']).spec.template.spec.securityContext).toEqual({ fsGroup: 0 });
    expect(daemonSet(render()).spec.template.spec.securityContext).toBeUndefined();
  });

  it('priorityClassName', () => {
    expect(k8s(['priorityClassName=node-agents']).spec.template.spec.priorityClassName).toBe('node-agents');
  });

  it('imagePullPolicy wins over cni.pullPolicy', () => {
    const ds = daemonSet(render({ set: ['cni.pullPolicy=Always', 'cni.k8s.imagePullPolicy=Never'] }));
    expect(main(ds).imagePullPolicy).toBe('Never');
  });

  it('volumes merge by name, volumeMounts by mountPath', () => {
    const ds = k8s(['volumes[0].name=extra', 'volumes[0].emptyDir.medium=Memory', 'volumeMounts[0].name=extra', 'volumeMounts[0].mountPath=/extra',
      'volumeMounts[1].name=cni-bin-dir', 'volumeMounts[1].mountPath=/host/opt/cni/bin', 'volumeMounts[1].readOnly=true']);
    expect(ds.spec.template.spec.volumes.map((v) => v.name)).toEqual(['cni-bin-dir', 'cni-net-dir', 'cni-run-dir', 'extra']);
    expect(main(ds).volumeMounts).toEqual([
      { name: 'cni-bin-dir', mountPath: '/host/opt/cni/bin', readOnly: true },
      { name: 'cni-net-dir', mountPath: '/host/etc/cni/net.d' },
      { name: 'cni-run-dir', mountPath: '/var/run/istio-cni' },
      { name: 'extra', mountPath: '/extra' },
    ]);
  });

  it('the acceptance values file renders with every setting applied', () => {
    const objs = render({ valueFiles: ['test/charts/values/cni-k8s-all.yaml'] });
    expect(ids(objs)).toEqual([...ALWAYS, ...REPAIR].sort());
  });
});

describe('cni chart: helm 3, helm 4 and the library agree; objects pass strict Kubernetes validation', () => {
  const cases: OursOptions[] = [
    {},
    { set: ['revision=canary'] },
    { set: ['cni.chained=false'] },
    { set: ['cni.taint.enabled=true'] },
    { set: ['cni.resourceQuotas.enabled=true'] },
    { set: ['cni.repair.enabled=false'] },
    { namespace: 'kube-system' },
    { set: ['cni.psp_cluster_role=psp', 'cni.repair.labelPods=false', 'cni.cniConfFileName=10-calico.conflist', 'cni.excludeNamespaces={a,b}'] },
    { valueFiles: ['test/charts/values/cni-k8s-all.yaml'] },
    { set: ['cni.chained=false', 'cni.cniConfFileName=istio-cni.conf', 'cni.resources=null', 'cni.k8s.strategy.type=OnDelete', 'revision=canary'] },
    { set: ['cni.resourceQuotas.enabled=true', 'cni.resourceQuotas.pods=64', 'cni.k8s.priorityClassName=node-agents', 'global.imagePullSecrets={a,b}', 'cni.image=r.io/x/cni:1'] },
  ];
  for (const opts of cases) {
    it(`helm template ${templateArgs(opts).join(' ')}`, async () => {
      for (const version of HELM_VERSIONS) {
        const helm = await helmTemplate(version, 'cni', templateArgs(opts));
        expect(helm.exitCode, helm.stderr).toBe(0);
        const ours = renderOurs('cni', { ...opts, compat: version });
        expect(ours.stderr).toBe(helm.stderr);
        expect(ours.stdout).toBe(helm.stdout);
      }
      const text = renderOurs('cni', opts).stdout;
      for (const version of KUBE_VERSIONS) {
        expect(validateManifestText(text, { version }).map((i) => formatKubeIssue(i)), `Kubernetes ${version}`).toEqual([]);
      }
    });
  }
});
