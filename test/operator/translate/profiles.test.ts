/**
 * Every profile in profiles/ translates; the plan set per profile; every plan's values contain
 * only the chart's top-level keys and pass the chart's values.schema.json (rendered with our helm
 * renderer, which validates the schema as helm does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartKeys, type ChartName } from '../../../src/operator/translate/index.js';
import { CHARTS_ROOT, ROOT, iopOf, plansOf, renderPlan, translateOk } from './helpers.js';

const PROFILES = readdirSync(join(ROOT, 'profiles'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  default: ['Base', 'Pilot', 'IngressGateways:istio-ingressgateway'],
  demo: ['Base', 'Pilot', 'IngressGateways:istio-ingressgateway', 'EgressGateways:istio-egressgateway'],
  minimal: ['Base', 'Pilot'],
  external: ['IstiodRemote'],
  remote: ['IstiodRemote'],
  empty: [],
  openshift: ['Base', 'Pilot', 'Cni', 'IngressGateways:istio-ingressgateway'],
  preview: ['Base', 'Pilot', 'IngressGateways:istio-ingressgateway'],
};

const CHART_OF: Readonly<Record<string, ChartName>> = {
  Base: 'base', Pilot: 'istiod', IstiodRemote: 'istiod-remote', Cni: 'cni', IngressGateways: 'gateway', EgressGateways: 'gateway',
};

describe('profiles', () => {
  it('the expectations name every profile on disk', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(PROFILES);
  });

  for (const profile of PROFILES) {
    describe(profile, () => {
      const plans = plansOf(profile);

      it('has the expected plans in component order', () => {
        expect(plans.map((p) => (p.gatewayName ? `${p.component}:${p.gatewayName}` : p.component))).toEqual(EXPECTED[profile]);
        for (const p of plans) {
          expect(p.chart).toBe(CHART_OF[p.component]);
          expect(p.releaseName).toBe('istio');
          expect(p.revision).toBe('');
        }
      });

      it('translates without warnings', () => {
        expect(translateOk(iopOf(profile)).warnings).toEqual([]);
      });

      it('keeps only the top-level keys each chart knows', () => {
        for (const p of plans) for (const k of Object.keys(p.values)) expect(chartKeys(p.chart).has(k), `${p.chart}: ${k}`).toBe(true);
      });

      it('gives each chart values its schema accepts (the chart renders)', () => {
        for (const p of plans) {
          const r = renderPlan(p);
          expect(r.ok ? '' : r.error, `${p.component} ${p.chart}`).toBe('');
        }
      });

      it('also renders with --revision canary', () => {
        for (const p of translateOk(iopOf(profile), { revision: 'canary' }).plans) {
          expect(p.revision).toBe('canary');
          const r = renderPlan(p);
          expect(r.ok ? '' : r.error, `${p.component} ${p.chart}`).toBe('');
        }
      });
    });
  }

  it('namespaces: openshift puts Cni in kube-system, the rest in istio-system', () => {
    const ns = Object.fromEntries(plansOf('openshift').map((p) => [p.component, p.namespace]));
    expect(ns).toEqual({ Base: 'istio-system', Pilot: 'istio-system', Cni: 'kube-system', IngressGateways: 'istio-system' });
  });

  it('openshift carries the Cni overlay', () => {
    const cni = plansOf('openshift').find((p) => p.component === 'Cni');
    expect(cni?.overlays).toEqual([
      { kind: 'DaemonSet', name: 'istio-cni-node', patches: [{ path: 'spec.template.spec.containers[0].securityContext.privileged', value: true }, { path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', value: true }] },
    ]);
  });
});

describe('chart keys', () => {
  for (const chart of ['base', 'istiod', 'istiod-remote', 'cni', 'gateway'] as const) {
    it(`${chart}: the table equals the top-level properties of charts/${chart}/values.schema.json`, () => {
      const schema = JSON.parse(readFileSync(join(CHARTS_ROOT, chart, 'values.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
      expect([...chartKeys(chart)].sort()).toEqual(Object.keys(schema.properties).sort());
    });
  }
});
