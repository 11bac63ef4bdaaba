/**
 * The generated Kubernetes API tables (src/generated/kube, from pinned npm packages; see
 * docs/kubernetes-validation.md), parsed on first use and kept per version.
 */
import { KUBE_TABLE_JSON, KUBE_TABLE_VERSIONS } from '../../generated/kube/index.js';

/**
 * A field's type: `s` string, `b` boolean, `i32`/`i64` integers of that size, `n` any number,
 * `dt` RFC 3339 date-time, `dtm` date-time with microseconds, `by` base64 bytes, `q` resource
 * quantity, `ios` int-or-string, `any` any JSON value, `[]T` list of T, `{}T` map of T, or the
 * name of a model (an object type of the table).
 */
export type TypeRef = string;

/** One object type: its fields, the required ones and the allowed values of string fields. */
export interface KubeModel {
  readonly f: Readonly<Record<string, TypeRef>>;
  readonly r?: readonly string[];
  readonly e?: Readonly<Record<string, readonly string[]>>;
}

/** The API of one Kubernetes version. */
export interface KubeTables {
  readonly version: string;
  readonly source: string;
  /** apiVersion -> kind -> [model, 1 when namespaced]. */
  readonly kinds: Readonly<Record<string, Readonly<Record<string, readonly [string, number]>>>>;
  readonly types: Readonly<Record<string, KubeModel>>;
}

/** The supported Kubernetes versions (`major.minor`), oldest first. */
export const KUBE_VERSIONS: readonly string[] = KUBE_TABLE_VERSIONS;

const cache = new Map<string, KubeTables>();

/** The tables of `version`, or undefined when it is not one of KUBE_VERSIONS. */
export function kubeTables(version: string): KubeTables | undefined {
  const hit = cache.get(version);
  if (hit) return hit;
  if (!Object.prototype.hasOwnProperty.call(KUBE_TABLE_JSON, version)) return undefined;
  const t = JSON.parse(KUBE_TABLE_JSON[version] as string) as KubeTables;
  cache.set(version, t);
  return t;
}

/** Own-property lookup (table and user keys like `constructor` or `__proto__` never reach prototypes). */
export function own<T>(rec: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return rec !== undefined && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}
