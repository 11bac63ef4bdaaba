/**
 * Sprig's date functions (v3.3.0): ago date date_in_zone date_modify dateInZone dateModify
 * duration durationRound htmlDate htmlDateInZone must_date_modify mustDateModify mustToDate now
 * toDate unixEpoch. Values of Go's time.Time are GoStructs named `time.Time` whose methods
 * (String, Format, Year, Month, Unix, UTC, ...) are bound to the instant; see gotime.ts for
 * formatting, parsing and durations. `now`, `ago` and dates of non-time values are the current
 * time and so not deterministic.
 */
import { GoError } from '../gotemplate/errors.js';
import { GoInt, GoStruct, int, int64, type GoFuncSpec, type GoTypeInfo, type GoValue } from '../gotemplate/value.js';
import {
  DurationError,
  LOCAL,
  TimeParseError,
  UTC,
  ZERO_TIME,
  addDuration,
  civil,
  civilFromDays,
  daysFromCivil,
  durationString,
  formatTime,
  inLocation,
  isZeroTime,
  loadLocation,
  monthName,
  nowTime,
  parseDuration,
  parseTime,
  roundDuration,
  subTimes,
  timeString,
  unixTime,
  weekdayName,
  type GoTime,
} from './gotime.js';

const TIMES = new WeakMap<GoStruct, GoTime>();

/** A named integer with a String method (time.Month, time.Weekday). */
function namedInt(typeName: string, n: number, text: string): GoStruct {
  const type: GoTypeInfo = {
    name: typeName,
    kind: 'int',
    methods: new Map([['String', { name: 'String', params: [], results: ['string'], fn: () => text }]]),
  };
  return new GoStruct(type, new Map<string, GoValue>([['value', int(n)]]));
}

/** The time.Time template value of t (method specs receive the receiver first, then arguments). */
export function timeValue(t: GoTime): GoStruct {
  const c = (): ReturnType<typeof civil> => civil(t);
  const other = (v: GoValue): GoTime => toGoTime(v) ?? ZERO_TIME;
  const ns = (): bigint => t.sec * 1_000_000_000n + BigInt(t.nsec);
  const methods: GoFuncSpec[] = [
    { name: 'String', params: [], results: ['string'], fn: () => timeString(t) },
    { name: 'Format', params: ['string'], results: ['string'], fn: (_self, layout) => formatTime(t, layout as string) },
    { name: 'Year', params: [], results: ['int'], fn: () => int(c().year) },
    { name: 'Month', params: [], results: ['time.Month'], fn: () => namedInt('time.Month', c().month, monthName(c().month)) },
    { name: 'Day', params: [], results: ['int'], fn: () => int(c().day) },
    { name: 'Hour', params: [], results: ['int'], fn: () => int(c().hour) },
    { name: 'Minute', params: [], results: ['int'], fn: () => int(c().minute) },
    { name: 'Second', params: [], results: ['int'], fn: () => int(c().second) },
    { name: 'Nanosecond', params: [], results: ['int'], fn: () => int(t.nsec) },
    { name: 'YearDay', params: [], results: ['int'], fn: () => int(c().yday) },
    {
      name: 'Weekday',
      params: [],
      results: ['time.Weekday'],
      fn: () => namedInt('time.Weekday', c().weekday, weekdayName(c().weekday)),
    },
    { name: 'Unix', params: [], results: ['int64'], fn: () => int64(t.sec) },
    { name: 'UnixMilli', params: [], results: ['int64'], fn: () => int64(ns() / 1_000_000n) },
    { name: 'UnixMicro', params: [], results: ['int64'], fn: () => int64(ns() / 1000n) },
    { name: 'UnixNano', params: [], results: ['int64'], fn: () => int64(ns()) },
    { name: 'UTC', params: [], results: ['time.Time'], fn: () => timeValue(inLocation(t, UTC)) },
    { name: 'Local', params: [], results: ['time.Time'], fn: () => timeValue(inLocation(t, LOCAL)) },
    { name: 'IsZero', params: [], results: ['bool'], fn: () => isZeroTime(t) },
    {
      name: 'AddDate',
      params: ['int', 'int', 'int'],
      results: ['time.Time'],
      fn: (_self, y, m, d) => timeValue(addDate(t, Number((y as GoInt).value), Number((m as GoInt).value), Number((d as GoInt).value))),
    },
    { name: 'Before', params: ['time.Time'], results: ['bool'], fn: (_self, u) => subTimes(t, other(u)) < 0n },
    { name: 'After', params: ['time.Time'], results: ['bool'], fn: (_self, u) => subTimes(t, other(u)) > 0n },
    { name: 'Equal', params: ['time.Time'], results: ['bool'], fn: (_self, u) => subTimes(t, other(u)) === 0n },
    {
      name: 'MarshalJSON',
      params: [],
      results: ['[]uint8'],
      returnsError: true,
      fn: () => new TextEncoder().encode('"' + formatTime(t, '2006-01-02T15:04:05.999999999Z07:00') + '"'),
    },
    {
      name: 'MarshalText',
      params: [],
      results: ['[]uint8'],
      returnsError: true,
      fn: () => new TextEncoder().encode(formatTime(t, '2006-01-02T15:04:05.999999999Z07:00')),
    },
  ];
  const struct = new GoStruct(
    { name: 'time.Time', kind: 'struct', methods: new Map(methods.map((m) => [m.name, m])) },
    new Map<string, GoValue>([
      ['sec', int64(t.sec)],
      ['nsec', int64(t.nsec)],
      ['loc', t.loc.name],
    ]),
  );
  TIMES.set(struct, t);
  return struct;
}

