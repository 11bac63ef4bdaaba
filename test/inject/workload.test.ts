import { describe, expect, it } from 'vitest';
import { findPods, podTemplatePath, replacePod } from '../../src/inject/workload.js';

const podSpec = { containers: [{ name: 'app', image: 'app:1' }] };
const tmpl = { metadata: { labels: { app: 'web' } }, spec: podSpec };

describe('podTemplatePath', () => {
  it.each([
    ['v1', 'Pod', ''],
    ['v1', 'ReplicationController', 'spec.template'],
    ['apps/v1', 'Deployment', 'spec.template'],
    ['extensions/v1beta1', 'Deployment', 'spec.template'],
    ['apps/v1', 'StatefulSet', 'spec.template'],
    ['apps/v1', 'DaemonSet', 'spec.template'],
    ['apps/v1', 'ReplicaSet', 'spec.template'],
    ['batch/v1', 'Job', 'spec.template'],
    ['batch/v1', 'CronJob', 'spec.jobTemplate.spec.template'],
    ['batch/v1beta1', 'CronJob', 'spec.jobTemplate.spec.template'],
  ])('%s %s -> %s', (apiVersion, kind, where) => {
    expect(podTemplatePath(apiVersion, kind)?.join('.')).toBe(where);
  });

  it.each([
    ['v1', 'Service'],
    ['v1', 'ConfigMap'],
    ['networking.istio.io/v1beta1', 'VirtualService'],
    ['example.com/v1', 'Deployment'],
    ['batch/v1', 'Pod'],
  ])('%s %s carries no pod', (apiVersion, kind) => {
    expect(podTemplatePath(apiVersion, kind)).toBeUndefined();
  });
});

describe('findPods', () => {
  it('a Deployment: its template, with the workload as TypeMeta and DeploymentMeta', () => {
    const { pods, problems } = findPods({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: tmpl } });
    expect(problems).toEqual([]);
    expect(pods).toHaveLength(1);
    expect(pods[0].where).toBe('spec.template');
    expect(pods[0].target).toEqual({
      typeMeta: { apiVersion: 'apps/v1', kind: 'Deployment' },
      deploymentMeta: { name: 'web', namespace: 'shop' },
      metadata: tmpl.metadata,
      spec: podSpec,
    });
  });

  it('the namespace argument fills an object without one', () => {
    const { pods } = findPods({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec }, 'team');
    expect(pods[0].target.deploymentMeta).toEqual({ name: 'p', namespace: 'team' });
    expect(pods[0].path).toEqual([]);
  });

  it('a CronJob: the pod of its job template', () => {
    const { pods } = findPods({ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'cron' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: tmpl } } } });
    expect(pods.map((p) => p.where)).toEqual(['spec.jobTemplate.spec.template']);
    expect(pods[0].target.typeMeta.kind).toBe('CronJob');
  });

  it('a v1 List: the pods of its injectable items, others left alone', () => {
    const { pods } = findPods({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
        { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { template: tmpl } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec },
      ],
    });
    expect(pods.map((p) => p.where)).toEqual(['items[1].spec.template', 'items[2]']);
    expect(pods.map((p) => p.target.deploymentMeta.name)).toEqual(['db', 'p']);
  });

  it('a Deployment without a template is a problem, not a crash', () => {
    const { pods, problems } = findPods({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} });
    expect(pods).toEqual([]);
    expect(problems).toEqual([{ path: 'spec.template', message: 'Deployment has no pod template (expected an object)' }]);
  });

  it('a Pod made by a controller: its owner as the workload (ReplicaSet of a Deployment -> the Deployment)', () => {
    const meta = (labels: Record<string, string>, ref: Record<string, unknown>): Record<string, unknown> => ({
      generateName: 'web-7d4b9c6f8-',
      namespace: 'shop',
      labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Other', name: 'not-me', controller: false }, ref],
    });
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c6f8', controller: true };
    const a = findPods({ apiVersion: 'v1', kind: 'Pod', metadata: meta({ 'pod-template-hash': '7d4b9c6f8' }, rs), spec: podSpec }).pods[0].target;
    expect([a.typeMeta, a.deploymentMeta]).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment' }, { name: 'web', namespace: 'shop' }]);
    const b = findPods({ apiVersion: 'v1', kind: 'Pod', metadata: meta({}, rs), spec: podSpec }).pods[0].target;
    expect([b.typeMeta, b.deploymentMeta.name]).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, 'web-7d4b9c6f8']);
    const c = findPods({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', ownerReferences: [rs] }, spec: podSpec }).pods[0].target;
    expect([c.typeMeta.kind, c.deploymentMeta.name]).toEqual(['Pod', 'solo']);
  });

  it('other kinds: nothing', () => {
    expect(findPods({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { template: tmpl } }).pods).toEqual([]);
  });
});

describe('replacePod', () => {
  it('puts metadata and spec back at the path, leaving the input unchanged', () => {
    const doc = { apiVersion: 'v1', kind: 'List', items: [{ kind: 'Service' }, { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2, template: tmpl } }] };
    const before = JSON.stringify(doc);
    const out = replacePod(doc, ['items', 1, 'spec', 'template'], { labels: { a: 'b' } }, { containers: [] });
    expect(JSON.stringify(doc)).toBe(before);
    expect(out).toEqual({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Service' }, { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } } } }] });
  });

  it('a Pod document: metadata and spec of the object itself', () => {
    const out = replacePod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec }, [], { name: 'p', annotations: { x: 'y' } }, { containers: [] });
    expect(out).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations: { x: 'y' } }, spec: { containers: [] } });
  });
});
