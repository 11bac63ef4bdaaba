/** Gateways: the 1.11 gateway values and each entry mapped onto the gateway chart's values, and what the chart renders from them. */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/operator/translate/index.js';
import { at, find, iopOf, plain, plan, plansOf, rendered, translateOk } from './helpers.js';

const VALUES = `spec:
  values:
    global:
      imagePullSecrets: [regcred]
      imagePullPolicy: IfNotPresent
      priorityClassName: system-cluster-critical
      defaultPodDisruptionBudget:
        enabled: false
    gateways:
      istio-ingressgateway:
        type: NodePort
        ports:
          - name: http2
            port: 80
            targetPort: 8080
            nodePort: 30080
          - name: https
            port: 443
            targetPort: 8443
            protocol: TCP
        serviceAnnotations:
          cloud/lb: internal
        loadBalancerIP: 10.0.0.1
        loadBalancerSourceRanges: [10.0.0.0/8]
        externalTrafficPolicy: Local
        autoscaleEnabled: true
        autoscaleMin: 2
        autoscaleMax: 7
        cpu:
          targetAverageUtilization: 60
        env:
          ISTIO_META_ROUTER_MODE: sni-dnat
          NUM: 3
        labels:
          team: edge
        resources:
          requests:
            cpu: 50m
        nodeSelector:
          zone: a
        tolerations:
          - key: edge
            operator: Exists
        podAnnotations:
          p: q
        rollingMaxSurge: 1
        rollingMaxUnavailable: 0
        podAntiAffinityLabelSelector:
          - key: app
            operator: In
            values: istio-ingressgateway,other
            topologyKey: kubernetes.io/hostname
        runAsRoot: false
`;

describe('gateway values mapping', () => {
  const plans = plansOf('default', [VALUES]);
  const gw = plan(plans, 'IngressGateways', 'istio-ingressgateway');

  it('maps the 1.11 values onto the chart values', () => {
    expect(plain(gw.values)).toEqual({
      name: 'istio-ingressgateway',
      labels: {
        app: 'istio-ingressgateway', istio: 'ingressgateway', team: 'edge',
        'operator.istio.io/component': 'IngressGateways', 'install.operator.istio.io/owning-resource': 'unknown',
      },
      serviceAccount: { name: 'istio-ingressgateway-service-account' },
      service: {
        type: 'NodePort',
        ports: [{ name: 'http2', port: 80, targetPort: 8080, nodePort: 30080 }, { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }],
        annotations: { 'cloud/lb': 'internal' },
        loadBalancerIP: '10.0.0.1',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        externalTrafficPolicy: 'Local',
      },
      autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 7, targetCPUUtilizationPercentage: 60 },
      podDisruptionBudget: { enabled: false },
      imagePullSecrets: [{ name: 'regcred' }],
      k8s: {
        imagePullPolicy: 'IfNotPresent',
        priorityClassName: 'system-cluster-critical',
        resources: { requests: { cpu: '50m' } },
        nodeSelector: { zone: 'a' },
        tolerations: [{ key: 'edge', operator: 'Exists' }],
        strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        env: [{ name: 'ISTIO_META_ROUTER_MODE', value: 'sni-dnat' }, { name: 'NUM', value: '3' }],
        volumes: [
          { name: 'ingressgateway-certs', secret: { secretName: 'istio-ingressgateway-certs', optional: true } },
          { name: 'ingressgateway-ca-certs', secret: { secretName: 'istio-ingressgateway-ca-certs', optional: true } },
        ],
        volumeMounts: [
          { name: 'ingressgateway-certs', mountPath: '/etc/istio/ingressgateway-certs', readOnly: true },
          { name: 'ingressgateway-ca-certs', mountPath: '/etc/istio/ingressgateway-ca-certs', readOnly: true },
        ],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['istio-ingressgateway', 'other'] }] }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
        podAnnotations: { p: 'q' },
      },
    });
  });

  it('the chart renders them; the selector stays app/istio', () => {
    const objects = rendered(gw);
    const svc = find(objects, 'Service', 'istio-ingressgateway');
    expect(plain(at(svc, 'spec', 'selector'))).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(at(svc, 'spec', 'type')).toBe('NodePort');
    expect(at(svc, 'spec', 'externalTrafficPolicy')).toBe('Local');
    expect(at(svc, 'metadata', 'labels', 'operator.istio.io/component')).toBe('IngressGateways');
    const d = find(objects, 'Deployment', 'istio-ingressgateway');
    expect(plain(at(d, 'spec', 'selector', 'matchLabels'))).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(at(d, 'spec', 'template', 'metadata', 'labels', 'team')).toBe('edge');
    expect(at(d, 'spec', 'template', 'spec', 'serviceAccountName')).toBe('istio-ingressgateway-service-account');
    expect(find(objects, 'ServiceAccount', 'istio-ingressgateway-service-account')).toBeDefined();
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'istio-ingressgateway');
    expect([at(hpa, 'spec', 'minReplicas'), at(hpa, 'spec', 'maxReplicas')]).toEqual([2, 7]);
    expect(objects.some((o) => o['kind'] === 'PodDisruptionBudget')).toBe(false);
  });

  it('translates without warnings', () => {
    expect(translateOk(iopOf('default', [VALUES])).warnings).toEqual([]);
  });
});