/** The instant of a time.Time value (null for anything else). */
export function toGoTime(v: GoValue): GoTime | null {
  if (!(v instanceof GoStruct) || v.type.name !== 'time.Time') return null;
  const known = TIMES.get(v);
  if (known) return known;
  // A copy (deepCopy) of a time value: rebuild it from its fields.
  const sec = v.fields.get('sec');
  const nsec = v.fields.get('nsec');
  const loc = v.fields.get('loc');
  return {
    sec: sec instanceof GoInt ? sec.value : ZERO_TIME.sec,
    nsec: nsec instanceof GoInt ? Number(nsec.value) : 0,
    loc: (typeof loc === 'string' ? loadLocation(loc) : null) ?? UTC,
  };
}

function addDate(t: GoTime, years: number, months: number, days: number): GoTime {
  const c = civil(t);
  const m0 = c.month - 1 + months;
  const y = c.year + years + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  const dayCount = daysFromCivil(y, m, 1) + BigInt(c.day - 1 + days);
  const d = civilFromDays(dayCount);
  const local = daysFromCivil(d.year, d.month, d.day) * 86400n + BigInt(c.hour * 3600 + c.minute * 60 + c.second);
  const off = t.loc.zoneAt(local - BigInt(c.zone.offset)).offset;
  return { sec: local - BigInt(off), nsec: t.nsec, loc: t.loc };
}

/** dateInZone's reading of its date argument: time.Time, *time.Time, int, int32, int64; else now. */
function dateArg(v: GoValue): GoTime {
  const t = toGoTime(v);
  if (t) return t;
  if (v instanceof GoInt && (v.type === 'int' || v.type === 'int64' || v.type === 'int32')) return unixTime(v.value);
  return nowTime();
}

function dateInZone(layout: string, date: GoValue, zone: string): string {
  const loc = loadLocation(zone) ?? UTC;
  return formatTime(inLocation(dateArg(date), loc), layout);
}

const SECOND = 1_000_000_000n;

function duration(v: GoValue): string {
  let n = 0n;
  if (typeof v === 'string') {
    n = /^[+-]?[0-9]+$/.test(v) ? BigInt(v) : 0n;
    if (n >= 1n << 63n || n < -(1n << 63n)) n = 0n;
  } else if (v instanceof GoInt && v.type === 'int64') {
    n = v.value;
  }
  return durationString(BigInt.asIntN(64, n * SECOND));
}

