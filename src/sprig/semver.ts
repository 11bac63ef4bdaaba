/**
 * Sprig's `semver` and `semverCompare` over Masterminds/semver v3 semantics: v3.3.0 in helm
 * 3.17.3, v3.4.0 in helm 4.1.4 (measured differences: error texts are capitalised in v3.3.0 and
 * lower-case in v3.4.0; in v3.4.0 a pre-release in any constraint of an AND group lets the whole
 * group match pre-release versions, in v3.3.0 only the constraint that has one; SetPrerelease
 * validates its argument only in v3.4.0).
 *
 * A parsed version is a `*semver.Version` GoStruct whose methods are the ones templates can call
 * (`.Major`, `.Prerelease`, `.Original`, `.LessThan (semver "1.2")`, `.IncMinor`, ...); its
 * unexported fields (major minor patch pre metadata original) are there for `%#v` printing.
 */
import { RE2JS } from 're2js';
import { once } from './once.js';
import { GoError } from '../gotemplate/errors.js';
import { NumError, parseUint } from '../gotemplate/strconv.js';
import { GoInt, GoStruct, int, type GoFuncSpec, type GoTypeInfo, type GoValue } from '../gotemplate/value.js';

// TEMP until A lands src/gotemplate/template.ts (which exports Compat).
type Compat = 'helm3' | 'helm4';

interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly metadata: string;
  readonly original: string;
}

/** The error texts that differ between semver v3.3.0 (helm3) and v3.4.0 (helm4). */
interface Texts {
  readonly invalidSemVer: string;
  readonly segmentStartsZero: string;
  readonly parsingSegment: string;
  readonly constraintParser: string;
  readonly invalidPrerelease: string;
  readonly invalidMetadata: string;
}

const TEXTS: Record<Compat, Texts> = {
  helm3: {
    invalidSemVer: 'Invalid Semantic Version',
    segmentStartsZero: 'Version segment starts with 0',
    parsingSegment: 'Error parsing version segment: ',
    constraintParser: 'constraint Parser Error',
    invalidPrerelease: 'Invalid Prerelease string',
    invalidMetadata: 'Invalid Metadata string',
  },
  helm4: {
    invalidSemVer: 'invalid semantic version',
    segmentStartsZero: 'version segment starts with 0',
    parsingSegment: 'error parsing version segment: ',
    constraintParser: 'constraint parser error',
    invalidPrerelease: 'invalid prerelease string',
    invalidMetadata: 'invalid metadata string',
  },
};

const VERSION_RE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

function parseSegment(s: string, t: Texts): bigint {
  try {
    return parseUint(s, 10, 64);
  } catch (e) {
    if (e instanceof NumError) throw new GoError(t.parsingSegment + e.message);
    throw e;
  }
}

const ONLY_NUM = /^[0-9]*$/;
const ONLY_ALLOWED = /^[0-9A-Za-z-]*$/;

/** validatePrerelease: numeric identifiers may not have leading zeros (v3.4.0: and none is empty). */
function prereleaseError(pre: string, t: Texts, compat: Compat): string | null {
  for (const part of pre.split('.')) {
    if (compat === 'helm4' && part === '') return t.invalidPrerelease;
    if (ONLY_NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') return t.segmentStartsZero;
    } else if (!ONLY_ALLOWED.test(part)) {
      return t.invalidPrerelease;
    }
  }
  return null;
}

function metadataError(meta: string, t: Texts, compat: Compat): string | null {
  for (const part of meta.split('.')) {
    if (compat === 'helm4' && part === '') return t.invalidMetadata;
    if (!ONLY_ALLOWED.test(part)) return t.invalidMetadata;
  }
  return null;
}

/** semver.NewVersion (coercing: `v1.2` is 1.2.0, leading zeros in numbers are accepted). */
export function parseVersion(s: string, compat: Compat): Version {
  const t = TEXTS[compat];
  const m = VERSION_RE.exec(s);
  if (!m) throw new GoError(t.invalidSemVer);
  const major = parseSegment(m[1] ?? '', t);
  const minor = m[2] ? parseSegment(m[2].slice(1), t) : 0n;
  const patch = m[3] ? parseSegment(m[3].slice(1), t) : 0n;
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (pre !== '') {
    const err = prereleaseError(pre, t, compat);
    if (err) throw new GoError(err);
  }
  return { major, minor, patch, pre, metadata, original: s };
}

