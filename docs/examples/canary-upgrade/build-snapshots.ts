/**
 * Builds the cluster snapshots of the canary upgrade walkthrough (docs/canary-upgrade.md): what
 * `kubectl get ... -A -o yaml` (docs/cluster-state.md) would print after each stage, made from our
 * own output only: render() of the IstioOperator files next to this script (what
 * `istio-installer manifest generate -f FILE | kubectl apply -f -` creates), generateTag() with
 * the same arguments as the walkthrough's `tag generate` commands, the Namespaces, and the Pods
 * the cluster runs: application pods injected by our own inject() with the injector
 * configuration of the revision that serves them (as `istio-installer kube-inject` prints them:
 * label istio.io/rev and annotation sidecar.istio.io/status naming the revision), istiod and
 * gateway pods from their rendered Deployments' pod templates.
 *
 *   npx tsx docs/examples/canary-upgrade/build-snapshots.ts    # rewrites the snapshot files
 *
 * test/revision/walkthrough.test.ts checks that the checked-in files equal what this builds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inject } from '../../../src/inject/index.js';
import { injectionSourceFromManifest } from '../../../src/inject/config.js';
import type { InjectionSource } from '../../../src/inject/types.js';
import { render, type ManifestSet } from '../../../src/manifest/index.js';
import { toGoValue } from '../../../src/manifest/generate/plain.js';
import { parseClusterState } from '../../../src/revision/cluster-state.js';
import { generateTag } from '../../../src/revision/tag.js';
import type { KubeObject, Labels } from '../../../src/revision/types.js';
import { marshalYaml } from '../../../src/yaml/index.js';

export const EXAMPLE_DIR = dirname(fileURLToPath(import.meta.url));
/** The directory as the walkthrough names it (commands run from the repository root). */
export const DOC_DIR = 'docs/examples/canary-upgrade';

const OLD = { revision: '1-11-7' };
const NEW = { revision: '1-11-8' };
const ISTIO_NS = 'istio-system';

/** Applications: namespace -> deployments. Both namespaces start on the tag prod. */
const APPS: readonly { readonly namespace: string; readonly name: string }[] = [
  { namespace: 'shop', name: 'web' },
  { namespace: 'shop', name: 'cart' },
  { namespace: 'payments', name: 'api' },
];

export interface Snapshot {
  /** File name inside docs/examples/canary-upgrade. */
  readonly file: string;
  /** What happened before this snapshot was taken (the file's header comment). */
  readonly title: string;
  readonly text: string;
}

type Cluster = Map<string, KubeObject>;

const keyOf = (o: KubeObject): string => `${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name}`;

/** `kubectl apply`: whole objects, an existing one of the same kind, namespace and name replaced (in place). */
function apply(cluster: Cluster, objects: readonly KubeObject[]): void {
  for (const o of objects) cluster.set(keyOf(o), o);
}

function readIop(file: string): { name: string; text: string } {
  return { name: `${DOC_DIR}/${file}`, text: readFileSync(join(EXAMPLE_DIR, file), 'utf8') };
}

function rendered(file: string): ManifestSet {
  return render({ files: [readIop(file)] });
}

const objectsOf = (set: ManifestSet): KubeObject[] => set.objects.map((o) => structuredClone(o.object) as unknown as KubeObject);

function namespace(name: string, labels: Labels): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels, 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] } };
}

/** Stable pseudo hashes for pod names (a ReplicaSet's pod-template-hash and a pod suffix). */
function hashOf(text: string, length: number): string {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) + (i + 1) * 7919;
  }
  return out;
}

function appDeployment(app: { namespace: string; name: string }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, namespace: app.namespace, labels: { app: app.name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: app.name } },
      template: { metadata: { labels: { app: app.name } }, spec: { containers: [{ name: app.name, image: `registry.example.com/${app.name}:1.0` }] } },
    },
  };
}

const sources = new Map<string, InjectionSource>();

/** The injector configuration of a revision, from its control plane file (as istiod serves it). */
function injectionSource(revision: string): InjectionSource {
  let s = sources.get(revision);
  if (s === undefined) {
    s = injectionSourceFromManifest(rendered(`controlplane-${revision}.yaml`));
    sources.set(revision, s);
  }
  return s;
}