describe('gateway values: fallbacks and volumes', () => {
  it('global.defaultNodeSelector / defaultTolerations apply when the gateway sets none; configVolumes and preferred anti-affinity map', () => {
    const p = plan(plansOf('default', [`spec:
  values:
    global:
      defaultNodeSelector:
        pool: default
      defaultTolerations:
        - key: all
          operator: Exists
    gateways:
      istio-ingressgateway:
        configVolumes:
          - name: cfg
            configMap:
              name: gw-config
        podAntiAffinityTermLabelSelector:
          - key: istio
            operator: In
            values: ingressgateway
            topologyKey: kubernetes.io/hostname
`]), 'IngressGateways');
    expect(plain(at(p.values, 'k8s', 'nodeSelector'))).toEqual({ pool: 'default' });
    expect(plain(at(p.values, 'k8s', 'tolerations'))).toEqual([{ key: 'all', operator: 'Exists' }]);
    expect((plain(at(p.values, 'k8s', 'volumes')) as { name: string }[]).map((v) => v.name)).toEqual(['ingressgateway-certs', 'ingressgateway-ca-certs', 'cfg']);
    expect(plain(at(p.values, 'k8s', 'affinity'))).toEqual({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'istio', operator: 'In', values: ['ingressgateway'] }] }, topologyKey: 'kubernetes.io/hostname' } },
        ],
      },
    });
    const pod = at(find(rendered(p), 'Deployment'), 'spec', 'template', 'spec') as Record<string, unknown>;
    expect(pod['nodeSelector']).toEqual({ pool: 'default' });
    expect((pod['volumes'] as { name: string }[]).map((v) => v.name)).toContain('cfg');
  });

  it('the gateway own nodeSelector wins over global.defaultNodeSelector', () => {
    const p = plan(plansOf('default', [], ['values.global.defaultNodeSelector.pool=default', 'values.gateways.istio-ingressgateway.nodeSelector.pool=edge']), 'IngressGateways');
    expect(plain(at(p.values, 'k8s', 'nodeSelector'))).toEqual({ pool: 'edge' });
  });
});

