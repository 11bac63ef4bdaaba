/**
 * Shared shapes of the revision layer (issue 7): a Kubernetes object as plain JSON, as
 * `kubectl get -o yaml` prints it and as our renderer produces it.
 */

/** Labels (or annotations) of an object: string to string. */
export type Labels = Readonly<Record<string, string>>;

/** Object metadata as far as the revision layer reads it. */
export interface KubeMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly [key: string]: unknown;
}

/** A Kubernetes object as plain JSON (apiVersion, kind and metadata.name are always strings). */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: KubeMetadata;
  readonly [key: string]: unknown;
}