/** An application pod of `app`'s Deployment as the injector of `rev` creates it. */
function injectedPod(app: { namespace: string; name: string }, rev: { revision: string }): KubeObject {
  const hash = hashOf(`${app.namespace}/${app.name}/${rev.revision}`, 9);
  const template = (appDeployment(app)['spec'] as { template: { metadata: { labels: Labels }; spec: unknown } }).template;
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${app.name}-${hash}-${hashOf(hash, 5)}`, namespace: app.namespace, labels: { ...template.metadata.labels, 'pod-template-hash': hash } },
    spec: template.spec,
  };
  const out = inject({ source: injectionSource(rev.revision), text: JSON.stringify(pod), file: `${app.namespace}/${app.name}`, namespace: app.namespace });
  if (out.documents[0]?.outcome !== 'injected') throw new Error(`${app.namespace}/${app.name}: not injected (${out.documents[0]?.reason ?? 'no document'})`);
  const parsed = parseClusterState(out.yaml, `${app.namespace}/${app.name}`);
  if (!parsed.success || parsed.state.objects.length !== 1) throw new Error(`${app.namespace}/${app.name}: the injected pod does not read back`);
  return parsed.state.objects[0] as KubeObject;
}

/** The pod a rendered Deployment (istiod, a gateway) runs: its template's labels and containers. */
function podOf(deployment: KubeObject): KubeObject {
  const template = (deployment['spec'] as { template: { metadata: { labels: Labels }; spec: { containers: { name: string; image: string }[] } } }).template;
  const hash = hashOf(JSON.stringify(template), 10);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${deployment.metadata.name}-${hash}-${hashOf(hash, 5)}`,
      namespace: deployment.metadata.namespace ?? ISTIO_NS,
      labels: { ...template.metadata.labels, 'pod-template-hash': hash },
    },
    spec: { containers: template.spec.containers.map((c) => ({ name: c.name, image: c.image })) },
  };
}

function deploymentPods(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter((o) => o.kind === 'Deployment').map(podOf);
}

/** Removes the pods of a workload (its ReplicaSet's pods go when it is restarted or deleted). */
function removePods(cluster: Cluster, namespace: string, app: string): void {
  for (const [k, o] of cluster) if (o.kind === 'Pod' && o.metadata.namespace === namespace && o.metadata.labels?.['app'] === app) cluster.delete(k);
}

function relabelNamespace(cluster: Cluster, name: string, labels: Labels): void {
  apply(cluster, [namespace(name, labels)]);
}

function snapshotText(title: string, cluster: Cluster): string {
  const list = { apiVersion: 'v1', items: [...cluster.values()], kind: 'List', metadata: { resourceVersion: '' } };
  const header = [
    `# Cluster snapshot for docs/canary-upgrade.md: ${title}`,
    '# Built by build-snapshots.ts from istio-installer output (do not edit; run',
    '# `npx tsx docs/examples/canary-upgrade/build-snapshots.ts`). A real cluster prints the same with',
    '# the kubectl command of docs/cluster-state.md.',
  ];
  return `${header.join('\n')}\n${marshalYaml(toGoValue(list))}`;
}

function tag(tagName: string, rev: { revision: string }, iopFile: string, cluster: Cluster | undefined, stateFile: string | undefined, overwrite = false): KubeObject[] {
  let clusterState;
  if (cluster !== undefined && stateFile !== undefined) {
    const parsed = parseClusterState(snapshotText('', cluster), `${DOC_DIR}/${stateFile}`);
    if (!parsed.success) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
    clusterState = parsed.state;
  }
  const out = generateTag({ tag: tagName, revision: rev.revision, render: { files: [readIop(iopFile)] }, overwrite, ...(clusterState ? { clusterState } : {}) });
  return out.objects.map((o) => structuredClone(o));
}

