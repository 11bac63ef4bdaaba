/** IstioOperator documents the schema must accept (YAML), modelled on the 1.11 profiles. */

/** The 1.11 default profile as istioctl ships it (facts §2.1), hub/tag as this project stamps them. */
export const DEFAULT_PROFILE = `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  namespace: istio-system
spec:
  hub: docker.io/istio
  tag: 1.11.8
  meshConfig:
    defaultConfig:
      proxyMetadata: {}
    enablePrometheusMerge: true
  components:
    base:
      enabled: true
    pilot:
      enabled: true
    ingressGateways:
    - name: istio-ingressgateway
      enabled: true
    egressGateways:
    - name: istio-egressgateway
      enabled: false
    cni:
      enabled: false
    istiodRemote:
      enabled: false
  values:
    global:
      istioNamespace: istio-system
      istiod:
        enableAnalysis: false
      logging:
        level: "default:info"
      logAsJson: false
      pilotCertProvider: istiod
      jwtPolicy: third-party-jwt
      proxy:
        image: proxyv2
        clusterDomain: "cluster.local"
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            cpu: 2000m
            memory: 1024Mi
        logLevel: warning
        componentLogLevel: "misc:error"
        privileged: false
        enableCoreDump: false
        statusPort: 15020
        readinessInitialDelaySeconds: 1
        readinessPeriodSeconds: 2
        readinessFailureThreshold: 30
        includeIPRanges: "*"
        excludeIPRanges: ""
        excludeOutboundPorts: ""
        excludeInboundPorts: ""
        autoInject: enabled
        tracer: "zipkin"
      proxy_init:
        image: proxyv2
        resources:
          limits:
            cpu: 2000m
            memory: 1024Mi
          requests:
            cpu: 10m
            memory: 10Mi
      imagePullPolicy: ""
      operatorManageWebhooks: false
      tracer:
        lightstep: {}
        zipkin: {}
        datadog: {}
        stackdriver: {}
      imagePullSecrets: []
      oneNamespace: false
      defaultNodeSelector: {}
      configValidation: true
      multiCluster:
        enabled: false
        clusterName: ""
      omitSidecarInjectorConfigMap: false
      network: ""
      defaultResources:
        requests:
          cpu: 10m
      defaultPodDisruptionBudget:
        enabled: true
      priorityClassName: ""
      useMCP: false
      sds:
        token:
          aud: istio-ca
      sts:
        servicePort: 0
      meshNetworks: {}
      mountMtlsCerts: false
    base:
      enableCRDTemplates: false
      validationURL: ""
    pilot:
      autoscaleEnabled: true
      autoscaleMin: 1
      autoscaleMax: 5
      replicaCount: 1
      image: pilot
      traceSampling: 1.0
      env: {}
      cpu:
        targetAverageUtilization: 80
      nodeSelector: {}
      keepaliveMaxServerConnectionAge: 30m
      enableProtocolSniffingForOutbound: true
      enableProtocolSniffingForInbound: true
      deploymentLabels:
      configMap: true
    telemetry:
      enabled: true
      v2:
        enabled: true
        metadataExchange:
          wasmEnabled: false
        prometheus:
          wasmEnabled: false
          enabled: true
        stackdriver:
          enabled: false
          logging: false
          monitoring: false
          topology: false
          configOverride: {}
    istiodRemote:
      injectionURL: ""
    gateways:
      istio-egressgateway:
        zvpn: {}
        env: {}
        autoscaleEnabled: true
        type: ClusterIP
        name: istio-egressgateway
        secretVolumes:
        - name: egressgateway-certs
          secretName: istio-egressgateway-certs
          mountPath: /etc/istio/egressgateway-certs
        - name: egressgateway-ca-certs
          secretName: istio-egressgateway-ca-certs
          mountPath: /etc/istio/egressgateway-ca-certs
      istio-ingressgateway:
        autoscaleEnabled: true
        type: LoadBalancer
        name: istio-ingressgateway
        zvpn: {}
        env: {}
        secretVolumes:
        - name: ingressgateway-certs
          secretName: istio-ingressgateway-certs
          mountPath: /etc/istio/ingressgateway-certs
        - name: ingressgateway-ca-certs
          secretName: istio-ingressgateway-ca-certs
          mountPath: /etc/istio/ingressgateway-ca-certs
`;

