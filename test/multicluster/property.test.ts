/**
 * Properties of safeGenerateRemoteSecret: any kubeconfig text (and any cluster name, context,
 * server or token) gives either a Secret or issues, never an exception; a Secret always passes
 * strict Kubernetes validation and holds exactly one cluster, user and context named after the
 * cluster; issues are always errors with a code and message.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateObjects } from '../../src/manifest/index.js';
import { referencedFiles, safeGenerateRemoteSecret, type RemoteSecretInput } from '../../src/multicluster/index.js';

function check(input: RemoteSecretInput): void {
  let r: ReturnType<typeof safeGenerateRemoteSecret>;
  try {
    r = safeGenerateRemoteSecret(input);
  } catch (e) {
    throw new Error(`threw on ${JSON.stringify(input)}: ${String(e)}`);
  }
  expect(() => referencedFiles(input.kubeconfig.text, input.context)).not.toThrow();
  if (!r.success) {
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
    for (const i of r.issues) expect(i.code !== '' && i.message !== '').toBe(true);
    return;
  }
  for (const w of r.data.warnings) expect(w.severity).toBe('warning');
  expect(parse(r.data.yaml)).toEqual(r.data.secret);
  expect(validateObjects([r.data.secret], { version: '1.34' })).toEqual([]);
  const key = input.type === 'config' ? 'config' : input.clusterName;
  const kc = parse((r.data.secret.stringData as Record<string, string>)[key] as string) as Record<string, unknown>;
  expect((kc.clusters as { name: string }[]).map((c) => c.name)).toEqual([input.clusterName]);
  expect((kc.users as { name: string }[]).map((c) => c.name)).toEqual([input.clusterName]);
  expect((kc.contexts as { name: string }[]).map((c) => c.name)).toEqual([input.clusterName]);
  expect(kc['current-context']).toBe(input.clusterName);
  // Nothing that runs a program or points at a file is left (keys only: values may be anything).
  expect(r.data.kubeconfig).not.toMatch(/^ *(- )?(exec|auth-provider|tokenFile|certificate-authority|client-key|client-certificate):/m);
}

const names = fc.constantFrom('a', 'b', 'ctx', '__proto__', 'constructor', '', 'kind-east');
const scalar = fc.oneof(fc.constantFrom<unknown>(null, true, 1, 'yes', '', 'https://h:6443', 'https://127.0.0.1:1', 'http://x', 'ftp://y', 'QUJD', 'a b', 'ca.crt', 'tok'), fc.string({ maxLength: 12 }));
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('name', 'server', 'token', 'x', '__proto__'), tie('v'), { maxKeys: 3 })),
})).v;

const clusterBody = fc.record(
  {
    server: scalar,
    'certificate-authority': scalar,
    'certificate-authority-data': scalar,
    'insecure-skip-tls-verify': scalar,
    'tls-server-name': scalar,
  },
  { requiredKeys: [] },
);
const userBody = fc.record(
  {
    token: scalar,
    tokenFile: scalar,
    'client-certificate': scalar,
    'client-certificate-data': scalar,
    'client-key': scalar,
    'client-key-data': scalar,
    username: scalar,
    password: scalar,
    exec: fc.oneof(value, fc.constant({ command: 'aws' })),
    'auth-provider': fc.oneof(value, fc.constant({ name: 'gcp' })),
    'as-groups': value,
  },
  { requiredKeys: [] },
);
const kubeconfigObject = fc.record(
  {
    apiVersion: fc.constant('v1'),
    kind: fc.constantFrom<unknown>('Config', 'Pod', null, 3),
    clusters: fc.oneof(fc.array(fc.record({ name: fc.oneof(names, scalar), cluster: fc.oneof(clusterBody, value) }, { requiredKeys: [] }), { maxLength: 3 }), value),
    users: fc.oneof(fc.array(fc.record({ name: fc.oneof(names, scalar), user: fc.oneof(userBody, value) }, { requiredKeys: [] }), { maxLength: 3 }), value),
    contexts: fc.oneof(fc.array(fc.record({ name: fc.oneof(names, scalar), context: fc.record({ cluster: fc.oneof(names, scalar), user: fc.oneof(names, scalar) }, { requiredKeys: [] }) }, { requiredKeys: [] }), { maxLength: 3 }), value),
    'current-context': fc.oneof(names, scalar),
    __proto__: value,
  },
  { requiredKeys: [] },
);

const files = fc.constantFrom(
  new Map<string, Uint8Array>(),
  new Map([
    ['ca.crt', new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n')],
    ['tok', new TextEncoder().encode(' t0ken \n')],
  ]),
  new Map([
    ['ca.crt', new Uint8Array([0xff, 0, 1])],
    ['tok', new Uint8Array([0xff])],
  ]),
);

const options = fc.record(
  {
    clusterName: fc.oneof(fc.constantFrom('west', 'a', 'x-1', '__proto__', 'constructor', 'Bad'), fc.string({ maxLength: 10 })),
    context: names,
    type: fc.constantFrom<'remote' | 'config'>('remote', 'config'),
    server: fc.oneof(fc.constantFrom('https://203.0.113.1:6443', 'localhost:1', 'http://[::1]', '::', ''), fc.string({ maxLength: 10 })),
    token: fc.oneof(fc.constantFrom('tok', '', 'a b', '\n'), fc.string({ maxLength: 6 })),
    namespace: fc.constantFrom('istio-system', 'external-istiod', 'Bad_NS'),
  },
  { requiredKeys: ['clusterName'] },
);

const pick = <T>(...v: T[]): fc.Arbitrary<T> => fc.constantFrom(...v);
const small = pick('a', 'b');
const validish = fc.record(
  {
    kind: pick('Config'),
    clusters: fc.array(
      fc.record(
        {
          name: small,
          cluster: fc.record(
            {
              server: pick('https://203.0.113.9:6443', 'https://127.0.0.1:6443', 'http://api:8080', 'api.example:443'),
              'certificate-authority-data': pick('QUJD', 'QUJD\nREVG'),
              'certificate-authority': pick('ca.crt'),
              'insecure-skip-tls-verify': fc.boolean(),
            },
            { requiredKeys: ['server'] },
          ),
        },
        { requiredKeys: ['name', 'cluster'] },
      ),
      { minLength: 1, maxLength: 2 },
    ),
    users: fc.array(
      fc.record(
        {
          name: small,
          user: fc.oneof(
            fc.record({ token: pick('t1', 'eyJ.a.b') }),
            fc.record({ tokenFile: pick('tok') }),
            fc.record({ 'client-certificate-data': pick('QUJD'), 'client-key-data': pick('REVG') }),
            fc.record({ username: pick('u'), password: pick('p') }),
            fc.record({ exec: pick({ command: 'aws' }) }),
          ),
        },
        { requiredKeys: ['name', 'user'] },
      ),
      { minLength: 1, maxLength: 2 },
    ),
    contexts: fc.array(fc.record({ name: small, context: fc.record({ cluster: small, user: small }) }), { minLength: 1, maxLength: 2 }),
    'current-context': small,
  },
  { requiredKeys: ['clusters', 'users', 'contexts', 'current-context'] },
);
const validOptions = fc.record(
  {
    clusterName: pick('west', 'east-1', 'c0'),
    type: pick<'remote' | 'config'>('remote', 'config'),
    token: pick('sa-token'),
    server: pick('https://198.51.100.7:6443'),
    namespace: pick('istio-system', 'external-istiod'),
  },
  { requiredKeys: ['clusterName'] },
);

describe('safeGenerateRemoteSecret never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom('clusters:', '- ', 'name: a', '  cluster:', '    server: x', '{', '[', '"', ': ', '&a ', '*a', '<<: ', 'y', '\n', '  ', '---\n', '#', '|'), { maxLength: 40 }).map((a) => a.join(''))), options, (text, opts) =>
        check({ kubeconfig: { text, file: 'k.yaml' }, ...opts }),
      ),
      { numRuns: 400 },
    );
  });

  it('on kubeconfig-shaped documents (YAML and JSON)', () => {
    fc.assert(
      fc.property(kubeconfigObject, options, files, fc.boolean(), (obj, opts, fileMap, json) => {
        const text = json ? JSON.stringify(obj) : stringify(obj);
        check({ kubeconfig: { text, file: 'k.yaml' }, ...opts, files: fileMap });
      }),
      { numRuns: 500 },
    );
  });

  it('on mostly valid kubeconfigs, and every Secret is valid', () => {
    let successes = 0;
    fc.assert(
      fc.property(validish, validOptions, files, fc.boolean(), (obj, opts, fileMap, json) => {
        const text = json ? JSON.stringify(obj) : stringify(obj);
        const input = { kubeconfig: { text, file: 'k.yaml' }, ...opts, files: fileMap };
        check(input);
        if (safeGenerateRemoteSecret(input).success) successes++;
      }),
      { numRuns: 400 },
    );
    // The generator reaches the success path often, not only errors.
    expect(successes, `${successes} of 400`).toBeGreaterThan(20);
  });

  it('on nesting and alias bombs', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    for (const text of [deep, bomb, `${'- '.repeat(3000)}x`]) {
      const r = safeGenerateRemoteSecret({ kubeconfig: { text, file: 'k.yaml' }, clusterName: 'west' });
      expect(r.success).toBe(false);
    }
  });
});
