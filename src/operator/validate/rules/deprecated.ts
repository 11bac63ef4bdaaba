/**
 * Deprecated settings (warnings naming the replacement): the list istioctl 1.11's
 * ValidateConfig warns about, plus every property the schema marks with `x-deprecated`. A
 * warning fires only when the value differs from its zero value (false, "", 0, null, empty).
 */
import { istioOperatorSchema, type SchemaNode } from '../../../generated/istio-operator-schema.js';
import { resolveRef } from '../schema-ref.js';
import { isObj, own, pointer } from '../data.js';
import { issueAt, type Rule, type RuleContext } from './rule.js';
import type { Issue } from '../../issues.js';

/** Paths below spec (dotted) -> what to use instead. */
export const DEPRECATED_PATHS: ReadonlyMap<string, string> = new Map([
  ['values.global.certificates', 'meshConfig.certificates'],
  ['values.global.outboundTrafficPolicy', 'meshConfig.outboundTrafficPolicy'],
  ['values.global.localityLbSetting', 'meshConfig.localityLbSetting'],
  ['values.global.policyCheckFailOpen', 'meshConfig.policyCheckFailOpen'],
  ['values.global.enableTracing', 'meshConfig.enableTracing'],
  ['values.global.proxy.accessLogFormat', 'meshConfig.accessLogFormat'],
  ['values.global.proxy.accessLogFile', 'meshConfig.accessLogFile'],
  ['values.global.proxy.accessLogEncoding', 'meshConfig.accessLogEncoding'],
  ['values.global.proxy.concurrency', 'meshConfig.defaultConfig.concurrency'],
  ['values.global.proxy.envoyAccessLogService', 'meshConfig.defaultConfig.envoyAccessLogService'],
  ['values.global.proxy.envoyAccessLogService.enabled', 'meshConfig.enableEnvoyAccessLogService'],
  ['values.global.proxy.envoyMetricsService', 'meshConfig.defaultConfig.envoyMetricsService'],
  ['values.global.proxy.protocolDetectionTimeout', 'meshConfig.protocolDetectionTimeout'],
  ['values.global.proxy.holdApplicationUntilProxyStarts', 'meshConfig.defaultConfig.holdApplicationUntilProxyStarts'],
  ['values.pilot.ingress', 'meshConfig.ingressService, meshConfig.ingressControllerMode and meshConfig.ingressClass'],
  ['values.global.mtls.enabled', 'the PeerAuthentication resource'],
  ['values.global.mtls.auto', 'meshConfig.enableAutoMtls'],
  ['values.global.tracer.lightstep.address', 'meshConfig.defaultConfig.tracing.lightstep.address'],
  ['values.global.tracer.lightstep.accessToken', 'meshConfig.defaultConfig.tracing.lightstep.accessToken'],
  ['values.global.tracer.zipkin.address', 'meshConfig.defaultConfig.tracing.zipkin.address'],
  ['values.global.tracer.datadog.address', 'meshConfig.defaultConfig.tracing.datadog.address'],
  ['values.global.tracer.stackdriver.debug', 'meshConfig.defaultConfig.tracing.stackdriver.debug'],
  ['values.global.tracer.stackdriver.maxNumberOfAttributes', 'meshConfig.defaultConfig.tracing.stackdriver.maxNumberOfAttributes'],
  ['values.global.tracer.stackdriver.maxNumberOfAnnotations', 'meshConfig.defaultConfig.tracing.stackdriver.maxNumberOfAnnotations'],
  ['values.global.tracer.stackdriver.maxNumberOfMessageEvents', 'meshConfig.defaultConfig.tracing.stackdriver.maxNumberOfMessageEvents'],
  ['values.global.meshExpansion.enabled', 'Gateway resources for cross-network traffic (see the multicluster samples)'],
  ['values.gateways.istio-ingressgateway.meshExpansionPorts', 'components.ingressGateways[name=istio-ingressgateway].k8s.service.ports'],
  ['addonComponents.istiocoredns.enabled', 'in-proxy DNS capture (meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE)'],
  ['values.istiocoredns.enabled', 'in-proxy DNS capture (meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE)'],
  ['values.telemetry.v2.stackdriver.logging', 'values.telemetry.v2.stackdriver.outboundAccessLogging and inboundAccessLogging'],
  ['values.global.centralIstiod', 'values.global.externalIstiod'],
  ['values.global.arch', 'components.<component>.k8s.affinity'],
]);

/** The replacement of a deprecated setting at a full dotted path (`spec.values...`), if any. */
export function deprecatedReplacementFor(path: string): string | undefined {
  return path.startsWith('spec.') ? DEPRECATED_PATHS.get(path.slice(5)) : undefined;
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.keys(v).length === 0;
  return false;
}

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  return resolveRef(node);
}

function warn(ctx: RuleContext, segs: (string | number)[], replacement: string): Issue {
  // `x-deprecated: "nothing: <why>"` marks a setting with no replacement.
  const none = /^nothing\b:?\s*(.*)$/.exec(replacement);
  const message = none ? `this setting is deprecated and has no replacement${none[1] ? `: ${none[1]}` : ''}` : `this setting is deprecated; use ${replacement} instead`;
  return issueAt(ctx, pointer(...segs), 'deprecated', message, { severity: 'warning' });
}

/** Walks data along the schema, reporting properties marked `x-deprecated`. */
function walk(ctx: RuleContext, data: unknown, node: SchemaNode | undefined, segs: (string | number)[], out: Issue[], depth: number): void {
  const s = resolve(node);
  if (!s || depth > 64) return;
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(ctx, data, alt, segs, out, depth + 1);
  if (Array.isArray(data)) {
    if (s.items && !Array.isArray(s.items)) data.forEach((item, i) => walk(ctx, item, s.items, [...segs, i], out, depth + 1));
    return;
  }
  if (!isObj(data)) return;
  for (const key of Object.keys(data)) {
    const props = s.properties;
    const prop = props && Object.prototype.hasOwnProperty.call(props, key) ? props[key] : typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    if (!prop) continue;
    const value = own(data, key);
    const rep = resolve(prop)?.['x-deprecated'] ?? prop['x-deprecated'];
    if (typeof rep === 'string' && !isZero(value)) out.push(warn(ctx, [...segs, key], rep));
    walk(ctx, value, prop, [...segs, key], out, depth + 1);
  }
}

export const deprecatedRule: Rule = {
  name: 'deprecated',
  fatal: false,
  check(ctx) {
    const out: Issue[] = [];
    walk(ctx, ctx.doc, istioOperatorSchema, [], out, 0);
    const marked = new Set(out.map((i) => i.path));
    const spec = own(ctx.doc, 'spec');
    for (const [path, replacement] of DEPRECATED_PATHS) {
      const keys = path.split('.');
      let cur: unknown = spec;
      for (const k of keys) cur = own(cur, k);
      if (isZero(cur) || marked.has(`spec.${path}`)) continue;
      out.push(warn(ctx, ['spec', ...keys], replacement));
    }
    return out;
  },
};
