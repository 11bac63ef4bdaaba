/**
 * A YAML document as go-yaml v2 decodes it into `interface{}`, before sigs.k8s.io/yaml's JSON
 * round trip: integers exact (bigint), floats, bools, null, strings, lists, and maps whose keys
 * keep their YAML types (`1`, `true`, `null` keys are not strings yet). Both readers produce it:
 * the full one over the `yaml` package (load.ts) and the fast one for plain block YAML
 * (fastpath.ts).
 */
import { resolvePlain } from './resolve.js';

export type Raw = null | boolean | string | bigint | number | Raw[] | RawMap;

/** A mapping with typed keys; setting an existing key replaces its value in place (last wins). */
export class RawMap {
  readonly keys: Raw[] = [];
  readonly values: Raw[] = [];
  private readonly index = new Map<string, number>();
  set(k: Raw, v: Raw): void {
    const id = typeof k + ':' + String(k);
    const i = this.index.get(id);
    if (i !== undefined) this.values[i] = v;
    else {
      this.index.set(id, this.keys.length);
      this.keys.push(k);
      this.values.push(v);
    }
  }
}

/** A plain (unquoted, untagged) scalar typed by YAML 1.1's implicit rules. */
export function fromResolved(text: string): Raw {
  const r = resolvePlain(text);
  switch (r.tag) {
    case 'null':
      return null;
    case 'bool':
    case 'float':
    case 'int':
      return r.value;
    default:
      return text;
  }
}
