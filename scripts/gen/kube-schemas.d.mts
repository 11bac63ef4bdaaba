/** Declarations of scripts/gen/kube-schemas.mjs (the Kubernetes table generator). */
export interface KubeSource {
  readonly version: string;
  readonly pkg: string;
  readonly npm: string;
  readonly models: string;
  readonly apis: string;
  readonly index: string;
}
export const KUBE_SOURCES: readonly KubeSource[];
/** Every generated file of src/generated/kube: repo-relative path -> content. */
export function generateKubeSchemas(root: string): Map<string, string>;
