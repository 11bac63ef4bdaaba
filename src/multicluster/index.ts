/** Multicluster: the remote secret an istiod uses to read another cluster, built offline from a kubeconfig. */
export {
  CLUSTER_ANNOTATION,
  CONFIG_SECRET_KEY,
  CONFIG_SECRET_NAME,
  DEFAULT_NAMESPACE,
  generateRemoteSecret,
  MULTICLUSTER_LABEL,
  referencedFiles,
  REMOTE_SECRET_CODES,
  REMOTE_SECRET_PREFIX,
  remoteSecretName,
  safeGenerateRemoteSecret,
  type RemoteSecretInput,
  type RemoteSecretOutput,
  type RemoteSecretResult,
  type RemoteSecretType,
} from './remote-secret.js';
export { KUBECONFIG_CODES, parseKubeconfig, type Kubeconfig, type KubeCluster, type KubeContext, type KubeUser, type Located, type ParseKubeconfigResult } from './kubeconfig.js';
export { dns1123LabelProblem } from './names.js';
