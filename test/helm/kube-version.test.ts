// --kube-version parsing per helm version and the kubeVersion constraint check (measured on
// helm 3.17.3 and 4.1.4 with `helm template --kube-version X`, printing String, Version, Major,
// Minor and GitVersion of .Capabilities.KubeVersion).
import { describe, expect, it } from 'vitest';
import { kubeVersionMismatch, parseKubeVersion } from '../../src/helm/kube-version.js';

type Row = [input: string, helm3: string, helm4: string];
// Each side: "String Version Major Minor" or the error after "invalid kube version 'X': ".
const rows: Row[] = [
  ['1.19', 'v1.19.0 v1.19.0 1 19', 'v1.19 v1.19 1 19'],
  ['v1.19', 'v1.19.0 v1.19.0 1 19', 'v1.19 v1.19 1 19'],
  ['1.19.3-rc.1', 'v1.19.3-rc.1 v1.19.3-rc.1 1 19', 'v1.19.3 v1.19.3-rc.1 1 19'],
  ['1.19.3.4', '!Invalid Semantic Version', 'v1.19.3.4 v1.19.3.4 1 19'],
  ['1', 'v1.0.0 v1.0.0 1 0', '!illegal version string "1"'],
  ['01.19', 'v1.19.0 v1.19.0 1 19', '!illegal zero-prefixed version component "01" in "01.19"'],
  ['1.19.3foo', '!Invalid Semantic Version', 'v1.19.3 v1.19.3foo 1 19'],
  ['1.19-x', 'v1.19.0-x v1.19.0-x 1 19', 'v1.19 v1.19-x 1 19'],
  ['1.019', 'v1.19.0 v1.19.0 1 19', 'v1.19 v1.019 1 19'],
  ['V1.2', '!Invalid Semantic Version', '!could not parse "V1.2" as version'],
  [' 1.2', '!Invalid Semantic Version', 'v1.2 v 1.2 1 2'],
  ['1.2 ', '!Invalid Semantic Version', 'v1.2 v1.2  1 2'],
  ['1.2.3+meta', 'v1.2.3+meta v1.2.3+meta 1 2', 'v1.2.3 v1.2.3+meta 1 2'],
  ['1.2.3-01', '!Version segment starts with 0', 'v1.2.3 v1.2.3-01 1 2'],
];

describe('parseKubeVersion', () => {
  for (const [input, ...want] of rows) {
    (['helm3', 'helm4'] as const).forEach((compat, i) => {
      it(`${compat} ${JSON.stringify(input)}`, () => {
        const r = parseKubeVersion(input, compat);
        const got = r.ok
          ? `${compat === 'helm3' ? r.value.version : r.value.normalized} ${r.value.version} ${r.value.major} ${r.value.minor}`
          : `!${r.error.slice(`invalid kube version '${input}': `.length)}`;
        expect(got).toBe(want[i]);
      });
    });
  }
});

describe('kubeVersionMismatch', () => {
  it('checks helm 3 against the full version and helm 4 against the normalized one', () => {
    const h3 = parseKubeVersion('1.21.0-rc.1', 'helm3');
    const h4 = parseKubeVersion('1.21.0-rc.1', 'helm4');
    if (!h3.ok || !h4.ok) throw new Error('parse');
    expect(kubeVersionMismatch('>=1.20.0', h3.value, 'helm3')).toBe(
      'chart requires kubeVersion: >=1.20.0 which is incompatible with Kubernetes v1.21.0-rc.1',
    );
    expect(kubeVersionMismatch('>=1.20.0', h4.value, 'helm4')).toBeUndefined();
    expect(kubeVersionMismatch('nonsense', h4.value, 'helm4')).toBe('chart requires kubeVersion: nonsense which is incompatible with Kubernetes v1.21.0');
  });
});
