/**
 * Golden snapshots of `manifest generate` (render().toYaml(), what the CLI prints on stdout): every
 * built-in profile with and without revision canary, and every fixture under test/fixtures/iop/.
 * The files are test/golden/manifests/<case>.yaml; UPDATE_GOLDEN=1 rewrites them (read the diff
 * before committing: a golden is accepted only after it was reviewed).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { render } from '../../src/manifest/index.js';
import { cases, fixtureFile, fixtureNames, golden, GOLDEN_DIR, plansOf } from './helpers.js';

const CASES = cases();

/** The warnings a case is expected to give (by code); every other case renders without any. */
const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  'profile-external': ['remote-istiod-unreachable'],
  'profile-external-canary': ['remote-istiod-unreachable'],
  'profile-remote': ['remote-pilot-address-missing'],
  'profile-remote-canary': ['remote-pilot-address-missing'],
  // deliberate: global.proxy.holdApplicationUntilProxyStarts is deprecated but still honoured
  'fixture-values-global-proxy': ['deprecated'],
};

describe('manifest generate goldens', () => {
  it('covers at least 20 fixtures, each saying what it covers in its first comment', () => {
    expect(fixtureNames().length).toBeGreaterThanOrEqual(20);
    const undocumented = fixtureNames().filter((f) => !fixtureFile(f).text.startsWith('# Covers: '));
    expect(undocumented).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s matches its golden file', (_name, c) => {
    const set = render(c.input);
    const text = set.toYaml();
    expect(set.warnings.map((w) => w.code), set.warnings.map((w) => w.message).join('\n')).toEqual(EXPECTED_WARNINGS[c.name] ?? []);
    // Only the empty profile renders nothing.
    expect(text === '').toBe(c.name.startsWith('profile-empty'));
    expect(text).toBe(golden(`${c.name}.yaml`, text));
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: every object names its component; revisioned objects their revision', (_name, c) => {
    const plans = plansOf(c.input);
    const revision = plans[0]?.revision ?? '';
    const wrong: string[] = [];
    for (const o of render(c.input).objects) {
      const meta = (o.object['metadata'] ?? {}) as { labels?: Record<string, unknown> };
      const labels = meta.labels ?? {};
      const id = `${o.kind}/${o.name}`;
      if (labels['operator.istio.io/component'] !== o.component) wrong.push(`${id}: operator.istio.io/component ${String(labels['operator.istio.io/component'])}`);
      // Base objects and CRDs are shared by all revisions; a gateway of the default revision has no
      // istio.io/rev label (the revision-less injector webhook injects it).
      const shared = o.component === 'Base' || o.kind === 'CustomResourceDefinition';
      const gatewayOfDefault = (o.component === 'IngressGateways' || o.component === 'EgressGateways') && revision === '';
      if (!shared && !gatewayOfDefault && labels['istio.io/rev'] !== (revision === '' ? 'default' : revision)) wrong.push(`${id}: istio.io/rev ${String(labels['istio.io/rev'])}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: every object but the CRDs names the owning IstioOperator', (_name, c) => {
    const file = c.input.files?.[c.input.files.length - 1];
    const doc = (file === undefined ? {} : parse(file.text)) as { metadata?: { name?: string } };
    const owner = doc.metadata?.name ?? 'unknown';
    const owners = new Set<unknown>();
    for (const o of render(c.input).objects) {
      if (o.kind === 'CustomResourceDefinition') continue;
      const meta = (o.object['metadata'] ?? {}) as { labels?: Record<string, unknown> };
      owners.add(meta.labels?.['install.operator.istio.io/owning-resource']);
    }
    expect([...owners].filter((x) => x !== owner)).toEqual([]);
  });

  it('every golden file belongs to a case (none left behind by a renamed fixture)', () => {
    const expected = new Set(CASES.map((c) => `${c.name}.yaml`));
    const stale = readdirSync(GOLDEN_DIR).filter((f) => !expected.has(f));
    expect(stale).toEqual([]);
  });
});