export function versionString(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre !== '') s += '-' + v.pre;
  if (v.metadata !== '') s += '+' + v.metadata;
  return s;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Version.Compare: numbers, then a version without pre-release is greater, then pre-release parts. */
export function compareVersions(v: Version, o: Version): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  const n = Math.max(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function parseUintOrNull(s: string): bigint | null {
  try {
    return parseUint(s, 10, 64);
  } catch {
    return null;
  }
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const oi = parseUintOrNull(o);
  const si = parseUintOrNull(s);
  if (oi === null && si === null) return s > o ? 1 : -1;
  if (oi === null) return -1;
  if (si === null) return 1;
  return (si as bigint) > oi ? 1 : -1;
}

// ------------------------------------------------------------------------------------------
// Constraints

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
// Go regexp semantics (leftmost-first, RE2 linear time) through re2js.
// Compiled on first use: most renders never parse a constraint.
const constraintRe = once(() => RE2JS.compile(String.raw`^\s*(${OPS})\s*(${CV})\s*$`).re2());
const rangeRe = once(() => RE2JS.compile(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`).re2());
const findRe = once(() => RE2JS.compile(String.raw`(${OPS})\s*(${CV})`).re2());
const validRe = once(() =>
  RE2JS.compile(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`).re2(),
);

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

interface Constraint {
  readonly op: Op;
  readonly con: Version;
  readonly orig: string;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

interface Constraints {
  readonly groups: readonly (readonly Constraint[])[];
  readonly containsPre: readonly boolean[];
}

const isX = (s: string): boolean => s === 'x' || s === 'X' || s === '*';

function submatch(re: ReturnType<RE2JS['re2']>, s: string): string[] | null {
  const idx = re.findSubmatchIndex(s) as number[] | null;
  if (!idx) return null;
  const out: string[] = [];
  for (let i = 0; i < idx.length; i += 2) {
    const a = idx[i] ?? -1;
    const b = idx[i + 1] ?? -1;
    out.push(a < 0 ? '' : s.slice(a, b));
  }
  return out;
}

/** rewriteRange: `A - B` becomes `>= A, <= B `. */
function rewriteRange(s: string): string {
  const all = (rangeRe().findAllSubmatchIndex(s, -1) as number[][] | null) ?? [];
  let out = s;
  for (const idx of all) {
    const whole = s.slice(idx[0], idx[1]);
    const a = s.slice(idx[2], idx[3]);
    const b = s.slice(idx[22], idx[23]);
    const at = out.indexOf(whole);
    if (at >= 0) out = out.slice(0, at) + `>= ${a}, <= ${b} ` + out.slice(at + whole.length);
  }
  return out;
}

function parseConstraint(s: string, compat: Compat): Constraint {
  const t = TEXTS[compat];
  const m = submatch(constraintRe(), s);
  if (!m) throw new GoError(`improper constraint: ${s}`);
  const op = (m[1] ?? '') as Op;
  const orig = m[2] ?? '';
  const major = m[3] ?? '';
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const pre = m[6] ?? '';
  let ver = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = '0.0.0' + pre;
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.slice(1)) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  let con: Version;
  try {
    con = parseVersion(ver, compat);
  } catch (e) {
    if (e instanceof GoError) throw new GoError(t.constraintParser);
    throw e;
  }
  return { op, con, orig, dirty, minorDirty, patchDirty };
}

/** semver.NewConstraint. */
export function parseConstraints(c: string, compat: Compat): Constraints {
  const groups: Constraint[][] = [];
  const containsPre: boolean[] = [];
  for (const part of rewriteRange(c).split('||')) {
    if (!validRe().match(part)) throw new GoError(`improper constraint: ${part}`);
    const found = (findRe().findAll(part, -1) as string[] | null) ?? [part];
    const group = found.map((s) => parseConstraint(s, compat));
    groups.push(group);
    containsPre.push(group.some((g) => g.con.pre !== ''));
  }
  return { groups, containsPre };
}

/** Constraints.Check. */
export function checkConstraints(cs: Constraints, v: Version, compat: Compat): boolean {
  return cs.groups.some((group, i) =>
    group.every((c) => checkOne(v, c, compat === 'helm4' ? (cs.containsPre[i] ?? false) : c.con.pre !== '', compat)),
  );
}

function checkOne(v: Version, c: Constraint, includePre: boolean, compat: Compat): boolean {
  // v3.3.0 skips the pre-release gate for `!=` against an exact version (measured).
  const gated = compat === 'helm4' || c.op !== '!=' || c.dirty;
  if (gated && v.pre !== '' && !includePre) return false;
  const con = c.con;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compareVersions(v, con) === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || con.pre !== '') return comparePrerelease(v.pre, con.pre) !== 0;
          return false;
        }
      }
      return compareVersions(v, con) !== 0;
    case '>':
      if (!c.dirty) return compareVersions(v, con) === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return compareVersions(v, con) === 1;
    case '<':
      return compareVersions(v, con) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compareVersions(v, con) <= 0;
      if (v.major > con.major) return false;
      if (v.major === con.major && v.minor > con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
}