describe('gateway entries', () => {
  it('the entry k8s merges over the values mapping (env by name, volumes by name)', () => {
    const p = plan(plansOf('default', [`spec:
  components:
    ingressGateways:
      - name: istio-ingressgateway
        enabled: true
        k8s:
          env:
            - name: A
              value: entry
          volumes:
            - name: ingressgateway-certs
              secret:
                secretName: mine
          hpaSpec:
            maxReplicas: 9
          service:
            ports:
              - name: tcp
                port: 31400
                targetPort: 31400
  values:
    gateways:
      istio-ingressgateway:
        env:
          A: values
          B: values
`]), 'IngressGateways');
    expect(plain(at(p.values, 'k8s', 'env'))).toEqual([{ name: 'A', value: 'entry' }, { name: 'B', value: 'values' }]);
    expect(plain(at(p.values, 'k8s', 'volumes'))).toEqual([
      { name: 'ingressgateway-certs', secret: { secretName: 'mine' } },
      { name: 'ingressgateway-ca-certs', secret: { secretName: 'istio-ingressgateway-ca-certs', optional: true } },
    ]);
    const objects = rendered(p);
    expect(at(find(objects, 'HorizontalPodAutoscaler'), 'spec', 'maxReplicas')).toBe(9);
  });

  it("the entry's k8s.service.ports replace the port list (1.11), so the chart's 80/443 are not exposed beside them", () => {
    const p = plan(plansOf('default', [`spec:
  components:
    ingressGateways:
      - name: istio-eastwestgateway
        enabled: true
        label:
          istio: eastwestgateway
        k8s:
          service:
            type: LoadBalancer
            ports:
              - name: status-port
                port: 15021
                targetPort: 15021
              - name: tls
                port: 15443
                targetPort: 15443
`]), 'IngressGateways', 'istio-eastwestgateway');
    expect(plain(at(p.values, 'service', 'ports'))).toEqual([
      { name: 'status-port', port: 15021, targetPort: 15021 },
      { name: 'tls', port: 15443, targetPort: 15443 },
    ]);
    expect(plain(at(p.values, 'k8s', 'service'))).toEqual({ type: 'LoadBalancer' });
    const ports = at(find(rendered(p), 'Service'), 'spec', 'ports') as { port: number }[];
    expect(ports.map((x) => x.port)).toEqual([15021, 15443]);
  });

  it('several gateways: one plan each, own name, label, namespace; egress defaults to ClusterIP', () => {
    const plans = plansOf('demo', [`spec:
  components:
    ingressGateways:
      - name: istio-ingressgateway
        enabled: true
      - name: edge-gw
        enabled: true
        namespace: edge
        label:
          istio: edge
    egressGateways:
      - name: istio-egressgateway
        enabled: true
`]);
    expect(plans.map((p) => `${p.component}:${p.gatewayName ?? ''}@${p.namespace}`)).toEqual([
      'Base:@istio-system', 'Pilot:@istio-system', 'IngressGateways:istio-ingressgateway@istio-system', 'IngressGateways:edge-gw@edge',
      'EgressGateways:istio-egressgateway@istio-system',
    ]);
    const edge = plan(plans, 'IngressGateways', 'edge-gw');
    expect(edge.values['name']).toBe('edge-gw');
    expect(at(edge.values, 'labels', 'istio')).toBe('edge');
    expect(at(edge.values, 'serviceAccount', 'name')).toBe('edge-gw-service-account');
    const svc = find(rendered(edge), 'Service', 'edge-gw');
    expect(plain(at(svc, 'spec', 'selector'))).toEqual({ app: 'istio-ingressgateway', istio: 'edge' });
    const egress = plan(plans, 'EgressGateways');
    expect(at(egress.values, 'service', 'type')).toBe('ClusterIP');
    expect(at(egress.values, 'labels', 'operator.istio.io/component')).toBe('EgressGateways');
    expect(at(find(rendered(egress), 'Service', 'istio-egressgateway'), 'spec', 'type')).toBe('ClusterIP');
    // demo: egress autoscaling off, so the chart renders no HPA.
    expect(rendered(egress).some((o) => o['kind'] === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('an egress gateway without a type in the values gets ClusterIP (the 1.11 egress chart default); ingress keeps the chart default', () => {
    const iop = iopOf('demo');
    const gws = iop.spec?.values?.gateways ?? {};
    delete gws['istio-egressgateway']?.type;
    delete gws['istio-ingressgateway']?.type;
    const plans = translateOk(iop).plans;
    expect(at(plan(plans, 'EgressGateways').values, 'service', 'type')).toBe('ClusterIP');
    expect(at(plan(plans, 'IngressGateways').values, 'service', 'type')).toBeUndefined();
  });

  it('values.gateways.istio-egressgateway.enabled is promoted to the entry (facts §3.3)', () => {
    expect(plansOf('default', [], ['values.gateways.istio-egressgateway.enabled=true']).map((p) => p.gatewayName ?? p.component)).toContain('istio-egressgateway');
    expect(plansOf('default', [], ['values.gateways.istio-ingressgateway.enabled=false']).map((p) => p.component)).toEqual(['Base', 'Pilot']);
  });

  it('two enabled gateways with one name in one namespace are an error', () => {
    const iop = iopOf('default');
    const comps = iop.spec?.components as Record<string, unknown>;
    comps['ingressGateways'] = [{ name: 'gw', enabled: true }, { name: 'gw', enabled: true }];
    const r = translate(iop);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['duplicate-gateway', 'spec.components.ingressGateways[1].name']]);
    // Same name in another namespace is fine.
    comps['ingressGateways'] = [{ name: 'gw', enabled: true }, { name: 'gw', enabled: true, namespace: 'other' }];
    expect(translate(iop).ok).toBe(true);
  });

  it('a second gateway with the same selector labels in one namespace is a warning (1.11 default labels)', () => {
    const iop = iopOf('default');
    const comps = iop.spec?.components as Record<string, unknown>;
    comps['ingressGateways'] = [{ name: 'istio-ingressgateway', enabled: true }, { name: 'gw2', enabled: true }, { name: 'gw3', enabled: true, label: { istio: 'gw3' } }];
    const r = translateOk(iop);
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([['gateway-selector-shared', 'spec.components.ingressGateways[1].label']]);
    expect(r.plans.filter((p) => p.component === 'IngressGateways').length).toBe(3);
  });

  it("an entry's overlays go to its own plan only", () => {
    const plans = plansOf('default', [`spec:
  components:
    ingressGateways:
      - name: istio-ingressgateway
        enabled: true
      - name: second
        enabled: true
        label:
          istio: second
        k8s:
          overlays:
            - kind: Service
              name: second
              patches:
                - path: spec.ports.[name:http2].port
                  value: 8080
`]);
    expect(plan(plans, 'IngressGateways', 'istio-ingressgateway').overlays).toEqual([]);
    expect(plain(plan(plans, 'IngressGateways', 'second').overlays)).toEqual([
      { kind: 'Service', name: 'second', patches: [{ path: 'spec.ports.[name:http2].port', value: 8080 }] },
    ]);
  });

  it('revision reaches the chart (istio.io/rev on the pod)', () => {
    const p = plan(plansOf('default', [], ['revision=canary']), 'IngressGateways');
    expect(p.values['revision']).toBe('canary');
    const d = find(rendered(p), 'Deployment', 'istio-ingressgateway');
    expect(at(d, 'spec', 'template', 'metadata', 'labels', 'istio.io/rev')).toBe('canary');
  });

  it('values the chart cannot express are warnings naming the path', () => {
    const r = translateOk(iopOf('default', [`spec:
  values:
    gateways:
      istio-ingressgateway:
        zvpn:
          enabled: true
        runAsRoot: true
        additionalContainers:
          - name: sidecar
            image: busybox
  unvalidatedValues:
    gateways:
      istio-ingressgateway:
        somethingNew: 1
`]));
    expect(r.warnings.map((w) => [w.severity, w.code, w.path])).toEqual([
      ['warning', 'gateway-value-ignored', 'spec.values.gateways.istio-ingressgateway.zvpn'],
      ['warning', 'gateway-value-ignored', 'spec.values.gateways.istio-ingressgateway.runAsRoot'],
      ['warning', 'gateway-value-ignored', 'spec.values.gateways.istio-ingressgateway.additionalContainers'],
      ['warning', 'gateway-value-ignored', 'spec.values.gateways.istio-ingressgateway.somethingNew'],
    ]);
  });

  it('customService renders no Service; injectionTemplate selects the injection template', () => {
    const p = plan(plansOf('default', [], ['values.gateways.istio-ingressgateway.customService=true', 'values.gateways.istio-ingressgateway.injectionTemplate=mygw']), 'IngressGateways');
    const objects = rendered(p);
    expect(objects.some((o) => o['kind'] === 'Service')).toBe(false);
    expect(at(find(objects, 'Deployment'), 'spec', 'template', 'metadata', 'annotations', 'inject.istio.io/templates')).toBe('mygw');
  });
});
