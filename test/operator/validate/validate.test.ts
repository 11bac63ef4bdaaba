import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { IstioOperatorError, type Issue } from '../../../src/operator/issues.js';
import { parseIstioOperatorYaml } from '../../../src/operator/load.js';
import { safeValidateIstioOperator, validateIstioOperator } from '../../../src/operator/validate/index.js';
import { cidrProblem } from '../../../src/operator/validate/rules/ip-ranges.js';
import { isDns1123Label, isImageReference, isObjectName, isTag } from '../../../src/operator/validate/rules/patterns.js';
import { portProblem } from '../../../src/operator/validate/rules/port-lists.js';
import { closestKey, editDistance } from '../../../src/operator/suggest.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';

function check(yaml: string, force = false): ReturnType<typeof safeValidateIstioOperator> {
  const parsed = parseIstioOperatorYaml(HEAD + yaml, 'f.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return safeValidateIstioOperator(parsed.value, { sourceMap: parsed.sourceMap, force });
}

function brief(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.source ? `${i.source.line}:${i.source.column} ` : ''}${i.severity} ${i.code} ${i.path}`);
}

describe('validateIstioOperator', () => {
  it('accepts every built-in profile; only external warns (alone, its injection webhook reaches no istiod)', () => {
    const dir = join(__dirname, '../../../profiles');
    const names = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const f of names) {
      const parsed = parseIstioOperatorYaml(readFileSync(join(dir, f), 'utf8'), `profiles/${f}`);
      expect(parsed.ok, f).toBe(true);
      if (!parsed.ok) continue;
      const r = safeValidateIstioOperator(parsed.value, { sourceMap: parsed.sourceMap });
      const expected = f === 'external.yaml' ? ['23:5 warning remote-istiod-unreachable spec.values.global.remotePilotAddress'] : [];
      expect(r.success ? brief(r.warnings) : brief(r.issues), f).toEqual(expected);
    }
  });

  it('reports all problems at once, sorted by position', () => {
    const r = check('spec:\n  tag: "-x"\n  hub: "docker.io/X"\n  components:\n    pilot:\n      enabled: "no"\n');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(brief(r.issues)).toEqual(['4:3 error invalid-tag spec.tag', '5:3 error invalid-hub spec.hub', '8:7 error invalid-type spec.components.pilot.enabled']);
  });

  it('throws IstioOperatorError carrying the issues', () => {
    const parsed = parseIstioOperatorYaml(`${HEAD}spec:\n  profil: demo\n`, 'f.yaml');
    if (!parsed.ok) throw new Error('parse');
    try {
      validateIstioOperator(parsed.value, { sourceMap: parsed.sourceMap });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IstioOperatorError);
      const err = e as IstioOperatorError;
      expect(err.issues[0]).toMatchObject({ code: 'unknown-field', path: 'spec.profil', suggestion: 'did you mean "profile"?', source: { line: 4, column: 3 } });
      expect(err.message).toBe('f.yaml:4:3: error: spec.profil: unknown field "profil" in IstioOperatorSpec (did you mean "profile"?)');
    }
  });

  it('suggests the right level for a key written one level too high', () => {
    const r = check('spec:\n  pilot:\n    enabled: true\n  global:\n    hub: x\n');
    expect(r.success ? [] : r.issues.map((i) => i.suggestion)).toEqual([
      'did you mean "components.pilot"? "pilot" belongs under "components"',
      'did you mean "values.global"? "global" belongs under "values"',
    ]);
  });

  it('returns the value typed on success', () => {
    const v = validateIstioOperator({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { profile: 'demo', tag: '1.11.8' } });
    expect(v.spec?.profile).toBe('demo');
  });

  it('force turns schema and format errors into warnings but keeps the fatal rules', () => {
    const soft = check('spec:\n  hubb: x\n  tag: "-bad"\n', true);
    expect(soft.success).toBe(true);
    if (soft.success) expect(brief(soft.warnings)).toEqual(['4:3 warning unknown-field spec.hubb', '5:3 warning invalid-tag spec.tag']);
    const hard = check('spec:\n  values:\n    grafana:\n      enabled: true\n', true);
    expect(hard.success).toBe(false);
    if (!hard.success) expect(brief(hard.issues)).toContain('6:7 error removed-addon spec.values.grafana.enabled');
  });

  it('warns about deprecated settings that are set, naming the replacement', () => {
    const r = check('spec:\n  values:\n    global:\n      proxy:\n        holdApplicationUntilProxyStarts: true\n        concurrency: 0\n');
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.warnings.map((w) => [w.path, w.message])).toEqual([
      ['spec.values.global.proxy.holdApplicationUntilProxyStarts', 'this setting is deprecated; use meshConfig.defaultConfig.holdApplicationUntilProxyStarts instead'],
    ]);
  });

  it('says when a deprecated setting has no replacement', () => {
    const r = check('spec:\n  values:\n    global:\n      policyCheckFailOpen: true\n');
    expect(r.success ? r.warnings.map((w) => `${w.path}: ${w.message}`) : []).toEqual([
      'spec.values.global.policyCheckFailOpen: this setting is deprecated and has no replacement: Mixer policy checks were removed',
    ]);
  });

  it('accepts privileged gateway ports with runAsRoot and named target ports', () => {
    const ok = check(
      'spec:\n  components:\n    ingressGateways:\n    - name: gw\n      k8s:\n        service:\n          ports:\n          - port: 80\n            targetPort: http\n          - port: 8443\n  values:\n    gateways:\n      istio-egressgateway:\n        runAsRoot: true\n',
    );
    expect(ok.success).toBe(true);
    const root = check('spec:\n  components:\n    ingressGateways:\n    - name: gw\n      k8s:\n        service:\n          ports:\n          - port: 80\n  values:\n    gateways:\n      istio-ingressgateway:\n        runAsRoot: true\n');
    expect(root.success).toBe(true);
  });

  it('keeps __proto__ as an unknown key, not a prototype', () => {
    const r = check('spec:\n  __proto__:\n    hub: x\n');
    expect(r.success ? [] : brief(r.issues)).toEqual(['4:3 error unknown-field spec.__proto__']);
  });

  it('rejects values YAML cannot hold', () => {
    const cyclic: Record<string, unknown> = { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator' };
    cyclic['spec'] = { values: cyclic };
    const r = safeValidateIstioOperator(cyclic);
    expect(r.success ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['spec.values: the value contains itself (a cycle)']);
    const f = safeValidateIstioOperator({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec: { hub: () => 1, tag: 10n } });
    expect(f.success ? [] : f.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['spec.hub: a function is not a YAML/JSON value', 'spec.tag: a bigint is not a YAML/JSON value']);
  });
});

describe('format rules', () => {
  it.each(['docker.io/istio', 'gcr.io/istio-release', 'localhost:5000/istio', 'registry.example.com:443/team/sub/istio', 'istio', 'a.b/c_d/e__f/g-h'])('hub %s is valid', (h) => expect(isImageReference(h)).toBe(true));
  it.each(['docker.io:tag/istio', 'docker.io/Istio', 'docker.io/istio/', 'a//b', ' docker.io/istio'])('hub %j is invalid', (h) => expect(isImageReference(h)).toBe(false));
  it('tags, revisions and gateway names', () => {
    expect(['1.11.8', '1.11.8-distroless', 'latest', '_x', 'a'.repeat(128)].every(isTag)).toBe(true);
    expect(['', '-x', '.x', 'a'.repeat(129), 'a/b'].some(isTag)).toBe(false);
    expect(['canary', '1-11-8', 'a', 'a'.repeat(63)].every(isDns1123Label)).toBe(true);
    expect(['', 'Canary', '-a', 'a-', 'a.b', 'a'.repeat(64)].some(isDns1123Label)).toBe(false);
    expect(['istio-ingressgateway', 'a.b-c', '0'].every(isObjectName)).toBe(true);
    expect(['', 'A', 'a_b', 'a'.repeat(255)].some(isObjectName)).toBe(false);
  });
  it('is linear on adversarial input', () => {
    const t = Date.now();
    for (let i = 0; i < 20; i++) isImageReference('a' + '-'.repeat(4000) + '!');
    expect(Date.now() - t).toBeLessThan(2000);
  });
  it.each(['10.0.0.0/8', '0.0.0.0/0', '::/0', '2001:db8::/32', 'fe80::1/128', '::ffff:10.0.0.0/104', '1:2:3:4:5:6:7:8/64'])('CIDR %s is valid', (c) => expect(cidrProblem(c)).toBeUndefined());
  it.each(['10.0.0.0', '10.0.0/8', '10.0.0.256/8', '01.0.0.0/8', '::1::/64', '1:2:3:4:5:6:7:8:9/64', 'x/8', '10.0.0.0/08x'])('CIDR %s is invalid', (c) => expect(cidrProblem(c)).toBeDefined());
  it('ports', () => {
    expect(['0', '80', '65535', '+8'].map(portProblem)).toEqual([undefined, undefined, undefined, undefined]);
    expect(['-1', '65536', 'x', '', '8.0'].every((p) => portProblem(p) !== undefined)).toBe(true);
  });
  it('list rules accept *, empty and spaced lists', () => {
    expect(check('spec:\n  values:\n    global:\n      proxy:\n        includeIPRanges: "*"\n        excludeIPRanges: " 10.0.0.0/8 , 192.168.0.0/16"\n        excludeInboundPorts: "15020, 15021"\n').success).toBe(true);
  });
});

describe('did you mean', () => {
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
    expect(editDistance('nmae', 'name')).toBe(1);
  });
  it('suggests close keys only', () => {
    expect(closestKey('enabeld', ['enabled', 'namespace'])).toBe('enabled');
    expect(closestKey('ingress_gateways', ['ingressGateways', 'egressGateways'])).toBe('ingressGateways');
    expect(closestKey('zzzzzz', ['enabled', 'namespace'])).toBeUndefined();
    expect(closestKey('ab', ['xy'])).toBeUndefined();
  });
});

describe('istio-installer validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'validate-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) }, { cwd: dir });
    return { code, out, err };
  }

  it('prints OK for valid files and exits 0', async () => {
    writeFileSync(join(dir, 'ok.yaml'), `${HEAD}spec:\n  profile: demo\n`);
    writeFileSync(join(dir, 'ok2.yaml'), `${HEAD}spec:\n  tag: 1.11.8\n`);
    expect(await run(['validate', '-f', 'ok.yaml', '-f', 'ok2.yaml'])).toEqual({ code: 0, out: 'OK: ok.yaml\nOK: ok2.yaml\n', err: '' });
  });

  it('checks every file and exits 1 when one fails', async () => {
    writeFileSync(join(dir, 'bad.yaml'), `${HEAD}spec:\n  hubb: x\n`);
    const r = await run(['validate', '-f', 'ok.yaml', 'bad.yaml']);
    expect(r).toEqual({ code: 1, out: 'OK: ok.yaml\n', err: 'bad.yaml:4:3: error: spec.hubb: unknown field "hubb" in IstioOperatorSpec (did you mean "hub"?)\n' });
  });

  it('--force passes with warnings', async () => {
    const r = await run(['validate', '--force', '-f', 'bad.yaml']);
    expect(r).toEqual({ code: 0, out: 'OK: bad.yaml\n', err: 'bad.yaml:4:3: warning: spec.hubb: unknown field "hubb" in IstioOperatorSpec (did you mean "hub"?)\n' });
  });

  it('reports unreadable files clearly', async () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    expect(await run(['validate', '-f', 'missing.yaml'])).toEqual({ code: 1, out: '', err: 'missing.yaml: error: cannot read the file: no such file\n' });
    expect(await run(['validate', '-f', 'adir'])).toEqual({ code: 1, out: '', err: 'adir: error: cannot read the file: it is a directory\n' });
  });

  it('needs -f', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--filename');
  });
});
