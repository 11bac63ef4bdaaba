/** The types of `workload entry configure` as a library (issue 8 contract). */
import type { Issue } from '../operator/issues.js';
import type { MeshInstallation } from './mesh.js';

export type { Issue, MeshInstallation };

/** A file's text and the name it has in messages. */
export interface NamedText {
  readonly text: string;
  readonly file: string;
}

export interface ConfigureWorkloadInput {
  /** The WorkloadGroup file (networking.istio.io/v1alpha3 or v1beta1). */
  readonly workloadGroup: NamedText;
  /** The installation whose istiod the VM connects to (rendered offline for its mesh ConfigMap). */
  readonly mesh?: MeshInstallation;
  /** The group's namespace when the file has no metadata.namespace (must agree when it has one). */
  readonly namespace?: string;
  /** ISTIO_META_CLUSTER_ID; default the installation's values.global.multiCluster.clusterName, else "Kubernetes". */
  readonly clusterID?: string;
  /** The VM's IP address: sidecar.env with ISTIO_SVC_IP (auto-registration from another network). */
  readonly workloadIP?: string;
  /** Address of the (east-west) gateway that exposes istiod: the hosts entry for istiod's cluster-local name. */
  readonly ingressIP?: string;
  /** `<service>[.<namespace>]` of that gateway, for the command that prints its address; default istio-eastwestgateway. */
  readonly ingressService?: string;
  /** ISTIO_META_AUTO_REGISTER_GROUP: istiod creates a WorkloadEntry when the VM connects. */
  readonly autoregister?: boolean;
  /** ISTIO_META_DNS_CAPTURE=true (default true). */
  readonly captureDns?: boolean;
  /** root-cert.pem (the mesh's root certificate) and istio-token (a service account token), fetched from the cluster by the user. */
  readonly rootCert?: NamedText;
  readonly token?: NamedText;
  /** Token lifetime in seconds for the printed `kubectl create token` command (default 3600). */
  readonly tokenDuration?: number;
}

/** One file of the VM's configuration directory. */
export interface WorkloadFile {
  readonly path: string;
  readonly text: string;
  /** A credential (istio-token): written readable by its owner only. */
  readonly secret?: boolean;
}

export interface ConfigureWorkloadOutput {
  /** Sorted by path: cluster.env, hosts, [istio-token], mesh.yaml, [root-cert.pem], [sidecar.env]. */
  readonly files: readonly WorkloadFile[];
  readonly warnings: readonly Issue[];
}

export type ConfigureWorkloadResult = { readonly success: true; readonly data: ConfigureWorkloadOutput } | { readonly success: false; readonly issues: readonly Issue[] };