function durationRound(v: GoValue): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch (e) {
      if (!(e instanceof DurationError)) throw e;
    }
  } else if (v instanceof GoInt && v.type === 'int64') {
    d = v.value;
  } else {
    const t = toGoTime(v);
    if (t) d = subTimes(nowTime(), t);
  }
  const u = d < 0n ? -d : d;
  const hour = 3600n * SECOND;
  const steps: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60n * SECOND, 'm'],
    [SECOND, 's'],
  ];
  for (const [size, suffix] of steps) if (u > size) return (u / size).toString() + suffix;
  return '0s';
}

function ago(v: GoValue): string {
  let t: GoTime;
  const known = toGoTime(v);
  if (known) t = known;
  else if (v instanceof GoInt && (v.type === 'int' || v.type === 'int64')) t = unixTime(v.value);
  else t = nowTime();
  return durationString(roundDuration(subTimes(nowTime(), t), SECOND));
}

function modify(spec: string, date: GoValue, must: boolean): GoValue {
  const t = toGoTime(date) ?? ZERO_TIME;
  try {
    return timeValue(addDuration(t, parseDuration(spec)));
  } catch (e) {
    if (!(e instanceof DurationError)) throw e;
    if (must) throw new GoError(e.message);
    return timeValue(t);
  }
}

function toDate(layout: string, value: string, must: boolean): GoValue {
  try {
    return timeValue(parseTime(layout, value));
  } catch (e) {
    if (!(e instanceof TimeParseError)) throw e;
    if (must) throw new GoError(e.message);
    return timeValue(ZERO_TIME);
  }
}

const S = 'string';
const ANY = 'interface {}';
const TIME = 'time.Time';

const dateInZoneSpec = (name: string): GoFuncSpec => ({
  name,
  params: [S, ANY, S],
  results: [S],
  fn: (layout, date, zone) => dateInZone(layout as string, date, zone as string),
});
const modifySpec = (name: string, must: boolean): GoFuncSpec => ({
  name,
  params: [S, TIME],
  results: [TIME],
  ...(must ? { returnsError: true } : {}),
  fn: (spec, date) => modify(spec as string, date, must),
});

export const dateFuncs: readonly GoFuncSpec[] = [
  { name: 'ago', params: [ANY], results: [S], fn: (d) => ago(d) },
  { name: 'date', params: [S, ANY], results: [S], fn: (layout, d) => dateInZone(layout as string, d, 'Local') },
  dateInZoneSpec('date_in_zone'),
  dateInZoneSpec('dateInZone'),
  modifySpec('date_modify', false),
  modifySpec('dateModify', false),
  modifySpec('must_date_modify', true),
  modifySpec('mustDateModify', true),
  { name: 'duration', params: [ANY], results: [S], fn: (v) => duration(v) },
  { name: 'durationRound', params: [ANY], results: [S], fn: (v) => durationRound(v) },
  { name: 'htmlDate', params: [ANY], results: [S], fn: (d) => dateInZone('2006-01-02', d, 'Local') },
  { name: 'htmlDateInZone', params: [ANY, S], results: [S], fn: (d, zone) => dateInZone('2006-01-02', d, zone as string) },
  {
    name: 'mustToDate',
    params: [S, S],
    results: [TIME],
    returnsError: true,
    fn: (layout, value) => toDate(layout as string, value as string, true),
  },
  { name: 'now', params: [], results: [TIME], fn: () => timeValue(nowTime()) },
  { name: 'toDate', params: [S, S], results: [TIME], fn: (layout, value) => toDate(layout as string, value as string, false) },
  {
    name: 'unixEpoch',
    params: [TIME],
    results: [S],
    fn: (d) => (toGoTime(d) ?? ZERO_TIME).sec.toString(),
  },
];
