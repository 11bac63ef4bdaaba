/** `workload entry configure`: the files a VM needs to join the mesh, made offline (issue 8). */
import { IstioOperatorError } from '../operator/issues.js';
import { safeConfigureWorkload } from './configure.js';
import type { ConfigureWorkloadInput, ConfigureWorkloadOutput } from './types.js';

export type * from './types.js';
export { safeConfigureWorkload, canonicalService, isClusterLocal, DEFAULT_CLUSTER_ID, DEFAULT_INGRESS_SERVICE, DEFAULT_TOKEN_DURATION, PROXY_CONFIG_ANNOTATION } from './configure.js';
export { parseWorkloadGroup, WORKLOAD_GROUP_API_VERSIONS, type WorkloadGroup, type ParseWorkloadGroupResult } from './workload-group.js';
export { meshFacts, type MeshFacts, type MeshFactsResult } from './mesh.js';
export { isIP } from './ip.js';
export { shellQuote } from './env-file.js';

/** safeConfigureWorkload that throws IstioOperatorError listing every issue. */
export function configureWorkload(input: ConfigureWorkloadInput): ConfigureWorkloadOutput {
  const r = safeConfigureWorkload(input);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.data;
}
