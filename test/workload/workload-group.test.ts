/**
 * Reading a WorkloadGroup file: what is taken from it, and every problem at its file:line:column
 * with a suggestion. A property: no text makes the reader (or the whole command) throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatIssue } from '../../src/operator/issues.js';
import { parseWorkloadGroup, safeConfigureWorkload } from '../../src/workload/index.js';

function problems(text: string): string[] {
  const r = parseWorkloadGroup(text, 'g.yaml');
  if (r.success) return [];
  return r.issues.map(formatIssue);
}

const HEAD = 'apiVersion: networking.istio.io/v1beta1\nkind: WorkloadGroup\nmetadata:\n  name: db\n  namespace: data\n';

describe('what is read', () => {
  it('defaults: no spec at all means service account "default", no ports, no probe', () => {
    const r = parseWorkloadGroup(HEAD, 'g.yaml');
    expect(r.success).toBe(true);
    if (!r.success) return;
    const g = r.group;
    expect([g.name, g.namespace, g.serviceAccount, g.network, g.ports, g.probe, g.labels.size]).toEqual(['db', 'data', 'default', '', [], undefined, 0]);
    expect(r.warnings).toEqual([]);
  });

  it('ports in the order written, a probe as protobuf JSON without zero values, accepted ObjectMeta noise', () => {
    const text = `${HEAD}  uid: 1234\n  resourceVersion: "5"\nspec:\n  template:\n    ports:\n      tcp: 5432\n      metrics: 9187\n  probe:\n    timeoutSeconds: 0\n    exec:\n      command: [pg_isready]\nstatus: {}\n`;
    const r = parseWorkloadGroup(text, 'g.yaml');
    if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.group.ports).toEqual([
      { name: 'tcp', port: 5432 },
      { name: 'metrics', port: 9187 },
    ]);
    expect(r.group.probe).toEqual({ exec: { command: ['pg_isready'] } });
  });

  it('warns about a template address and template labels', () => {
    const r = parseWorkloadGroup(`${HEAD}spec:\n  template:\n    address: 10.0.0.1\n    labels:\n      app: db\n`, 'g.yaml');
    expect(r.success && r.warnings.map(formatIssue)).toEqual([
      'g.yaml:8:5: warning: spec.template.address: the template of a WorkloadGroup has no address: each VM registers its own (remove spec.template.address)',
      'g.yaml:9:5: warning: spec.template.labels: labels belong in spec.metadata.labels; these override the ones there (move them to spec.metadata.labels)',
    ]);
  });
});

describe('problems, each at its position', () => {
  it('not a WorkloadGroup', () => {
    expect(problems('apiVersion: networking.istio.io/v1alpha3\nkind: WorkloadEntry\nmetadata:\n  name: x\n')).toEqual([
      'g.yaml:2:1: error: kind: expected kind WorkloadGroup, got the string "WorkloadEntry" (the file must hold one WorkloadGroup (kubectl get workloadgroup NAME -n NAMESPACE -o yaml prints one))',
    ]);
    expect(problems(HEAD.replace('v1beta1', 'v1'))).toEqual([
      'g.yaml:1:1: error: apiVersion: apiVersion the string "networking.istio.io/v1": a WorkloadGroup of Istio 1.11 is networking.istio.io/v1alpha3 or networking.istio.io/v1beta1 (apiVersion: networking.istio.io/v1alpha3)',
    ]);
  });

  it('unknown fields suggest the closest name', () => {
    expect(problems(`${HEAD}spec:\n  template:\n    serviceAcount: db\n  prob: {}\n`)).toEqual([
      'g.yaml:8:5: error: spec.template.serviceAcount: unknown field "serviceAcount"; known fields here: address, ports, labels, network, locality, weight, serviceAccount (did you mean "serviceAccount"?)',
      'g.yaml:9:3: error: spec.prob: unknown field "prob"; known fields here: metadata, template, probe (did you mean "probe"?)',
    ]);
  });

  it('names, ports, labels', () => {
    const text = `apiVersion: networking.istio.io/v1alpha3\nkind: WorkloadGroup\nmetadata:\n  name: DB_1\n  namespace: data\nspec:\n  metadata:\n    labels:\n      app: "a b"\n  template:\n    serviceAccount: Admin\n    ports:\n      http: 70000\n      Bad_Name: 80\n      grpc: "9090"\n`;
    expect(problems(text)).toEqual([
      'g.yaml:4:3: error: metadata.name: "DB_1" must be a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
      'g.yaml:9:7: error: spec.metadata.labels.app: invalid value "a b": must be empty or consist of letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      'g.yaml:11:5: error: spec.template.serviceAccount: "Admin" must be a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
      'g.yaml:13:7: error: spec.template.ports.http: 70000 is out of range: expected 1 to 65535',
      'g.yaml:14:7: error: spec.template.ports.Bad_Name: port name "Bad_Name" must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit',
      'g.yaml:15:7: error: spec.template.ports.grpc: expected an integer from 1 to 65535, got the string "9090" (write it without quotes: 9090)',
    ]);
  });

  it('a missing name', () => {
    expect(problems('apiVersion: networking.istio.io/v1alpha3\nkind: WorkloadGroup\nmetadata:\n  namespace: x\n')).toEqual([
      'g.yaml:3:1: error: metadata: metadata.name is required: it names the group (ISTIO_SERVICE, the canonical service and auto-registered WorkloadEntries are derived from it) (add metadata.name, e.g. name: ratings-vm)',
    ]);
  });

  it('probes: one health check, with a port', () => {
    expect(problems(`${HEAD}spec:\n  probe:\n    periodSeconds: -1\n    httpGet: {path: /}\n    tcpSocket: {port: 80}\n`)).toEqual([
      'g.yaml:7:3: error: spec.probe: a probe has exactly one health check, not httpGet and tcpSocket (keep one of httpGet, tcpSocket)',
      'g.yaml:8:5: error: spec.probe.periodSeconds: -1 is out of range: expected 0 to 2147483647',
      'g.yaml:9:5: error: spec.probe.httpGet: httpGet.port is required (the port the application serves its readiness endpoint on, e.g. port: 8080)',
    ]);
    expect(problems(`${HEAD}spec:\n  probe:\n    periodSeconds: 3\n`)[0]).toContain('a probe needs one health check: httpGet, tcpSocket or exec');
  });

  it('files that are not one WorkloadGroup document', () => {
    expect(problems('')).toEqual(['g.yaml:1:1: error: the file holds no YAML document; expected one WorkloadGroup']);
    expect(problems(`${HEAD}---\n${HEAD}`)).toEqual(['g.yaml:7:1: error: the file holds 2 YAML documents; expected one WorkloadGroup (put each WorkloadGroup in a file of its own)']);
    expect(problems('- a\n- b\n')[0]).toContain('expected a WorkloadGroup (a mapping with apiVersion, kind, metadata and spec)');
    expect(problems(`${HEAD}spec: {template: [}\n`)[0]).toMatch(/^g\.yaml:\d+:\d+: error: /);
    expect(problems(`${HEAD}  name: again\n`)[0]).toContain('duplicate key "name"');
  });
});

describe('property: any text, any WorkloadGroup-shaped data, never throws', () => {
  it('parseWorkloadGroup on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseWorkloadGroup(text, 'p.yaml');
        if (!r.success) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('__proto__', 'constructor', '80', 'true'));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'http', 'port')), tie('v'), { maxKeys: 3 })),
  })).v;
  const group = fc.record({
    apiVersion: fc.constantFrom('networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1', 'v1'),
    kind: fc.constantFrom('WorkloadGroup', 'WorkloadEntry'),
    metadata: fc.oneof(fc.record({ name: fc.constantFrom('vm', 'Bad Name', ''), namespace: fc.constantFrom('ns', '__proto__') }), value),
    spec: fc.oneof(
      fc.record({
        metadata: fc.oneof(fc.record({ labels: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }) }), value),
        template: fc.oneof(fc.record({ ports: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), scalar), { maxKeys: 3 }), serviceAccount: scalar, network: scalar }), value),
        probe: value,
      }),
      value,
    ),
  });

  it('parseWorkloadGroup on WorkloadGroup-shaped YAML', () => {
    fc.assert(
      fc.property(group, (g) => {
        const r = parseWorkloadGroup(stringify(g), 'p.yaml');
        expect(typeof r.success).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('valid groups with arbitrary labels, network and ports always succeed; every cluster.env line is KEY=<one shell word>', () => {
    const safe = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.dictionary(safe, fc.oneof(safe, fc.constant('')), { maxKeys: 4 }), fc.string({ maxLength: 20 }), fc.dictionary(fc.stringMatching(/^p[a-z0-9-]{0,8}[a-z0-9]$/), fc.integer({ min: 1, max: 65535 }), { maxKeys: 4 }), (labels, network, ports) => {
        const doc = { apiVersion: 'networking.istio.io/v1alpha3', kind: 'WorkloadGroup', metadata: { name: 'vm', namespace: 'ns' }, spec: { metadata: { labels }, template: { network, ports } } };
        const r = safeConfigureWorkload({ workloadGroup: { text: JSON.stringify(doc), file: 'p.json' }, ingressIP: '203.0.113.1' });
        if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
        const env = r.data.files.find((f) => f.path === 'cluster.env')?.text ?? '';
        for (const line of env.slice(0, -1).split('\n')) expect(line).toMatch(/^[A-Za-z_][A-Za-z0-9_]*=(?:[A-Za-z0-9_@%+=:,.\/-]+|'(?:[^']|'"'"')*')$/);
        expect(env).toContain(`ISTIO_META_NETWORK=`);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('the whole command (a rendered installation each time) answers with files or issues', () => {
    fc.assert(
      fc.property(group, fc.option(fc.constantFrom('10.0.0.1', 'x', '::1')), (g, ip) => {
        const r = safeConfigureWorkload({ workloadGroup: { text: stringify(g), file: 'p.yaml' }, ingressIP: '203.0.113.1', ...(ip !== null ? { workloadIP: ip } : {}) });
        if (r.success) expect(r.data.files.map((f) => f.path)).toContain('cluster.env');
        else expect(r.issues.some((i) => i.severity === 'error' && i.code !== 'internal-error')).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
