/**
 * Helm parity of `manifest generate` (issue 6 acceptance): for every built-in profile (with and
 * without revision canary) and every fixture, each component of render()'s ManifestSet equals, object
 * for object and byte for byte, what the real helm 4.1.4 prints for
 *
 *   helm template istio charts/<chart> -n <namespace> -f <the component's valuesYaml> --kube-version <set.kubeVersion>
 *
 * followed by the component's overlays (applyOverlays on helm's parsed objects): an object no
 * overlay changed carries helm's document text exactly; a changed one is helm's object, patched,
 * printed as go-yaml v2 (marshalYaml). The values file is checked too: valuesYaml reads back as the
 * component's values and as its render plan's values (compose -> validate -> translate).
 *
 * helm runs are cached like test/charts (node_modules/.cache/istio-installer-helm/charts5/, keyed
 * by helm's version, the arguments, the chart's files and the values file), a few at a time.
 */
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { render, type ManifestSet } from '../../src/manifest/index.js';
import { applyOverlays, type OverlayTarget } from '../../src/manifest/overlay/index.js';
import type { RenderPlan } from '../../src/operator/translate/types.js';
import { helmTemplate, parseDocs, type Outcome, type RenderedDoc } from '../charts/render.js';
import { marshalYaml } from '../../src/yaml/index.js';
import { cases, componentLabel, plainToGo, plansOf, ROOT, type Case } from './helpers.js';

/** The goldens' cases (all at the newest Kubernetes version), plus two at the oldest supported one. */
const CASES: Case[] = [
  ...cases(),
  { name: 'profile-demo-kube-1.25', input: { profile: 'demo', kubeVersion: '1.25' } },
  { name: 'profile-openshift-canary-kube-1.25', input: { profile: 'openshift', revision: 'canary', kubeVersion: '1.25' } },
];
const VALUES_DIR = join('node_modules', '.cache', 'istio-installer-helm', 'manifest-values');
/** helm processes at a time (a helm run mostly waits: ~0.17 s elapsed for ~0.09 s of CPU). */
const PARALLEL = Math.max(4, Math.min(8, cpus().length * 4));

interface Prepared {
  readonly set: ManifestSet;
  readonly plans: readonly RenderPlan[];
  /** helm's outcome per component, in set.components order. */
  readonly helm: readonly Outcome[];
}

/** A values file named by its content (so helm's cache key, which holds the path, is stable). */
function valuesFile(text: string): string {
  const rel = join(VALUES_DIR, `${createHash('sha256').update(text).digest('hex').slice(0, 32)}.yaml`);
  const abs = join(ROOT, rel);
  if (!existsSync(abs)) {
    mkdirSync(join(ROOT, VALUES_DIR), { recursive: true });
    writeFileSync(abs, text);
  }
  return rel;
}

