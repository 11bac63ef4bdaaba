/** Shared helpers of the translation tests: compose + validate + translate, and chart rendering. */
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderChart } from '../../../src/helm/render.js';
import { composeIstioOperator } from '../../../src/operator/compose/index.js';
import type { Issue } from '../../../src/operator/issues.js';
import { safeValidateIstioOperator, type IstioOperator } from '../../../src/operator/validate/index.js';
import { translate, type RenderPlan, type TranslateOptions, type TranslateResult } from '../../../src/operator/translate/index.js';
import { repoChart } from '../../charts/render.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CHARTS_ROOT = join(ROOT, 'charts');

export type Obj = Record<string, unknown>;

const HEADER = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';

/** The validated IstioOperator of a profile plus `files` (YAML texts, apiVersion/kind added) and `--set` flags; throws on issues. */
export function iopOf(profile = 'default', files: readonly string[] = [], set: readonly string[] = []): IstioOperator {
  const c = composeIstioOperator({ profile, files: files.map((text, i) => ({ name: `f${i}.yaml`, text: `${HEADER}${text}` })), set });
  if (!c.ok) throw new Error(`compose failed: ${JSON.stringify(c.issues)}`);
  const v = safeValidateIstioOperator(c.value, { sourceMap: c.sourceMap });
  if (!v.success) throw new Error(`validate failed: ${JSON.stringify(v.issues)}`);
  return v.data;
}

export function translateOk(iop: IstioOperator, options?: TranslateOptions): { plans: readonly RenderPlan[]; warnings: readonly Issue[] } {
  const r: TranslateResult = translate(iop, options);
  if (!r.ok) throw new Error(`translate failed: ${JSON.stringify(r.issues)}`);
  return r;
}

export function plansOf(profile = 'default', files: readonly string[] = [], set: readonly string[] = [], options?: TranslateOptions): readonly RenderPlan[] {
  return translateOk(iopOf(profile, files, set), options).plans;
}

export function plan(plans: readonly RenderPlan[], component: string, gatewayName?: string): RenderPlan {
  const p = plans.find((x) => x.component === component && (gatewayName === undefined || x.gatewayName === gatewayName));
  if (!p) throw new Error(`no plan for ${component} ${gatewayName ?? ''}: ${plans.map((x) => x.component).join(', ')}`);
  return p;
}

export function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
}

/** JSON round trip (null-prototype maps become ordinary objects, so toEqual compares data). */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

const chartOf = repoChart;

/** helm template (as helm 4, with schema validation) of the plan's chart with exactly the plan's values. */
export function renderPlan(p: RenderPlan): { ok: true; objects: Obj[] } | { ok: false; error: string } {
  const r = renderChart(chartOf(p.chart), {
    compat: 'helm4',
    releaseName: p.releaseName,
    namespace: p.namespace,
    valueFiles: [{ name: 'values.yaml', text: JSON.stringify(p.values) }],
  });
  if (!r.ok) return { ok: false, error: r.error.stderr('helm4') };
  const objects = parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is Obj => typeof o === 'object' && o !== null);
  return { ok: true, objects };
}

export function rendered(p: RenderPlan): Obj[] {
  const r = renderPlan(p);
  if (!r.ok) throw new Error(`rendering ${p.chart} failed:\n${r.error}`);
  return r.objects;
}

export function find(objects: readonly Obj[], kind: string, name?: string): Obj {
  const o = objects.find((x) => x['kind'] === kind && (name === undefined || at(x, 'metadata', 'name') === name));
  if (!o) throw new Error(`no ${kind} ${name ?? ''} among ${objects.map((x) => `${String(x['kind'])}/${String(at(x, 'metadata', 'name'))}`).join(', ')}`);
  return o;
}
