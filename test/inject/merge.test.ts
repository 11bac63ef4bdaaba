import { describe, expect, it } from 'vitest';
import { applyFragment, MergeError, mergeFragments, strategicMerge } from '../../src/inject/merge.js';

const proxy = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.11.8', args: ['proxy', 'sidecar'], ...extra });

describe('strategicMerge with corev1.Pod patch metadata', () => {
  it('containers by name: merged in place; order as apimachinery interleaves patch and original (mergeSortedSlice)', () => {
    // patch items [istio-proxy, side], original-only [app]: istio-proxy is unknown to the original
    // order so it goes first; app precedes side in the original, so app comes next.
    const out = strategicMerge({ spec: { containers: [{ name: 'app', image: 'a' }, { name: 'side', image: 's' }] } }, { spec: { containers: [proxy(), { name: 'side', imagePullPolicy: 'Always' }] } });
    expect(out).toEqual({ spec: { containers: [proxy(), { name: 'app', image: 'a' }, { name: 'side', image: 's', imagePullPolicy: 'Always' }] } });
  });

  it('a new container when the pod has others: patch items first, original-only items after', () => {
    const out = strategicMerge({ spec: { containers: [{ name: 'app', image: 'a' }] } }, { spec: { containers: [proxy()] } }) as { spec: { containers: { name: string }[] } };
    expect(out.spec.containers.map((c) => c.name)).toEqual(['istio-proxy', 'app']);
  });

  it('env by name, ports by containerPort, volumeMounts by mountPath; args replaced', () => {
    const original = {
      spec: {
        containers: [
          {
            name: 'istio-proxy',
            image: 'auto',
            args: ['a'],
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
            ports: [{ containerPort: 15090, name: 'old' }],
            volumeMounts: [{ mountPath: '/etc/x', name: 'x' }],
          },
        ],
      },
    };
    const patch = {
      spec: {
        containers: [
          {
            name: 'istio-proxy',
            args: ['b', 'c'],
            env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }],
            ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
            volumeMounts: [{ mountPath: '/etc/istio/proxy', name: 'istio-envoy' }],
          },
        ],
      },
    };
    expect(strategicMerge(original, patch)).toEqual({
      spec: {
        containers: [
          {
            name: 'istio-proxy',
            image: 'auto',
            args: ['b', 'c'],
            env: [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }],
            ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
            volumeMounts: [{ mountPath: '/etc/istio/proxy', name: 'istio-envoy' }, { mountPath: '/etc/x', name: 'x' }],
          },
        ],
      },
    });
  });

  it('volumes and imagePullSecrets by name; tolerations (no merge key) replaced; maps merged; null deletes', () => {
    const original = {
      metadata: { labels: { app: 'web' }, annotations: { a: '1', gone: 'x' } },
      spec: { volumes: [{ name: 'data', emptyDir: {} }], imagePullSecrets: [{ name: 'mine' }], tolerations: [{ key: 'a' }], securityContext: { runAsUser: 1000 } },
    };
    const patch = {
      metadata: { labels: { 'security.istio.io/tlsMode': 'istio' }, annotations: { gone: null } },
      spec: { volumes: [{ name: 'istio-envoy', emptyDir: { medium: 'Memory' } }], imagePullSecrets: [{ name: 'mine' }, { name: 'istio' }], tolerations: [{ key: 'b' }], securityContext: { fsGroup: 1337 } },
    };
    expect(strategicMerge(original, patch)).toEqual({
      metadata: { labels: { app: 'web', 'security.istio.io/tlsMode': 'istio' }, annotations: { a: '1' } },
      spec: {
        volumes: [{ name: 'istio-envoy', emptyDir: { medium: 'Memory' } }, { name: 'data', emptyDir: {} }],
        imagePullSecrets: [{ name: 'mine' }, { name: 'istio' }],
        tolerations: [{ key: 'b' }],
        securityContext: { runAsUser: 1000, fsGroup: 1337 },
      },
    });
  });

  it('$patch: delete removes a list item; $patch: replace replaces a map', () => {
    const out = strategicMerge(
      { spec: { containers: [{ name: 'app' }, { name: 'old' }], securityContext: { runAsUser: 1 } } },
      { spec: { containers: [{ name: 'old', $patch: 'delete' }], securityContext: { $patch: 'replace', fsGroup: 2 } } },
    );
    expect(out).toEqual({ spec: { containers: [{ name: 'app' }], securityContext: { fsGroup: 2 } } });
  });

  it('a list item without its merge key is an error with its path', () => {
    expect(() => strategicMerge({ spec: { containers: [] } }, { spec: { containers: [{ image: 'x' }] } })).toThrow(MergeError);
    try {
      strategicMerge({ spec: {} }, { spec: { volumes: [{ name: 'a' }, { emptyDir: {} }] } });
    } catch (e) {
      expect((e as MergeError).path).toBe('spec.volumes[1]');
    }
  });

  it('never writes through __proto__ keys', () => {
    const patch = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}') as unknown;
    const out = strategicMerge({ metadata: { labels: {} } }, patch) as { metadata: { labels: Record<string, unknown> } };
    expect(Object.hasOwn(out.metadata.labels, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('mergeFragments (RunTemplate + reapplyOverwrittenContainers)', () => {
  const original = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'app:1' }] },
  };

  it('fragments are applied in turn; the template pod holds only what the templates wrote', () => {
    const { pod, templatePod } = mergeFragments(original, [
      { spec: { initContainers: [{ name: 'istio-init', image: 'p' }], containers: [proxy()] } },
      { metadata: { annotations: { second: 'yes' } }, spec: { volumes: [{ name: 'istio-envoy', emptyDir: {} }] } },
    ]);
    expect(pod.spec.containers).toEqual([proxy(), { name: 'app', image: 'app:1' }]);
    expect(pod.spec.initContainers).toEqual([{ name: 'istio-init', image: 'p' }]);
    expect(pod.metadata).toEqual({ labels: { app: 'web' }, annotations: { second: 'yes' } });
    expect(templatePod.spec).toEqual({ initContainers: [{ name: 'istio-init', image: 'p' }], containers: [proxy()], volumes: [{ name: 'istio-envoy', emptyDir: {} }] });
    expect(original.spec.containers).toHaveLength(1);
  });

  it("the user's istio-proxy fields win over the template's; image auto keeps the template's image; recorded in proxy.istio.io/overrides", () => {
    const user = {
      metadata: {},
      spec: {
        containers: [
          { name: 'app', image: 'app:1' },
          { name: 'istio-proxy', image: 'auto', args: ['custom'], resources: { limits: { cpu: '2' } }, env: [{ name: 'X', value: 'user' }] },
        ],
      },
    };
    const { pod } = mergeFragments(user, [{ spec: { containers: [proxy({ env: [{ name: 'X', value: 'template' }, { name: 'Y', value: 't' }], resources: { requests: { cpu: '100m' } } })] } }]);
    const sidecar = (pod.spec.containers as Record<string, unknown>[]).find((c) => c.name === 'istio-proxy');
    expect(sidecar).toEqual({
      name: 'istio-proxy',
      image: 'docker.io/istio/proxyv2:1.11.8',
      args: ['custom'],
      resources: { requests: { cpu: '100m' }, limits: { cpu: '2' } },
      env: [{ name: 'X', value: 'user' }, { name: 'Y', value: 't' }],
    });
    expect((pod.spec.containers as { name: string }[]).map((c) => c.name)).toEqual(['app', 'istio-proxy']);
    expect((pod.metadata.annotations as Record<string, string>)['proxy.istio.io/overrides']).toBe(
      '{"containers":[{"name":"istio-proxy","args":["custom"],"env":[{"name":"X","value":"user"}],"resources":{"limits":{"cpu":"2"}}}]}',
    );
  });

  it('no overlap: no overrides annotation', () => {
    const { pod } = mergeFragments(original, [{ spec: { containers: [proxy()] } }]);
    expect(pod.metadata.annotations).toBeUndefined();
  });
});

describe('applyFragment', () => {
  it('template output that is not a pod is a MergeError naming the field, not a silently emptied pod', () => {
    const pod = { metadata: {}, spec: { containers: [{ name: 'app' }] } };
    const bad = (f: Record<string, unknown>): string => {
      try {
        applyFragment(pod, f);
      } catch (e) {
        if (e instanceof MergeError) return `${e.path}: ${e.message}`;
        throw e;
      }
      return 'accepted';
    };
    expect(bad({ spec: 'text' })).toBe('spec: expected an object');
    expect(bad({ spec: { containers: 'x' } })).toBe('spec.containers: expected a list');
    expect(bad({ spec: { volumes: [1] } })).toBe('spec.volumes[0]: expected an object');
    expect(bad({ metadata: [] })).toBe('metadata: expected an object');
    expect(bad({ spec: { containers: [{ name: 'istio-proxy' }] } })).toBe('accepted');
  });
});