/** Starts `job` now if fewer than `limit` run, else when one ends. */
function limiter(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

const prepared = new Map<string, Prepared | Error>();
let helmRuns = 0;

beforeAll(async () => {
  // helm runs start while the next cases render (render is synchronous: the loop yields after each
  // case so started processes are collected). Identical invocations (the same chart, namespace and
  // values: Base of most fixtures, the default ingress gateway...) run once.
  const run = limiter(PARALLEL);
  const jobs = new Map<string, Promise<Outcome>>();
  const pending: { c: Case; set: ManifestSet; plans: readonly RenderPlan[]; keys: string[] }[] = [];
  for (const c of CASES) {
    try {
      const set = render(c.input);
      const plans = plansOf(c.input);
      const keys: string[] = [];
      for (const comp of set.components) {
        const args = ['istio', '-n', comp.namespace, '-f', valuesFile(comp.valuesYaml), '--kube-version', set.kubeVersion];
        const k = JSON.stringify([comp.chart, ...args]);
        keys.push(k);
        if (!jobs.has(k)) jobs.set(k, run(() => helmTemplate('helm4', `charts/${comp.chart}`, args)));
      }
      pending.push({ c, set, plans, keys });
    } catch (e) {
      prepared.set(c.name, e instanceof Error ? e : new Error(String(e)));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const byKey = new Map<string, Outcome>();
  for (const [k, job] of jobs) byKey.set(k, await job);
  helmRuns = jobs.size;
  for (const p of pending) prepared.set(p.c.name, { set: p.set, plans: p.plans, helm: p.keys.map((k) => byKey.get(k) as Outcome) });
});

function get(name: string): Prepared {
  const p = prepared.get(name);
  if (p === undefined) throw new Error(`case ${name} was not prepared`);
  if (p instanceof Error) throw p;
  return p;
}

const parsedCache = new WeakMap<Outcome, RenderedDoc[]>();
/** helm's documents (parsed once per distinct helm run; callers copy before changing them). */
function parsed(out: Outcome): RenderedDoc[] {
  let docs = parsedCache.get(out);
  if (docs === undefined) {
    docs = parseDocs(out.stdout);
    parsedCache.set(out, docs);
  }
  return docs;
}

/** helm's document text as the ManifestSet keeps it: without the `# Source:` line. */
function helmText(text: string): string {
  return text.replace(/^# Source: .*\n/, '');
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

let comparisons = 0;

describe('manifest generate equals helm 4.1.4 template + overlays', () => {
  it.each(CASES.map((c) => [c.name]))('%s', (name) => {
    const { set, plans, helm } = get(name);
    // One component per plan, in plan order.
    expect(set.components.map(componentLabel)).toEqual(plans.map(componentLabel));
    set.components.forEach((comp, i) => {
      const plan = plans[i];
      const label = `${name} ${componentLabel(comp)}`;
      // The values file is exactly the plan's values, and reads back as the component's values.
      expect(parse(comp.valuesYaml) as unknown, `${label}: valuesYaml`).toEqual(JSON.parse(JSON.stringify(plan.values)));
      expect(parse(comp.valuesYaml) as unknown, `${label}: valuesYaml vs values`).toEqual(JSON.parse(JSON.stringify(comp.values)));
      const out = helm[i];
      expect(out.stderr, `${label}: helm stderr`).toBe('');
      expect(out.exitCode, `${label}: helm exit code`).toBe(0);

      const docs = parsed(out);
      const targets: OverlayTarget[] = docs.map((d) => {
        const object = structuredClone(d.object) as Record<string, unknown>;
        const meta = (object['metadata'] ?? {}) as { name?: unknown; namespace?: unknown };
        return {
          object,
          kind: String(object['kind']),
          name: String(meta.name),
          ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
        };
      });
      const overlaid = applyOverlays(targets, plan.overlays, { component: plan.component, namespace: plan.namespace, revision: plan.revision });
      if (!overlaid.ok) throw new Error(`${label}: overlays on helm's objects failed: ${overlaid.issues.map((x) => x.message).join('; ')}`);

      // Object for object: the same kind/namespace/name set...
      const helmKeys = targets.map((t) => key(t.kind, t.namespace, t.name)).sort();
      const ourKeys = comp.objects.map((o) => key(o.kind, o.namespace, o.name)).sort();
      expect(ourKeys, `${label}: objects`).toEqual(helmKeys);
      // ...and byte for byte.
      const ours = new Map(comp.objects.map((o) => [key(o.kind, o.namespace, o.name), o]));
      targets.forEach((t, j) => {
        const o = ours.get(key(t.kind, t.namespace, t.name));
        if (o === undefined) return; // reported by the key comparison above
        const what = `${label}: ${t.kind}/${t.name}`;
        const expected = overlaid.changed.has(j) ? marshalYaml(plainToGo(t.object)) : helmText(docs[j].text);
        expect(o.yaml, what).toBe(expected);
        // The object as data too (a string comparison first: toEqual on every object is slow).
        if (JSON.stringify(o.object) !== JSON.stringify(t.object)) {
          expect(JSON.parse(JSON.stringify(o.object)) as unknown, `${what} (data)`).toEqual(JSON.parse(JSON.stringify(t.object)));
        }
        expect(o.component).toBe(plan.component);
        comparisons++;
      });
    });
    // All objects of the set are the components' objects.
    const all = set.objects.map((o) => key(o.kind, o.namespace, o.name)).sort();
    expect(all).toEqual(set.components.flatMap((comp) => comp.objects.map((o) => key(o.kind, o.namespace, o.name))).sort());
  });

  it('compared every object of every case', () => {
    // Printed for the acceptance note; the count also guards against a suite that compares nothing.
    console.log(`helm parity: ${CASES.length} cases, ${helmRuns} distinct helm runs, ${comparisons} object comparisons`);
    expect(comparisons).toBeGreaterThan(CASES.length * 5);
  });
});
