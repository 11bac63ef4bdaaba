/**
 * The IstioOperator side of multicluster topologies (issue 8): an ingress entry labelled with a
 * network becomes an east-west gateway (networkGateway), base leaves the remote istiod Service to
 * istiod-remote when both are installed, and istiodMinorVersion reads istiod's image tag.
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/manifest/index.js';
import { istiodMinorVersion } from '../../../src/operator/translate/index.js';
import { at, plain, plan, plansOf } from './helpers.js';

type Port = { name?: string; port: number; targetPort?: number; nodePort?: number };

const EAST_WEST = {
  spec: {
    components: {
      ingressGateways: [
        {
          name: 'istio-eastwestgateway',
          enabled: true,
          label: { istio: 'eastwestgateway', app: 'istio-eastwestgateway', 'topology.istio.io/network': 'network1' },
        },
      ],
    },
  },
};

function object(set: ReturnType<typeof render>, kind: string, name: string): Record<string, unknown> {
  const found = set.objects.filter((o) => o.kind === kind && o.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind}/${name}; objects: ${set.objects.map((o) => `${o.kind}/${o.name}`).join(', ')}`);
  return found[0]?.object as Record<string, unknown>;
}

describe('east-west gateway: an ingress entry labelled topology.istio.io/network', () => {
  it('gets networkGateway <network> in its chart values', () => {
    const p = plan(plansOf('empty', [`spec:
  components:
    ingressGateways:
      - name: istio-eastwestgateway
        enabled: true
        label: {istio: eastwestgateway, topology.istio.io/network: network1}
`]), 'IngressGateways', 'istio-eastwestgateway');
    expect(p.values['networkGateway']).toBe('network1');
  });

  it('renders a Service exposing 15021/15443/15012/15017 and carrying the network label, and the network env on the proxy', () => {
    const set = render({ profile: 'empty', iop: EAST_WEST });
    const svc = object(set, 'Service', 'istio-eastwestgateway');
    expect((at(svc, 'spec', 'ports') as Port[]).map((p) => p.port)).toEqual([15021, 15443, 15012, 15017]);
    expect(at(svc, 'metadata', 'labels', 'topology.istio.io/network')).toBe('network1');
    const d = object(set, 'Deployment', 'istio-eastwestgateway');
    expect(at(d, 'spec', 'template', 'metadata', 'labels', 'topology.istio.io/network')).toBe('network1');
    const env = at(d, 'spec', 'template', 'spec', 'containers') as { env?: { name: string; value?: string }[] }[];
    expect(env[0]?.env).toContainEqual({ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: 'network1' });
    expect(set.warnings).toEqual([]);
  });

  it("keeps the entry's k8s.service over the cross-network ports (merged by port number), instead of replacing them", () => {
    const iop = structuredClone(EAST_WEST) as { spec: { components: { ingressGateways: Record<string, unknown>[] } } };
    const entry = iop.spec.components.ingressGateways[0] as Record<string, unknown>;
    entry['k8s'] = { service: { type: 'NodePort', ports: [{ name: 'tls', port: 15443, targetPort: 15443, nodePort: 31443 }] } };
    const set = render({ profile: 'empty', iop });
    const ports = at(object(set, 'Service', 'istio-eastwestgateway'), 'spec', 'ports') as Port[];
    expect(ports.map((p) => p.port)).toEqual([15021, 15443, 15012, 15017]);
    expect(ports.find((p) => p.port === 15443)?.nodePort).toBe(31443);
    expect(at(object(set, 'Service', 'istio-eastwestgateway'), 'spec', 'type')).toBe('NodePort');
  });

  it('an ordinary ingress entry, an empty network label and an egress entry get no networkGateway (regression: ports still replace)', () => {
    const plans = plansOf('empty', [`spec:
  components:
    ingressGateways:
      - name: plain-gw
        enabled: true
        label: {istio: plain}
        k8s:
          service:
            ports: [{name: http2, port: 8080, targetPort: 8080}]
      - name: empty-net
        enabled: true
        label: {istio: emptynet, topology.istio.io/network: ""}
    egressGateways:
      - name: egress-net
        enabled: true
        label: {istio: egressnet, topology.istio.io/network: network1}
`]);
    for (const name of ['plain-gw', 'empty-net']) expect(plan(plans, 'IngressGateways', name).values['networkGateway'], name).toBeUndefined();
    expect(plan(plans, 'EgressGateways', 'egress-net').values['networkGateway']).toBeUndefined();
    expect(plain(at(plan(plans, 'IngressGateways', 'plain-gw').values, 'service', 'ports'))).toEqual([{ name: 'http2', port: 8080, targetPort: 8080 }]);
  });
});

describe('Base and IstiodRemote both enabled: the remote istiod Service renders once', () => {
  const files = [`spec:
  components:
    base: {enabled: true}
    istiodRemote: {enabled: true}
  values:
    global:
      remotePilotAddress: 192.0.2.10
`];

  it('base gets an empty global.remotePilotAddress, istiod-remote keeps the address', () => {
    const plans = plansOf('external', files);
    expect(at(plan(plans, 'Base').values, 'global', 'remotePilotAddress')).toBe('');
    expect(at(plan(plans, 'IstiodRemote').values, 'global', 'remotePilotAddress')).toBe('192.0.2.10');
  });

  it('base alone keeps the address', () => {
    const plans = plansOf('default', [], ['values.global.remotePilotAddress=192.0.2.10']);
    expect(at(plan(plans, 'Base').values, 'global', 'remotePilotAddress')).toBe('192.0.2.10');
  });

  it('render() gives one Service istiod and one Endpoints istiod, from IstiodRemote', () => {
    const set = render({ profile: 'external', files: files.map((text, i) => ({ name: `f${i}.yaml`, text: `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n${text}` })) });
    const svc = set.objects.filter((o) => o.kind === 'Service' && o.name.startsWith('istiod'));
    expect(svc.map((o) => `${o.component}:${o.name}`)).toEqual(['IstiodRemote:istiod']);
    const eps = set.objects.filter((o) => o.kind === 'Endpoints');
    expect(eps.map((o) => `${o.component}:${o.name}`)).toEqual(['IstiodRemote:istiod']);
  });
});

describe('istiodMinorVersion', () => {
  it.each([
    [{ pilot: { tag: '1.11.8' } }, 11],
    [{ global: { tag: '1.12.0-distroless' } }, 12],
    [{ global: { tag: 'v1.12.1' } }, 12],
    [{ pilot: { tag: '1.11.8' }, global: { tag: '1.12.0' } }, 11],
    [{ pilot: { tag: '' }, global: { tag: '1.12.0' } }, 12],
    [{ global: { tag: 1.12 } }, 12],
    [{ global: { tag: 'latest' } }, undefined],
    [{ global: { tag: 'master' } }, undefined],
    [{ global: { tag: 'sha256:0123abcd' } }, undefined],
    [{ global: { tag: '2.0.0' } }, undefined],
    [{ global: { tag: '1.x' } }, undefined],
    [{}, undefined],
    [null, undefined],
    [JSON.parse('{"__proto__": {"tag": "1.11.0"}}') as unknown, undefined],
  ])('%j -> %s', (values, minor) => {
    expect(istiodMinorVersion(values)).toBe(minor);
  });
});