/** The demo profile's own changes (facts §2.1). */
export const DEMO_OVERLAY = `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  meshConfig:
    accessLogFile: /dev/stdout
  components:
    egressGateways:
    - name: istio-egressgateway
      enabled: true
      k8s:
        resources:
          requests:
            cpu: 10m
            memory: 40Mi
    ingressGateways:
    - name: istio-ingressgateway
      enabled: true
      k8s:
        resources:
          requests:
            cpu: 10m
            memory: 40Mi
        service:
          ports:
            - port: 15021
              targetPort: 15021
              name: status-port
            - port: 80
              targetPort: 8080
              name: http2
            - port: 443
              targetPort: 8443
              name: https
            - port: 31400
              targetPort: 31400
              name: tcp
            - port: 15443
              targetPort: 15443
              name: tls
    pilot:
      k8s:
        env:
          - name: PILOT_TRACE_SAMPLING
            value: "100"
        resources:
          requests:
            cpu: 10m
            memory: 100Mi
  values:
    global:
      proxy:
        resources:
          requests:
            cpu: 10m
            memory: 40Mi
    pilot:
      autoscaleEnabled: false
    gateways:
      istio-egressgateway:
        autoscaleEnabled: false
      istio-ingressgateway:
        autoscaleEnabled: false
`;

export const EXTERNAL_PROFILE = `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  components:
    base:
      enabled: false
    pilot:
      enabled: false
    ingressGateways:
    - name: istio-ingressgateway
      enabled: false
    istiodRemote:
      enabled: true
  values:
    global:
      externalIstiod: true
      omitSidecarInjectorConfigMap: true
      configCluster: false
      remotePilotAddress: 169.10.112.88
    pilot:
      configMap: false
    istiodRemote:
      injectionURL: https://xxx:15017/inject
    base:
      validationURL: https://xxx:15017/validate
`;

export const OPENSHIFT_PROFILE = `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  components:
    cni:
      enabled: true
      namespace: kube-system
      k8s:
        overlays:
          - kind: DaemonSet
            name: istio-cni-node
            patches:
              - path: spec.template.spec.containers[0].securityContext.privileged
                value: true
  values:
    cni:
      cniBinDir: /var/lib/cni/bin
      cniConfDir: /etc/cni/multus/net.d
      chained: false
      cniConfFileName: "istio-cni.conf"
      excludeNamespaces:
       - istio-system
       - kube-system
      logLevel: info
    sidecarInjectorWebhook:
      injectedAnnotations:
        k8s.v1.cni.cncf.io/networks: istio-cni
`;