/** The snapshots of every stage, in order. */
export function buildSnapshots(): Snapshot[] {
  const out: Snapshot[] = [];
  const cluster: Cluster = new Map();
  const take = (file: string, title: string): void => void out.push({ file, title, text: snapshotText(title, cluster) });

  // Stage 0: revision 1-11-7 with its gateway, the tag prod pointing at it, two namespaces on prod.
  apply(cluster, [namespace(ISTIO_NS, {}), namespace('default', {}), namespace('shop', { 'istio.io/rev': 'prod' }), namespace('payments', { 'istio.io/rev': 'prod' })]);
  const oldPlane = objectsOf(rendered(`controlplane-${OLD.revision}.yaml`));
  const oldGateways = objectsOf(rendered(`gateways-${OLD.revision}.yaml`));
  apply(cluster, oldPlane);
  apply(cluster, oldGateways);
  apply(cluster, tag('prod', OLD, `controlplane-${OLD.revision}.yaml`, undefined, undefined));
  apply(cluster, [...deploymentPods(oldPlane), ...deploymentPods(oldGateways)]);
  for (const app of APPS) apply(cluster, [appDeployment(app), injectedPod(app, OLD)]);
  take('cluster-0-start.yaml', `revision ${OLD.revision} serves the tag prod; shop and payments use prod`);

  // Stage 1: the canary control plane installed next to it (Base re-applied, shared).
  const newPlane = objectsOf(rendered(`controlplane-${NEW.revision}.yaml`));
  apply(cluster, newPlane);
  apply(cluster, deploymentPods(newPlane));
  take('cluster-1-canary-installed.yaml', `revision ${NEW.revision} installed next to ${OLD.revision}`);

  // Stage 2: the tag canary points at the new revision.
  apply(cluster, tag('canary', NEW, `controlplane-${NEW.revision}.yaml`, cluster, 'cluster-1-canary-installed.yaml'));
  take('cluster-2-canary-tagged.yaml', `tag canary points at ${NEW.revision}`);

  // Stage 3: shop moved to the canary tag and restarted.
  relabelNamespace(cluster, 'shop', { 'istio.io/rev': 'canary' });
  for (const app of APPS.filter((a) => a.namespace === 'shop')) {
    removePods(cluster, app.namespace, app.name);
    apply(cluster, [injectedPod(app, NEW)]);
  }
  take('cluster-3-shop-on-canary.yaml', `namespace shop moved to the tag canary and restarted on ${NEW.revision}`);

  // Stage 4: prod switched to the new revision, payments restarted, shop back on prod, the gateway upgraded in place.
  apply(cluster, tag('prod', NEW, `controlplane-${NEW.revision}.yaml`, cluster, 'cluster-3-shop-on-canary.yaml', true));
  relabelNamespace(cluster, 'shop', { 'istio.io/rev': 'prod' });
  for (const app of APPS.filter((a) => a.namespace === 'payments')) {
    removePods(cluster, app.namespace, app.name);
    apply(cluster, [injectedPod(app, NEW)]);
  }
  const newGateways = objectsOf(rendered(`gateways-${NEW.revision}.yaml`));
  removePods(cluster, ISTIO_NS, 'istio-ingressgateway');
  apply(cluster, newGateways);
  apply(cluster, deploymentPods(newGateways));
  take('cluster-4-prod-switched.yaml', `tag prod points at ${NEW.revision}; payments restarted; the gateway upgraded in place`);

  // Stage 5: the old revision removed (its istiod and webhooks; Base and the gateway stay).
  const oldPilot = rendered(`controlplane-${OLD.revision}.yaml`).objects.filter((o) => o.component === 'Pilot');
  for (const o of oldPilot) cluster.delete(`${o.kind}:${o.namespace ?? ''}:${o.name}`);
  removePods(cluster, ISTIO_NS, 'istiod');
  apply(cluster, deploymentPods(newPlane));
  take('cluster-5-old-removed.yaml', `revision ${OLD.revision} removed`);
  return out;
}

function main(): void {
  for (const s of buildSnapshots()) {
    writeFileSync(join(EXAMPLE_DIR, s.file), s.text);
    process.stdout.write(`wrote ${DOC_DIR}/${s.file}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
