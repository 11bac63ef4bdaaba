/**
 * Gateway ports that need root (fatal, even with --force; Istio's ValidateConfig): a service
 * port of an ingress/egress gateway whose numeric targetPort is below 1024, or whose targetPort
 * is unset while the port itself is 1024 or less (the target port then defaults to the port),
 * unless values.gateways.istio-<ingress|egress>gateway.runAsRoot is true. Named (string) target
 * ports are not checked. Likewise values.gateways.istio-ingressgateway.ingressPorts.
 */
import type { Issue } from '../../issues.js';
import { at, pointer } from '../data.js';
import { issueAt, type Rule } from './rule.js';

function requiresRoot(port: unknown, targetPort: unknown): number | undefined {
  if (typeof targetPort === 'string') return undefined; // named port
  const tp = typeof targetPort === 'number' && Number.isFinite(targetPort) ? Math.trunc(targetPort) : 0;
  if (typeof port !== 'number') return undefined;
  if (tp === 0 && port > 1024) return undefined;
  return tp < 1024 ? tp : undefined;
}

export const gatewayTargetPortsRule: Rule = {
  name: 'gateway-target-ports',
  fatal: true,
  check(ctx) {
    const out: Issue[] = [];
    for (const [kind, valuesKey] of [
      ['ingressGateways', 'istio-ingressgateway'],
      ['egressGateways', 'istio-egressgateway'],
    ] as const) {
      if (at(ctx.doc, 'spec', 'values', 'gateways', valuesKey, 'runAsRoot') === true) continue;
      const gateways = at(ctx.doc, 'spec', 'components', kind);
      if (!Array.isArray(gateways)) continue;
      gateways.forEach((gw, g) => {
        const ports = at(gw, 'k8s', 'service', 'ports');
        if (!Array.isArray(ports)) return;
        ports.forEach((p, i) => {
          const port = at(p, 'port');
          const targetPort = at(p, 'targetPort');
          const tp = requiresRoot(port, targetPort);
          if (tp === undefined) return;
          const name = at(p, 'name');
          const gwName = at(gw, 'name');
          const side = kind === 'ingressGateways' ? 'ingress' : 'egress';
          const label = `port ${typeof name === 'string' && name ? `${name}/` : ''}${String(port)} of ${side} gateway ${typeof gwName === 'string' && gwName ? JSON.stringify(gwName) : `#${g}`}`;
          const why = targetPort === undefined || targetPort === null ? `has no targetPort, so it listens on ${String(port)}` : `has targetPort ${tp}`;
          out.push(
            issueAt(ctx, pointer('spec', 'components', kind, g, 'k8s', 'service', 'ports', i, targetPort === undefined ? 'port' : 'targetPort'), 'privileged-target-port', `${label} ${why}, which needs root in the gateway pod`, {
              suggestion: `set targetPort above 1024, or set values.gateways.${valuesKey}.runAsRoot=true`,
            }),
          );
        });
      });
    }
    if (at(ctx.doc, 'spec', 'values', 'gateways', 'istio-ingressgateway', 'runAsRoot') !== true) {
      const ingressPorts = at(ctx.doc, 'spec', 'values', 'gateways', 'istio-ingressgateway', 'ingressPorts');
      if (Array.isArray(ingressPorts)) {
        ingressPorts.forEach((p, i) => {
          const targetPort = at(p, 'targetPort');
          if (targetPort !== undefined && targetPort !== null && typeof targetPort !== 'number') return;
          const tp = requiresRoot(at(p, 'port'), targetPort ?? 0);
          if (tp === undefined) return;
          const why = targetPort === undefined || targetPort === null ? `has no targetPort, so it listens on ${String(at(p, 'port'))}` : `has targetPort ${tp}`;
          out.push(
            issueAt(ctx, pointer('spec', 'values', 'gateways', 'istio-ingressgateway', 'ingressPorts', i), 'privileged-target-port', `ingress port ${String(at(p, 'port'))} ${why}, which needs root in the gateway pod`, {
              suggestion: 'set targetPort above 1024, or set values.gateways.istio-ingressgateway.runAsRoot=true',
            }),
          );
        });
      }
    }
    return out;
  },
};