/** Kubernetes settings of every kind, in the style of 1.11's pilot_k8s_settings test input. */
export const K8S_SETTINGS = `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  tag: 1.11
  components:
    pilot:
      hub: component.pilot.hub
      tag: 2
      k8s:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - key: kubernetes.io/arch
                  operator: In
                  values: [amd64, arm64]
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 2
              preference:
                matchExpressions:
                - {key: kubernetes.io/arch, operator: In, values: [amd64]}
          podAntiAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector:
                  matchLabels: {app: istiod}
                  matchExpressions:
                  - {key: istio.io/rev, operator: Exists}
                topologyKey: kubernetes.io/hostname
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              apiVersion: v1
              fieldPath: metadata.name
        - name: GODEBUG
          value: gctrace=1
        - name: MEM
          valueFrom:
            resourceFieldRef: {containerName: discovery, resource: limits.memory, divisor: 1Mi}
        - name: FROM_CM
          valueFrom:
            configMapKeyRef: {name: cm, key: k, optional: true}
        - name: FROM_SECRET
          valueFrom:
            secretKeyRef: {name: s, key: k}
        hpaSpec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: istio-pilot}
          minReplicas: 1
          maxReplicas: 3
          metrics:
          - type: Resource
            resource: {name: cpu, targetAverageUtilization: 80}
          - type: Pods
            pods: {metricName: qps, targetAverageValue: 100}
          - type: External
            external: {metricName: queue, targetValue: 30}
        imagePullPolicy: Always
        nodeSelector: {master: "true"}
        podDisruptionBudget:
          maxUnavailable: 25%
          selector:
            matchLabels: {app: istiod}
        podAnnotations: {a: b}
        priorityClassName: high
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
            scheme: HTTP
            httpHeaders: [{name: X, value: y}]
          initialDelaySeconds: 555
          periodSeconds: 3
        replicaCount: 2
        resources:
          requests: {cpu: 222m, memory: 999Mi}
          limits: {cpu: 1, memory: 2Gi, ephemeral-storage: 1e9}
        service:
          type: LoadBalancer
          externalTrafficPolicy: Local
          loadBalancerSourceRanges: [10.0.0.0/8]
          sessionAffinity: ClientIP
          sessionAffinityConfig: {clientIP: {timeoutSeconds: 100}}
          ports:
          - {name: grpc-xds, port: 15010, protocol: TCP}
          - {name: https-webhook, port: 443, targetPort: https-webhook}
        serviceAnnotations: {manifest-generate: testserviceAnnotation}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 100%, maxUnavailable: 1}
        tolerations:
        - {key: dedicated, operator: Equal, value: pilot, effect: NoSchedule}
        - {operator: Exists, effect: NoExecute, tolerationSeconds: 300}
        securityContext:
          runAsUser: 1337
          runAsGroup: 1337
          runAsNonRoot: true
          fsGroup: 1337
          supplementalGroups: [1, 2]
          fsGroupChangePolicy: OnRootMismatch
          seccompProfile: {type: RuntimeDefault}
          seLinuxOptions: {level: "s0:c123,c456"}
          windowsOptions: {runAsUserName: ContainerUser}
          sysctls:
          - {name: net.ipv4.ip_unprivileged_port_start, value: "0"}
        volumes:
        - name: config-volume
          configMap: {name: istio, items: [{key: mesh, path: mesh}], defaultMode: 420}
        - name: token
          projected:
            sources:
            - serviceAccountToken: {audience: istio-ca, expirationSeconds: 43200, path: istio-token}
        - name: certs
          secret: {secretName: cacerts, optional: true}
        - name: scratch
          emptyDir: {medium: Memory, sizeLimit: 1Gi}
        - name: host
          hostPath: {path: /var/run, type: Directory}
        volumeMounts:
        - {name: config-volume, mountPath: /etc/istio/config, readOnly: true}
        overlays:
        - apiVersion: apps/v1
          kind: Deployment
          name: istiod
          patches:
          - path: spec.template.spec.containers.[name:discovery].args.[30m]
            value: "60m"
          - path: spec.template.spec.containers.[name:discovery].securityContext
  unvalidatedValues:
    anything:
      goes: [1, true, null]
  values:
    pilot:
      env:
        EXTERNAL_ISTIOD: true
        PILOT_TRACE_SAMPLING: 100
        NAME: value
    global:
      meshNetworks:
        network1:
          endpoints:
          - fromCidr: 192.168.0.1/24
          gateways:
          - address: 1.1.1.1
            port: 80
        network2:
          endpoints:
          - fromRegistry: reg1
          gateways:
          - registryServiceName: istio-ingressgateway.istio-system.svc.cluster.local
            port: 443
    meshConfig:
      defaultConfig:
        proxyMetadata:
          ISTIO_META_DNS_CAPTURE: "true"
    revisionTags: [prod, canary]
  meshConfig:
    accessLogEncoding: JSON
    connectTimeout: 10s
    protocolDetectionTimeout: 0s
    dnsRefreshRate: 1m30s
    outboundTrafficPolicy: {mode: REGISTRY_ONLY}
    enableAutoMtls: true
    trustDomain: cluster.local
    trustDomainAliases: [td2]
    defaultServiceExportTo: ["*"]
    localityLbSetting:
      enabled: true
      distribute:
      - from: us-west/zone1/*
        to: {"us-west/zone1/*": 80, "us-west/zone2/*": 20}
      failover:
      - {from: us-east, to: eu-west}
    extensionProviders:
    - name: authz
      envoyExtAuthzHttp: {service: authz.foo.svc.cluster.local, port: 8000, includeHeadersInCheck: [x-ext-authz]}
    - name: zipkin
      zipkin: {service: zipkin.istio-system.svc.cluster.local, port: 9411}
    defaultProviders: {tracing: [zipkin]}
    discoverySelectors:
    - matchLabels: {env: prod}
    defaultConfig:
      concurrency: 2
      holdApplicationUntilProxyStarts: true
      proxyMetadata:
        BOOTSTRAP_XDS_AGENT: "true"
      tracing:
        sampling: 10.5
        zipkin: {address: zipkin:9411}
        customTags:
          env: {environment: {name: ENV, defaultValue: dev}}
      gatewayTopology: {numTrustedProxies: 2}
      terminationDrainDuration: 5s
`;

/** Paths istioctl 1.11 only warns about: accepted here, marked x-deprecated. */
export const LEGACY_VALUES = `
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  addonComponents:
    istiocoredns:
      enabled: false
  values:
    global:
      mtls:
        auto: true
      centralIstiod: true
      arch:
        amd64: 2
      proxy:
        concurrency: 2
        holdApplicationUntilProxyStarts: true
      tracer:
        zipkin:
          address: zipkin:9411
    pilot:
      ingress:
        ingressService: istio-ingressgateway
    telemetry:
      v2:
        stackdriver:
          logging: true
    grafana:
      enabled: false
    istiocoredns:
      enabled: false
`;
