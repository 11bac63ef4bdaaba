/** Real-ish Kubernetes objects for the validator tests (written for these tests). */

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: istiod
  namespace: istio-system
  labels:
    app: istiod
    istio.io/rev: default
spec:
  replicas: 1
  strategy:
    rollingUpdate:
      maxSurge: 100%
      maxUnavailable: 25%
  selector:
    matchLabels:
      istio: pilot
  template:
    metadata:
      labels:
        istio: pilot
      annotations:
        sidecar.istio.io/inject: "false"
    spec:
      serviceAccountName: istiod
      securityContext:
        runAsNonRoot: true
        runAsUser: 1337
        runAsGroup: 1337
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: discovery
          image: docker.io/istio/pilot:1.11.8
          imagePullPolicy: IfNotPresent
          args: ["discovery", "--monitoringAddr=:15014"]
          ports:
            - containerPort: 8080
              protocol: TCP
            - containerPort: 15010
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            initialDelaySeconds: 1
            periodSeconds: 3
          env:
            - name: REVISION
              value: default
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  apiVersion: v1
                  fieldPath: metadata.name
          resources:
            requests:
              cpu: 500m
              memory: 2048Mi
            limits:
              cpu: 2
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: local-certs
              mountPath: /var/run/secrets/istio-dns
      volumes:
        - name: local-certs
          emptyDir:
            medium: Memory
            sizeLimit: 1Gi
        - name: istio-token
          projected:
            sources:
              - serviceAccountToken:
                  audience: istio-ca
                  expirationSeconds: 43200
                  path: istio-token
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: istiod
  namespace: istio-system
spec:
  type: ClusterIP
  ports:
    - port: 15010
      name: grpc-xds
      protocol: TCP
    - port: 443
      name: https-webhook
      targetPort: 15017
  selector:
    app: istiod
`;

export const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    defaultConfig:
      discoveryAddress: istiod.istio-system.svc:15012
  meshNetworks: 'networks: {}'
`;

export const SERVICE_ACCOUNT = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: istiod
  namespace: istio-system
imagePullSecrets:
  - name: registry-key
`;

export const CLUSTER_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: istiod-istio-system
rules:
  - apiGroups: ["networking.istio.io"]
    resources: ["*"]
    verbs: ["get", "watch", "list"]
  - nonResourceURLs: ["/metrics"]
    verbs: ["get"]
`;

export const ROLE_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: istiod
  namespace: istio-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: istiod
subjects:
  - kind: ServiceAccount
    name: istiod
    namespace: istio-system
`;

export const MUTATING_WEBHOOK = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector
webhooks:
  - name: rev.namespace.sidecar-injector.istio.io
    clientConfig:
      service:
        name: istiod
        namespace: istio-system
        path: /inject
        port: 443
      caBundle: ""
    sideEffects: None
    admissionReviewVersions: ["v1beta1", "v1"]
    failurePolicy: Fail
    reinvocationPolicy: Never
    rules:
      - operations: ["CREATE"]
        apiGroups: [""]
        apiVersions: ["v1"]
        resources: ["pods"]
    namespaceSelector:
      matchExpressions:
        - key: istio.io/rev
          operator: In
          values: ["default"]
`;

export const VALIDATING_WEBHOOK = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: istio-validator-istio-system
webhooks:
  - name: rev.validation.istio.io
    clientConfig:
      service:
        name: istiod
        namespace: istio-system
        path: /validate
    rules:
      - operations: [CREATE, UPDATE]
        apiGroups: [security.istio.io, networking.istio.io]
        apiVersions: ["*"]
        resources: ["*"]
        scope: "*"
    failurePolicy: Ignore
    sideEffects: None
    admissionReviewVersions: ["v1beta1", "v1"]
    timeoutSeconds: 10
`;

export const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: istiod
  namespace: istio-system
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: istiod
`;

export function hpa(apiVersion: string): string {
  return `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata:
  name: istiod
  namespace: istio-system
spec:
  minReplicas: 1
  maxReplicas: 5
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: istiod
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`;
}

export const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: istio-cni-node
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: istio-cni-node
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels:
        k8s-app: istio-cni-node
    spec:
      hostNetwork: true
      tolerations:
        - effect: NoSchedule
          operator: Exists
      priorityClassName: system-node-critical
      terminationGracePeriodSeconds: 5
      containers:
        - name: install-cni
          image: docker.io/istio/install-cni:1.11.8
          command: ["install-cni"]
          securityContext:
            privileged: true
          volumeMounts:
            - mountPath: /host/opt/cni/bin
              name: cni-bin-dir
      volumes:
        - name: cni-bin-dir
          hostPath:
            path: /opt/cni/bin
`;

/** A CRD whose spec is free-form (preserve-unknown-fields), like Istio's networking CRDs. */
export const ENVOYFILTER_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: envoyfilters.networking.istio.io
spec:
  group: networking.istio.io
  names:
    kind: EnvoyFilter
    plural: envoyfilters
    singular: envoyfilter
    listKind: EnvoyFilterList
    categories: [istio-io, networking-istio-io]
  scope: Namespaced
  versions:
    - name: v1alpha3
      served: true
      storage: true
      subresources:
        status: {}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-preserve-unknown-fields: true
            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
`;

/** A CRD with a strict (closed) schema, to check unknown fields, types and enums of custom resources. */
export const STRICT_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: meshpolicies.example.istio.io
spec:
  group: example.istio.io
  names:
    kind: MeshPolicy
    plural: meshpolicies
  scope: Cluster
  versions:
    - name: v1beta1
      served: true
      storage: false
      schema:
        openAPIV3Schema:
          type: object
          required: [spec]
          properties:
            spec:
              type: object
              required: [mode]
              properties:
                mode:
                  type: string
                  enum: [STRICT, PERMISSIVE]
                port:
                  type: integer
                  format: int32
                target:
                  x-kubernetes-int-or-string: true
                selector:
                  type: object
                  additionalProperties:
                    type: string
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                rules:
                  type: array
                  items:
                    type: object
                    properties:
                      name: {type: string}
                      weight: {type: number}
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;

export const ENVOYFILTER = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: stats-filter-1.11
  namespace: istio-system
  labels:
    istio.io/rev: default
spec:
  configPatches:
    - applyTo: HTTP_FILTER
      match:
        context: SIDECAR_OUTBOUND
        proxy:
          proxyVersion: '^1\\.11.*'
      patch:
        operation: INSERT_BEFORE
        value:
          name: istio.stats
          typed_config:
            "@type": type.googleapis.com/udpa.type.v1.TypedStruct
  priority: -1
`;
