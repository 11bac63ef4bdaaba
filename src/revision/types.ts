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

/** The label naming an object's control plane revision ("default" or absent: the revision-less one). */
export const REV_LABEL = 'istio.io/rev';
/** The label naming the revision tag of a tag's MutatingWebhookConfiguration. */
export const TAG_LABEL = 'istio.io/tag';

/** The labels of an object; `{}` when they are missing or not a mapping (snapshots are user input). */
export function labelsOf(o: KubeObject): Labels {
  const l: unknown = o.metadata.labels;
  return typeof l === 'object' && l !== null && !Array.isArray(l) ? (l as Labels) : {};
}

/** One label of an object, when it is set to a string (own keys only: `__proto__` is data). */
export function labelOf(o: KubeObject, key: string): string | undefined {
  const l = labelsOf(o);
  if (!Object.hasOwn(l, key)) return undefined;
  const v: unknown = l[key];
  return typeof v === 'string' ? v : undefined;
}
