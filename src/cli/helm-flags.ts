/**
 * Command-line flags the way helm's (cobra/pflag) parser reads them, so `helm template`'s usage
 * errors come out with helm's words: `--name=value` and `--name value`, `-n value`, `-nvalue`,
 * `-n=value`, grouped boolean shorthands, `--` ending the flags, flags anywhere between the
 * positional arguments. Pure: no I/O.
 *
 * Kinds (pflag): `bool` (`--x`, `--x=false`), `string` (last one wins), `stringArray` (each use
 * appends one value, commas kept) and `stringSlice` (each use appends comma-separated values,
 * read as one CSV record, so `-f "a,b"` is two files and `-f '"a,b"'` one).
 */

/** `optional`: a value only as `--x=value`, `--x` alone is allowed (pflag NoOptDefVal, e.g. --dry-run). */
export type FlagKind = 'bool' | 'string' | 'stringArray' | 'stringSlice' | 'optional';

export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly kind: FlagKind;
}

export interface ParsedFlags {
  /** Positional arguments in order. */
  readonly args: string[];
  /** Flag values by long name: booleans and strings hold the last value, lists every value. */
  readonly bools: Map<string, boolean>;
  readonly strings: Map<string, string>;
  readonly lists: Map<string, string[]>;
  /** Long names of the flags that were given, in first-seen order. */
  readonly seen: string[];
}

export type ParseFlagsResult = { readonly ok: true; readonly flags: ParsedFlags } | { readonly ok: false; readonly error: string };

/** Go strconv.ParseBool. */
function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/**
 * One line of Go encoding/csv (the reader pflag's stringSlice uses): fields split on commas,
 * a field that starts with `"` is quoted (`""` is a quote). Returns the fields or Go's error.
 */
export function readCsvRecord(text: string): { ok: true; fields: string[] } | { ok: false; error: string } {
  if (text === '') return { ok: true, fields: [] };
  const line = text.split('\n')[0].replace(/\r$/, '');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return { ok: false, error: `parse error on line 1, column ${line.length + 1}: extraneous or missing " in quoted-field` };
        field += line.slice(j, q);
        if (line[q + 1] === '"') {
          field += '"';
          j = q + 2;
        } else if (q + 1 === line.length || line[q + 1] === ',') {
          fields.push(field);
          i = q + 1;
          break;
        } else {
          return { ok: false, error: `parse error on line 1, column ${q + 1}: extraneous or missing " in quoted-field` };
        }
      }
    } else {
      const c = line.indexOf(',', i);
      const field = c < 0 ? line.slice(i) : line.slice(i, c);
      const bare = field.indexOf('"');
      if (bare >= 0) return { ok: false, error: `parse error on line 1, column ${i + bare + 1}: bare " in non-quoted-field` };
      fields.push(field);
      i = c < 0 ? line.length : c;
    }
    if (i >= line.length) break;
    i++; // the comma
    if (i === line.length) {
      fields.push('');
      break;
    }
  }
  return { ok: true, fields };
}

/** How pflag names a flag in "invalid argument" messages: `-f, --values` or `--debug`. */
function flagTitle(spec: FlagSpec): string {
  return spec.short !== undefined ? `-${spec.short}, --${spec.long}` : `--${spec.long}`;
}

/** Parses `argv` against `specs` with pflag's rules and messages (without "Error: "). */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParseFlagsResult {
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short as string, s]));
  const flags: ParsedFlags = { args: [], bools: new Map(), strings: new Map(), lists: new Map(), seen: [] };

  const set = (spec: FlagSpec, value: string): string | undefined => {
    if (!flags.seen.includes(spec.long)) flags.seen.push(spec.long);
    switch (spec.kind) {
      case 'bool': {
        const b = parseBool(value);
        if (b === undefined) return `invalid argument "${value}" for "${flagTitle(spec)}" flag: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`;
        flags.bools.set(spec.long, b);
        return undefined;
      }
      case 'string':
      case 'optional':
        flags.strings.set(spec.long, value);
        return undefined;
      case 'stringArray':
        flags.lists.set(spec.long, [...(flags.lists.get(spec.long) ?? []), value]);
        return undefined;
      case 'stringSlice': {
        const r = readCsvRecord(value);
        if (!r.ok) return `invalid argument ${JSON.stringify(value)} for "${flagTitle(spec)}" flag: ${r.error}`;
        flags.lists.set(spec.long, [...(flags.lists.get(spec.long) ?? []), ...r.fields]);
        return undefined;
      }
    }
  };

  let i = 0;
  while (i < argv.length) {
    const a = argv[i++];
    if (a === '--') {
      flags.args.push(...argv.slice(i));
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      flags.args.push(a);
      continue;
    }
    if (a[1] === '-') {
      const body = a.slice(2);
      if (body.startsWith('-') || body.startsWith('=')) return { ok: false, error: `bad flag syntax: ${a}` };
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const spec = byLong.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (spec.kind === 'bool') value = 'true';
      else if (spec.kind === 'optional') value = '';
      else if (i < argv.length) value = argv[i++];
      else return { ok: false, error: `flag needs an argument: ${a}` };
      const err = set(spec, value);
      if (err !== undefined) return { ok: false, error: err };
      continue;
    }
    // Shorthands: -abc, -n value, -nvalue, -n=value.
    let rest = a.slice(1);
    while (rest.length > 0) {
      const c = rest[0];
      const spec = byShort.get(c);
      if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
      let value: string;
      if (rest[1] === '=') {
        value = rest.slice(2);
        rest = '';
      } else if (spec.kind === 'bool' || spec.kind === 'optional') {
        value = spec.kind === 'bool' ? 'true' : '';
        rest = rest.slice(1);
      } else if (rest.length > 1) {
        value = rest.slice(1);
        rest = '';
      } else if (i < argv.length) {
        value = argv[i++];
        rest = '';
      } else {
        return { ok: false, error: `flag needs an argument: '${c}' in ${a}` };
      }
      const err = set(spec, value);
      if (err !== undefined) return { ok: false, error: err };
    }
  }
  return { ok: true, flags };
}