function tilde(v: Version, c: Constraint): boolean {
  const con = c.con;
  if (compareVersions(v, con) < 0) return false;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  if (v.minor !== con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: Version, c: Constraint): boolean {
  const con = c.con;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (con.major === 0n && v.major > 0n) return false;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (con.minor === 0n && v.minor > 0n) return false;
  return con.patch === v.patch;
}

// ------------------------------------------------------------------------------------------
// Template values

const PTR_TYPE = '*semver.Version';

function fieldsOf(v: Version): Map<string, GoValue> {
  return new Map<string, GoValue>([
    ['major', new GoInt('uint64', v.major)],
    ['minor', new GoInt('uint64', v.minor)],
    ['patch', new GoInt('uint64', v.patch)],
    ['pre', v.pre],
    ['metadata', v.metadata],
    ['original', v.original],
  ]);
}

const utf8 = new TextEncoder();

/**
 * The `semver.Version` value (pointer = false) or `*semver.Version` (pointer = true) of v. Its
 * methods are bound to v; like every method spec they receive the receiver first (the executor's
 * convention), then the template arguments.
 * Pointer-receiver methods (Original, LessThan, Compare, ...) exist only on the pointer, as in Go.
 */
export function versionValue(v: Version, compat: Compat, pointer = true): GoStruct {
  const t = TEXTS[compat];
  const prefix = v.original.startsWith('v') ? 'v' : '';
  const value = (next: Version): GoStruct => versionValue(next, compat, false);
  const withOriginal = (next: Version): Version => ({ ...next, original: prefix + versionString(next) });
  const cleared = { ...v, pre: '', metadata: '' };
  const u64 = (x: bigint): GoInt => new GoInt('uint64', x);
  const other = (o: GoValue): Version => {
    if (!(o instanceof GoStruct) || o.type.name !== 'semver.Version') {
      throw new Error('invalid memory address or nil pointer dereference');
    }
    return VERSIONS.get(o) ?? versionFromFields(o.fields);
  };
  const methods: GoFuncSpec[] = [
    { name: 'String', params: [], results: ['string'], fn: () => versionString(v) },
    { name: 'Major', params: [], results: ['uint64'], fn: () => u64(v.major) },
    { name: 'Minor', params: [], results: ['uint64'], fn: () => u64(v.minor) },
    { name: 'Patch', params: [], results: ['uint64'], fn: () => u64(v.patch) },
    { name: 'Prerelease', params: [], results: ['string'], fn: () => v.pre },
    { name: 'Metadata', params: [], results: ['string'], fn: () => v.metadata },
    {
      name: 'IncPatch',
      params: [],
      results: ['semver.Version'],
      fn: () => value(withOriginal(v.pre !== '' ? cleared : { ...cleared, patch: BigInt.asUintN(64, v.patch + 1n) })),
    },
    {
      name: 'IncMinor',
      params: [],
      results: ['semver.Version'],
      fn: () => value(withOriginal({ ...cleared, patch: 0n, minor: BigInt.asUintN(64, v.minor + 1n) })),
    },
    {
      name: 'IncMajor',
      params: [],
      results: ['semver.Version'],
      fn: () => value(withOriginal({ ...cleared, patch: 0n, minor: 0n, major: BigInt.asUintN(64, v.major + 1n) })),
    },
    {
      name: 'SetPrerelease',
      params: ['string'],
      results: ['semver.Version'],
      returnsError: true,
      fn: (_self, pre) => {
        const err = pre === '' ? null : prereleaseError(pre as string, t, compat);
        if (err) throw new GoError(err);
        return value(withOriginal({ ...v, pre: pre as string }));
      },
    },
    {
      name: 'SetMetadata',
      params: ['string'],
      results: ['semver.Version'],
      returnsError: true,
      fn: (_self, meta) => {
        const err = meta === '' ? null : metadataError(meta as string, t, compat);
        if (err) throw new GoError(err);
        return value(withOriginal({ ...v, metadata: meta as string }));
      },
    },
    {
      name: 'MarshalJSON',
      params: [],
      results: ['[]uint8'],
      returnsError: true,
      fn: () => utf8.encode(JSON.stringify(versionString(v))),
    },
    { name: 'MarshalText', params: [], results: ['[]uint8'], returnsError: true, fn: () => utf8.encode(versionString(v)) },
    { name: 'Value', params: [], results: ['driver.Value'], returnsError: true, fn: () => versionString(v) },
  ];
  if (pointer) {
    const cmpWith = (o: GoValue): number => compareVersions(v, other(o));
    methods.push(
      { name: 'Original', params: [], results: ['string'], fn: () => v.original },
      { name: 'LessThan', params: [PTR_TYPE], results: ['bool'], fn: (_self, o) => cmpWith(o) < 0 },
      { name: 'LessThanEqual', params: [PTR_TYPE], results: ['bool'], fn: (_self, o) => cmpWith(o) <= 0 },
      { name: 'GreaterThan', params: [PTR_TYPE], results: ['bool'], fn: (_self, o) => cmpWith(o) > 0 },
      { name: 'GreaterThanEqual', params: [PTR_TYPE], results: ['bool'], fn: (_self, o) => cmpWith(o) >= 0 },
      { name: 'Equal', params: [PTR_TYPE], results: ['bool'], fn: (_self, o) => cmpWith(o) === 0 },
      { name: 'Compare', params: [PTR_TYPE], results: ['int'], fn: (_self, o) => int(cmpWith(o)) },
    );
  }
  const type: GoTypeInfo = { name: 'semver.Version', kind: 'struct', methods: new Map(methods.map((m) => [m.name, m])) };
  const struct = new GoStruct(type, fieldsOf(v), pointer);
  VERSIONS.set(struct, v);
  return struct;
}

function versionFromFields(f: ReadonlyMap<string, GoValue>): Version {
  const big = (k: string): bigint => {
    const x = f.get(k);
    return x instanceof GoInt ? x.value : 0n;
  };
  const str = (k: string): string => {
    const x = f.get(k);
    return typeof x === 'string' ? x : '';
  };
  return { major: big('major'), minor: big('minor'), patch: big('patch'), pre: str('pre'), metadata: str('metadata'), original: str('original') };
}

/** The parsed version behind each semver GoStruct (for methods that take another version). */
const VERSIONS = new WeakMap<GoStruct, Version>();

function makeFuncs(compat: Compat): readonly GoFuncSpec[] {
  return [
    {
      name: 'semver',
      params: ['string'],
      results: [PTR_TYPE],
      returnsError: true,
      fn: (s) => versionValue(parseVersion(s as string, compat), compat),
    },
    {
      name: 'semverCompare',
      params: ['string', 'string'],
      results: ['bool'],
      returnsError: true,
      fn: (c, v) => {
        const cs = parseConstraints(c as string, compat);
        return checkConstraints(cs, parseVersion(v as string, compat), compat);
      },
    },
  ];
}

const FUNCS: Record<Compat, readonly GoFuncSpec[]> = { helm3: makeFuncs('helm3'), helm4: makeFuncs('helm4') };

/** semver and semverCompare for a helm version (their texts and pre-release rules differ). */
export function semverFuncsFor(compat: Compat): readonly GoFuncSpec[] {
  return FUNCS[compat];
}

/** The helm3 (semver v3.3.0) forms; use semverFuncsFor(compat) to get the helm4 ones. */
export const semverFuncs: readonly GoFuncSpec[] = FUNCS.helm3;
