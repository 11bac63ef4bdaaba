/**
 * The values as the schema libraries see them.
 *
 * helm 3 marshals the values to YAML, converts that to JSON and decodes it with UseNumber; helm 4
 * hands the Go values over directly. For both, a float64 and an int64 are "number", and a number
 * is an integer when its value is whole (`1.0` and `1e6` pass `type: integer`, measured in both).
 * Other Go types (byte slices, structs, funcs) cannot come from values files or --set; they are
 * seen as null here.
 */
import { GoInt, type GoValue } from '../../gotemplate/value.js';
import { goFloatV, parseRat, ratOfBigint, ratOfFloat, type Rat } from './numbers.js';

export class InstNumber {
  constructor(
    /** Exact value (of the shortest decimal text for a float64). */
    readonly rat: Rat,
    /** The float64 the libraries print in messages. */
    readonly float: number,
  ) {}
  get isInt(): boolean {
    return this.rat.d === 1n;
  }
}

export type Inst = null | boolean | string | InstNumber | Inst[] | Map<string, Inst>;

export function toInstance(v: GoValue): Inst {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return new InstNumber(ratOfFloat(v), v);
  if (v instanceof GoInt) return new InstNumber(ratOfBigint(v.value), Number(v.value));
  if (Array.isArray(v)) return v.map(toInstance);
  if (v instanceof Map) {
    const m = new Map<string, Inst>();
    for (const [k, x] of v) m.set(k, toInstance(x));
    return m;
  }
  return null;
}

/** A number from schema text, as an instance number (for `const`/`enum` comparisons). */
export function instNumberOfText(text: string): InstNumber | undefined {
  const r = parseRat(text);
  return r === undefined ? undefined : new InstNumber(r, Number(text));
}

export function instTypeName(v: Inst): 'null' | 'boolean' | 'string' | 'number' | 'array' | 'object' {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (v instanceof InstNumber) return 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** Canonical JSON text of an instance (sorted keys, numbers normalised), for equality. */
export function canonical(v: Inst): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof InstNumber) return `${v.rat.n}/${v.rat.d}`;
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = [...v.keys()].sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v.get(k) as Inst)}`).join(',')}}`;
}

export { goFloatV };
