/**
 * The parts of Go's `time` package that Sprig's date functions expose: instants with a location,
 * Format and Parse with Go's reference-time layouts (and Go's ParseError texts), Duration
 * parsing and printing. `Local` is UTC (helm's tests and this engine run without a local zone);
 * IANA zones come from Intl (offsets exact; abbreviations best effort, see zoneAbbreviation).
 */
import { utf8Encode } from '../gotemplate/bytes.js';

// ------------------------------------------------------------------------------------------
// Locations

export interface ZoneInfo {
  readonly offset: number;
  readonly abbr: string;
}

export interface Location {
  readonly name: string;
  zoneAt(unixSec: bigint): ZoneInfo;
}

export const UTC: Location = { name: 'UTC', zoneAt: () => ({ offset: 0, abbr: 'UTC' }) };
/** Go's time.Local, taken to be UTC. */
export const LOCAL: Location = { name: 'Local', zoneAt: () => ({ offset: 0, abbr: 'UTC' }) };

export function fixedZone(name: string, offset: number): Location {
  return { name, zoneAt: () => ({ offset, abbr: name }) };
}

const zoneCache = new Map<string, Location | null>();

/** time.LoadLocation; null when the zone is unknown. */
export function loadLocation(name: string): Location | null {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return LOCAL;
  const hit = zoneCache.get(name);
  if (hit !== undefined) return hit;
  let loc: Location | null = null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // Intl accepts any letter case; zoneinfo file names are case-sensitive.
    if (resolved === name || resolved.toLowerCase() !== name.toLowerCase()) loc = intlZone(name);
  } catch {
    loc = null;
  }
  zoneCache.set(name, loc);
  return loc;
}

function intlZone(name: string): Location {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  return {
    name,
    zoneAt(unixSec: bigint): ZoneInfo {
      // Intl covers about ±270,000 years; clamp beyond (zones are fixed that far out anyway).
      const sec = Number(unixSec < -8_000_000_000_000n ? -8_000_000_000_000n : unixSec > 8_000_000_000_000n ? 8_000_000_000_000n : unixSec);
      const ms = sec * 1000;
      const p = new Map(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      let year = Number(p.get('year'));
      if (p.get('era') === 'BC') year = 1 - year;
      const wall =
        Number(daysFromCivil(year, Number(p.get('month')), Number(p.get('day')))) * 86400 +
        Number(p.get('hour')) * 3600 +
        Number(p.get('minute')) * 60 +
        Number(p.get('second'));
      const offset = wall - sec;
      return { offset, abbr: zoneAbbreviation(name, ms, offset) };
    },
  };
}

/** Locales whose short zone names agree with tzdata, and the zones they are used for. */
const NAMING_LOCALES: readonly [string, RegExp][] = [
  ['en-US', /^(America|US|Pacific\/Honolulu|Canada)/],
  ['en-GB', /^(Europe|GB|Atlantic\/(Canary|Faroe|Madeira))/],
  ['en-AU', /^(Australia)/],
  ['en-IN', /^(Asia\/(Kolkata|Calcutta))/],
  ['en-NZ', /^(Pacific\/Auckland|NZ)/],
  ['en-ZA', /^(Africa\/Johannesburg)/],
];

/** tzdata abbreviations (standard, daylight) of zones that no locale above names. */
const ABBREVIATIONS = new Map<string, readonly [string, string]>([
  ['Asia/Shanghai', ['CST', 'CDT']],
  ['Asia/Taipei', ['CST', 'CDT']],
  ['Asia/Hong_Kong', ['HKT', 'HKST']],
  ['Asia/Tokyo', ['JST', 'JDT']],
  ['Asia/Seoul', ['KST', 'KDT']],
  ['Asia/Jerusalem', ['IST', 'IDT']],
  ['Asia/Karachi', ['PKT', 'PKST']],
  ['Asia/Manila', ['PST', 'PDT']],
  ['Asia/Jakarta', ['WIB', 'WIB']],
  ['Europe/Moscow', ['MSK', 'MSD']],
  ['Africa/Cairo', ['EET', 'EEST']],
  ['Africa/Lagos', ['WAT', 'WAT']],
  ['Africa/Nairobi', ['EAT', 'EAT']],
]);

/**
 * The zone abbreviation Go would print (from tzdata). Intl only names zones in the locales that
 * use them; tzdata's fallback for unnamed zones is the numeric form (+03, +0530). Best effort:
 * historical abbreviations (LMT, wartime) are not known.
 */
function zoneAbbreviation(zone: string, ms: number, offset: number): string {
  for (const [locale, zones] of NAMING_LOCALES) {
    if (!zones.test(zone)) continue;
    const nameAt = (at: number): string | undefined => {
      const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
        .formatToParts(new Date(at))
        .find((x) => x.type === 'timeZoneName')?.value;
      return name && /^[A-Z]{3,5}$/.test(name) && !/^(GMT|UTC).+/.test(name) ? name : undefined;
    };
    const name = nameAt(ms);
    if (name) return name;
    // Intl names older instants by offset only: borrow the modern name of the same offset.
    for (const at of [Date.UTC(2000, 0, 15), Date.UTC(2000, 6, 15)]) {
      const modern = nameAt(at);
      if (modern && intlOffset(zone, at) === offset) return modern;
    }
  }
  const known = ABBREVIATIONS.get(zone);
  if (known) {
    const year = new Date(ms).getUTCFullYear();
    const std = Math.min(...[0, 6].map((m) => intlOffset(zone, Date.UTC(year, m, 1))));
    return offset > std ? known[1] : known[0];
  }
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = Math.floor((abs % 3600) / 60);
  return sign + hh + (mm ? String(mm).padStart(2, '0') : '');
}

function intlOffset(zone: string, ms: number): number {
  const p = new Map(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const wall = Date.UTC(Number(p.get('year')), Number(p.get('month')) - 1, Number(p.get('day')), Number(p.get('hour')), Number(p.get('minute')), Number(p.get('second')));
  return (wall - ms) / 1000;
}

// ------------------------------------------------------------------------------------------
// Civil calendar (proleptic Gregorian)

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(y: number, m: number, d: number): bigint {
  const yy = BigInt(m <= 2 ? y - 1 : y);
  const era = (yy >= 0n ? yy : yy - 399n) / 400n;
  const yoe = yy - era * 400n;
  const mp = BigInt((m + 9) % 12);
  const doy = (153n * mp + 2n) / 5n + BigInt(d - 1);
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146097n + doe - 719468n;
}

/** The civil date of a day count since 1970-01-01. */
export function civilFromDays(days: bigint): { year: number; month: number; day: number } {
  const z = days + 719468n;
  const era = (z >= 0n ? z : z - 146096n) / 146097n;
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = Number(doy - (153n * mp + 2n) / 5n + 1n);
  const month = Number(mp < 10n ? mp + 3n : mp - 9n);
  const year = Number(yoe + era * 400n) + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return (DAYS_BEFORE[month] ?? 0) - (DAYS_BEFORE[month - 1] ?? 0);
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

// ------------------------------------------------------------------------------------------
// Time

export interface GoTime {
  /** Seconds since the Unix epoch. */
  readonly sec: bigint;
  /** Nanoseconds within the second, 0..999999999. */
  readonly nsec: number;
  readonly loc: Location;
}

/** The zero time.Time: January 1, year 1, 00:00:00 UTC. */
export const ZERO_TIME: GoTime = { sec: -62135596800n, nsec: 0, loc: UTC };

export const isZeroTime = (t: GoTime): boolean => t.sec === ZERO_TIME.sec && t.nsec === 0;

export function unixTime(sec: bigint, nsec = 0, loc: Location = LOCAL): GoTime {
  return { sec, nsec, loc };
}

export function nowTime(): GoTime {
  const ms = Date.now();
  return { sec: BigInt(Math.floor(ms / 1000)), nsec: (ms % 1000) * 1e6, loc: LOCAL };
}

export const inLocation = (t: GoTime, loc: Location): GoTime => ({ ...t, loc });

/** time.Date for a fixed-offset location. */
function dateOf(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, loc: Location): GoTime {
  // Normalise month (Date normalises every field; Parse validates before calling).
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  const local = daysFromCivil(y, m, 1) * 86400n + BigInt(day - 1) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  let unix = local - BigInt(loc.zoneAt(local).offset);
  // Re-check the offset at the computed instant (zones with transitions).
  const off2 = loc.zoneAt(unix).offset;
  unix = local - BigInt(off2);
  return { sec: unix + BigInt(Math.floor(nsec / 1e9)), nsec: nsec % 1e9, loc };
}

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  yday: number;
  weekday: number;
  zone: ZoneInfo;
}

export function civil(t: GoTime): Civil {
  const zone = t.loc.zoneAt(t.sec);
  const local = t.sec + BigInt(zone.offset);
  const days = floorDiv(local, 86400n);
  const secs = Number(local - days * 86400n);
  const { year, month, day } = civilFromDays(days);
  const weekday = Number((((days + 4n) % 7n) + 7n) % 7n);
  const yday = (DAYS_BEFORE[month - 1] ?? 0) + day + (month > 2 && isLeap(year) ? 1 : 0);
  return { year, month, day, hour: Math.floor(secs / 3600), minute: Math.floor((secs % 3600) / 60), second: secs % 60, yday, weekday, zone };
}

export function addDuration(t: GoTime, ns: bigint): GoTime {
  const total = BigInt(t.nsec) + ns;
  const dsec = floorDiv(total, 1_000_000_000n);
  return { sec: t.sec + dsec, nsec: Number(total - dsec * 1_000_000_000n), loc: t.loc };
}

/** t - u in nanoseconds, saturating like Go's Sub. */
export function subTimes(t: GoTime, u: GoTime): bigint {
  const d = (t.sec - u.sec) * 1_000_000_000n + BigInt(t.nsec - u.nsec);
  const max = (1n << 63n) - 1n;
  if (d > max) return max;
  if (d < -(1n << 63n)) return -(1n << 63n);
  return d;
}

// ------------------------------------------------------------------------------------------
// Layout chunks

const enum Std {
  None,
  LongMonth,
  Month,
  NumMonth,
  ZeroMonth,
  LongWeekDay,
  WeekDay,
  Day,
  UnderDay,
  ZeroDay,
  UnderYearDay,
  ZeroYearDay,
  Hour,
  Hour12,
  ZeroHour12,
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,
  LongYear,
  Year,
  PM,
  pm,
  TZ,
  ISO8601TZ,
  ISO8601SecondsTZ,
  ISO8601ShortTZ,
  ISO8601ColonTZ,
  ISO8601ColonSecondsTZ,
  NumTZ,
  NumSecondsTz,
  NumShortTZ,
  NumColonTZ,
  NumColonSecondsTZ,
  FracSecond0,
  FracSecond9,
}

interface Chunk {
  readonly prefix: string;
  readonly std: Std;
  /** The layout text of the element. */
  readonly stdstr: string;
  readonly suffix: string;
  /** Fractional seconds: digit count and separator. */
  readonly digits?: number;
  readonly sep?: string;
}

const STD0X: Std[] = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];
const startsWithLower = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's nextStdChunk. */
function nextStdChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number, extra: Partial<Chunk> = {}): Chunk => ({
    prefix: layout.slice(0, i),
    std,
    stdstr: layout.slice(i, i + len),
    suffix: layout.slice(i + len),
    ...extra,
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const rest = layout.slice(i);
    switch (c) {
      case 'J':
        if (rest.startsWith('Jan')) {
          if (rest.startsWith('January')) return at(i, Std.LongMonth, 7);
          if (!startsWithLower(layout.slice(i + 3))) return at(i, Std.Month, 3);
        }
        break;
      case 'M':
        if (rest.length >= 3) {
          if (rest.startsWith('Mon')) {
            if (rest.startsWith('Monday')) return at(i, Std.LongWeekDay, 6);
            if (!startsWithLower(layout.slice(i + 3))) return at(i, Std.WeekDay, 3);
          }
          if (rest.startsWith('MST')) return at(i, Std.TZ, 3);
        }
        break;
      case '0':
        if (rest.length >= 2 && rest[1]! >= '1' && rest[1]! <= '6') return at(i, STD0X[rest.charCodeAt(1) - 49]!, 2);
        if (rest.startsWith('002')) return at(i, Std.ZeroYearDay, 3);
        break;
      case '1':
        if (rest.startsWith('15')) return at(i, Std.Hour, 2);
        return at(i, Std.NumMonth, 1);
      case '2':
        if (rest.startsWith('2006')) return at(i, Std.LongYear, 4);
        return at(i, Std.Day, 1);
      case '_':
        if (rest.length >= 2 && rest[1] === '2') {
          if (rest.startsWith('_2006')) {
            return { prefix: layout.slice(0, i + 1), std: Std.LongYear, stdstr: '2006', suffix: layout.slice(i + 5) };
          }
          return at(i, Std.UnderDay, 2);
        }
        if (rest.startsWith('__2')) return at(i, Std.UnderYearDay, 3);
        break;
      case '3':
        return at(i, Std.Hour12, 1);
      case '4':
        return at(i, Std.Minute, 1);
      case '5':
        return at(i, Std.Second, 1);
      case 'P':
        if (rest.startsWith('PM')) return at(i, Std.PM, 2);
        break;
      case 'p':
        if (rest.startsWith('pm')) return at(i, Std.pm, 2);
        break;
      case '-':
        if (rest.startsWith('-070000')) return at(i, Std.NumSecondsTz, 7);
        if (rest.startsWith('-07:00:00')) return at(i, Std.NumColonSecondsTZ, 9);
        if (rest.startsWith('-0700')) return at(i, Std.NumTZ, 5);
        if (rest.startsWith('-07:00')) return at(i, Std.NumColonTZ, 6);
        if (rest.startsWith('-07')) return at(i, Std.NumShortTZ, 3);
        break;
      case 'Z':
        if (rest.startsWith('Z070000')) return at(i, Std.ISO8601SecondsTZ, 7);
        if (rest.startsWith('Z07:00:00')) return at(i, Std.ISO8601ColonSecondsTZ, 9);
        if (rest.startsWith('Z0700')) return at(i, Std.ISO8601TZ, 5);
        if (rest.startsWith('Z07:00')) return at(i, Std.ISO8601ColonTZ, 6);
        if (rest.startsWith('Z07')) return at(i, Std.ISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        if (rest.length >= 2 && (rest[1] === '0' || rest[1] === '9')) {
          const ch = rest[1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            return at(i, ch === '0' ? Std.FracSecond0 : Std.FracSecond9, j - i, { digits: j - i - 1, sep: c });
          }
        }
        break;
    }
  }
  return { prefix: layout, std: Std.None, stdstr: '', suffix: '' };
}

// ------------------------------------------------------------------------------------------
// Format

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const monthName = (m: number): string => LONG_MONTHS[m - 1] ?? `%!Month(${m})`;
export const weekdayName = (d: number): string => LONG_DAYS[d] ?? `%!Weekday(${d})`;

/** Go's appendInt(b, x, width): zero-padded absolute value with a leading minus. */
function pad(x: number, width: number): string {
  const s = String(Math.abs(x)).padStart(width, '0');
  return x < 0 ? '-' + s : s;
}

function formatFrac(nsec: number, digits: number, trim: boolean, sep: string): string {
  let s = String(nsec).padStart(9, '0').slice(0, digits);
  if (trim) {
    s = s.replace(/0+$/, '');
    if (s === '') return '';
  }
  return sep + s;
}

/** time.Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  for (;;) {
    const ch = nextStdChunk(layout);
    out += ch.prefix;
    if (ch.std === Std.None) break;
    layout = ch.suffix;
    switch (ch.std) {
      case Std.Year:
        out += pad(Math.abs(c.year) % 100, 2);
        break;
      case Std.LongYear:
        out += pad(c.year, 4);
        break;
      case Std.Month:
        out += monthName(c.month).slice(0, 3);
        break;
      case Std.LongMonth:
        out += monthName(c.month);
        break;
      case Std.NumMonth:
        out += String(c.month);
        break;
      case Std.ZeroMonth:
        out += pad(c.month, 2);
        break;
      case Std.WeekDay:
        out += weekdayName(c.weekday).slice(0, 3);
        break;
      case Std.LongWeekDay:
        out += weekdayName(c.weekday);
        break;
      case Std.Day:
        out += String(c.day);
        break;
      case Std.UnderDay:
        out += (c.day < 10 ? ' ' : '') + String(c.day);
        break;
      case Std.ZeroDay:
        out += pad(c.day, 2);
        break;
      case Std.UnderYearDay:
        out += (c.yday < 100 ? (c.yday < 10 ? '  ' : ' ') : '') + String(c.yday);
        break;
      case Std.ZeroYearDay:
        out += pad(c.yday, 3);
        break;
      case Std.Hour:
        out += pad(c.hour, 2);
        break;
      case Std.Hour12:
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case Std.ZeroHour12:
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case Std.Minute:
        out += String(c.minute);
        break;
      case Std.ZeroMinute:
        out += pad(c.minute, 2);
        break;
      case Std.Second:
        out += String(c.second);
        break;
      case Std.ZeroSecond:
        out += pad(c.second, 2);
        break;
      case Std.PM:
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case Std.pm:
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case Std.TZ:
        if (c.zone.abbr !== '') {
          out += c.zone.abbr;
        } else {
          const zone = Math.trunc(c.zone.offset / 60);
          out += (zone < 0 ? '-' : '+') + pad(Math.trunc(Math.abs(zone) / 60), 2) + pad(Math.abs(zone) % 60, 2);
        }
        break;
      case Std.FracSecond0:
      case Std.FracSecond9:
        out += formatFrac(t.nsec, ch.digits ?? 0, ch.std === Std.FracSecond9, ch.sep ?? '.');
        break;
      default:
        out += formatOffset(ch.std, c.zone.offset);
    }
  }
  return out;
}

function formatOffset(std: Std, offset: number): string {
  const iso = std >= Std.ISO8601TZ && std <= Std.ISO8601ColonSecondsTZ;
  if (iso && offset === 0) return 'Z';
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = '+';
  if (zone < 0) {
    out = '-';
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.trunc(zone / 60), 2);
  const colon = std === Std.ISO8601ColonTZ || std === Std.NumColonTZ || std === Std.ISO8601ColonSecondsTZ || std === Std.NumColonSecondsTZ;
  if (colon) out += ':';
  if (std !== Std.NumShortTZ && std !== Std.ISO8601ShortTZ) out += pad(zone % 60, 2);
  if (std === Std.ISO8601SecondsTZ || std === Std.NumSecondsTz || std === Std.NumColonSecondsTZ || std === Std.ISO8601ColonSecondsTZ) {
    if (std === Std.NumColonSecondsTZ || std === Std.ISO8601ColonSecondsTZ) out += ':';
    out += pad(abs % 60, 2);
  }
  return out;
}

/** time.Time.String (without the monotonic clock reading). */
export const timeString = (t: GoTime): string => formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');

// ------------------------------------------------------------------------------------------
// Parse

/** The time package's quote: non-ASCII and control bytes as \xNN. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x80 || c < 0x20) {
      for (const b of utf8Encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

export class TimeParseError extends Error {}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message: string): TimeParseError {
  if (message === '') {
    return new TimeParseError(
      `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`,
    );
  }
  return new TimeParseError(`parsing time ${timeQuote(value)}${message}`);
}

const BAD = Symbol('bad');

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw BAD;
  if (!isDigitAt(s, 1)) {
    if (fixed) throw BAD;
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) throw BAD;
  return [n, s.slice(i)];
}

function cutspace(s: string): string {
  let i = 0;
  while (i < s.length && s[i] === ' ') i++;
  return s.slice(i);
}

function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') throw BAD;
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw BAD;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

function lookupName(table: readonly string[], value: string): [number, string] {
  for (let i = 0; i < table.length; i++) {
    const v = table[i] ?? '';
    if (value.length >= v.length && value.slice(0, v.length).toLowerCase() === v.toLowerCase()) return [i, value.slice(v.length)];
  }
  throw BAD;
}

/** Go's parseNanoseconds; returns [nsec, rangeError]. */
function parseNanoseconds(value: string, nbytes: number): [number, string] {
  if (value[0] !== '.' && value[0] !== ',') throw BAD;
  if (nbytes > 10) nbytes = 10;
  const digits = value.slice(1, nbytes);
  if (!/^[0-9]+$/.test(digits)) throw BAD;
  return [Number(digits) * 10 ** (10 - nbytes), ''];
}

function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return parseGMT(value);
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n]! >= 'A' && value[n]! <= 'Z') n++;
  switch (n) {
    case 5:
      return value[4] === 'T' ? 5 : 0;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

function parseGMT(value: string): number {
  const rest = value.slice(3);
  if (rest.length === 0) return 3;
  return 3 + parseSignedOffset(rest);
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== '-' && sign !== '+') return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (!m) return 0;
  const x = Number(m[0]);
  if (m[0].length > 2 || x > 23) return 0;
  return 1 + m[0].length;
}

/** time.ParseInLocation(layout, value, loc) (loc is Local for Sprig). */
export function parseTime(layout: string, value: string, defaultLoc: Location = LOCAL): GoTime {
  const alayout = layout;
  const avalue = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | null = null;
  let zoneOffset = -1;
  let zoneName = '';
  let pmSet = false;
  let amSet = false;
  for (;;) {
    const ch = nextStdChunk(layout);
    try {
      value = skip(value, ch.prefix);
    } catch {
      throw parseError(alayout, avalue, ch.prefix, value, '');
    }
    if (ch.std === Std.None) {
      if (value.length !== 0) throw parseError(alayout, avalue, '', value, ': extra text: ' + timeQuote(value));
      break;
    }
    layout = ch.suffix;
    const hold = value;
    let rangeErr = '';
    try {
      switch (ch.std) {
        case Std.Year: {
          if (value.length < 2) throw BAD;
          const p = value.slice(0, 2);
          if (!/^[0-9]{2}$/.test(p)) throw BAD;
          value = value.slice(2);
          year = Number(p) >= 69 ? 1900 + Number(p) : 2000 + Number(p);
          break;
        }
        case Std.LongYear: {
          if (value.length < 4 || !isDigitAt(value, 0)) throw BAD;
          const p = value.slice(0, 4);
          if (!/^[0-9]{4}$/.test(p)) throw BAD;
          value = value.slice(4);
          year = Number(p);
          break;
        }
        case Std.Month:
          [month, value] = lookupName(LONG_MONTHS.map((m) => m.slice(0, 3)), value);
          month++;
          break;
        case Std.LongMonth:
          [month, value] = lookupName(LONG_MONTHS, value);
          month++;
          break;
        case Std.NumMonth:
        case Std.ZeroMonth:
          [month, value] = getnum(value, ch.std === Std.ZeroMonth);
          if (month <= 0 || month > 12) rangeErr = 'month';
          break;
        case Std.WeekDay:
          [, value] = lookupName(LONG_DAYS.map((d) => d.slice(0, 3)), value);
          break;
        case Std.LongWeekDay:
          [, value] = lookupName(LONG_DAYS, value);
          break;
        case Std.Day:
        case Std.UnderDay:
        case Std.ZeroDay:
          if (ch.std === Std.UnderDay && value[0] === ' ') value = value.slice(1);
          [day, value] = getnum(value, ch.std === Std.ZeroDay);
          break;
        case Std.UnderYearDay:
        case Std.ZeroYearDay:
          for (let i = 0; i < 2; i++) if (ch.std === Std.UnderYearDay && value[0] === ' ') value = value.slice(1);
          [yday, value] = getnum3(value, ch.std === Std.ZeroYearDay);
          break;
        case Std.Hour:
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = 'hour';
          break;
        case Std.Hour12:
        case Std.ZeroHour12:
          [hour, value] = getnum(value, ch.std === Std.ZeroHour12);
          if (hour < 0 || hour > 12) rangeErr = 'hour';
          break;
        case Std.Minute:
        case Std.ZeroMinute:
          [min, value] = getnum(value, ch.std === Std.ZeroMinute);
          if (min < 0 || min >= 60) rangeErr = 'minute';
          break;
        case Std.Second:
        case Std.ZeroSecond: {
          [sec, value] = getnum(value, ch.std === Std.ZeroSecond);
          if (sec < 0 || sec >= 60) {
            rangeErr = 'second';
            break;
          }
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
            const next = nextStdChunk(layout).std;
            if (next === Std.FracSecond0 || next === Std.FracSecond9) break;
            let n = 2;
            while (n < value.length && isDigitAt(value, n)) n++;
            [nsec, rangeErr] = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case Std.PM:
        case Std.pm: {
          if (value.length < 2) throw BAD;
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [pmText, amText] = ch.std === Std.PM ? ['PM', 'AM'] : ['pm', 'am'];
          if (p === pmText) pmSet = true;
          else if (p === amText) amSet = true;
          else throw BAD;
          break;
        }
        case Std.TZ: {
          if (value.startsWith('UTC')) {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw BAD;
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case Std.FracSecond0: {
          const ndigit = 1 + (ch.digits ?? 0);
          if (value.length < ndigit) throw BAD;
          [nsec, rangeErr] = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case Std.FracSecond9: {
          if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
          [nsec, rangeErr] = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
        default: {
          const iso = ch.std >= Std.ISO8601TZ && ch.std <= Std.ISO8601ColonSecondsTZ;
          if (iso && value[0] === 'Z') {
            value = value.slice(1);
            z = UTC;
            break;
          }
          let sign: string;
          let hh: string;
          let mm = '00';
          let ss = '00';
          if (ch.std === Std.ISO8601ColonTZ || ch.std === Std.NumColonTZ) {
            if (value.length < 6 || value[3] !== ':') throw BAD;
            [sign, hh, mm, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), value.slice(6)];
          } else if (ch.std === Std.NumShortTZ || ch.std === Std.ISO8601ShortTZ) {
            if (value.length < 3) throw BAD;
            [sign, hh, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(3)];
          } else if (ch.std === Std.ISO8601ColonSecondsTZ || ch.std === Std.NumColonSecondsTZ) {
            if (value.length < 9 || value[3] !== ':' || value[6] !== ':') throw BAD;
            [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), value.slice(7, 9), value.slice(9)];
          } else if (ch.std === Std.ISO8601SecondsTZ || ch.std === Std.NumSecondsTz) {
            if (value.length < 7) throw BAD;
            [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7)];
          } else {
            if (value.length < 5) throw BAD;
            [sign, hh, mm, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), value.slice(5)];
          }
          const [hr] = getnum(hh, true);
          const [mi] = getnum(mm, true);
          const [se] = getnum(ss, true);
          if (hr > 24) rangeErr = 'time zone offset hour';
          if (mi > 60) rangeErr = 'time zone offset minute';
          if (se > 60) rangeErr = 'time zone offset second';
          zoneOffset = (hr * 60 + mi) * 60 + se;
          if (sign === '-') zoneOffset = -zoneOffset;
          else if (sign !== '+') throw BAD;
        }
      }
    } catch (e) {
      if (e !== BAD) throw e;
      throw parseError(alayout, avalue, ch.stdstr, hold, '');
    }
    if (rangeErr !== '') throw parseError(alayout, avalue, ch.stdstr, value, ': ' + rangeErr + ' out of range');
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) throw parseError(alayout, avalue, '', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if ((DAYS_BEFORE[m] ?? 0) < yday) m++;
      d = yday - (DAYS_BEFORE[m - 1] ?? 0);
    }
    if (month >= 0 && month !== m) throw parseError(alayout, avalue, '', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) throw parseError(alayout, avalue, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw parseError(alayout, avalue, '', value, ': day out of range');

  if (z) return dateOf(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    const u = { ...t, sec: t.sec - BigInt(zoneOffset) };
    const local = LOCAL.zoneAt(u.sec);
    if (local.offset === zoneOffset && (zoneName === '' || local.abbr === zoneName)) return { ...u, loc: LOCAL };
    return { ...u, loc: fixedZone(zoneName, zoneOffset) };
  }
  if (zoneName !== '') {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    // Local (UTC) knows only the name UTC, which the UTC case above already took.
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = Number(zoneName.slice(3)) * 3600;
    return { ...t, loc: fixedZone(zoneName, offset) };
  }
  return dateOf(year, month, day, hour, min, sec, nsec, defaultLoc);
}

// ------------------------------------------------------------------------------------------
// Durations (nanoseconds as bigint)

const UNITS = new Map<string, bigint>([
  ['ns', 1n],
  ['us', 1000n],
  ['\u00b5s', 1000n],
  ['\u03bcs', 1000n],
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const TWO63 = 1n << 63n;

export class DurationError extends Error {}

/** time.ParseDuration. */
export function parseDuration(orig: string): bigint {
  const invalid = (): DurationError => new DurationError('time: invalid duration ' + timeQuote(orig));
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigitAt(s, 0))) throw invalid();
    // Integer part.
    let i = 0;
    let v = 0n;
    while (isDigitAt(s, i)) {
      if (v > TWO63 / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO63) throw invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // Fraction.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigitAt(s, j)) {
        if (!overflow) {
          if (f > (TWO63 - 1n) / 10n) overflow = true;
          else {
            const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
            if (y > TWO63) overflow = true;
            else {
              f = y;
              scale *= 10;
            }
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let k = 0;
    while (k < s.length && !(s[k] === '.' || isDigitAt(s, k))) k++;
    if (k === 0) throw new DurationError('time: missing unit in duration ' + timeQuote(orig));
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS.get(u);
    if (unit === undefined) throw new DurationError('time: unknown unit ' + timeQuote(u) + ' in duration ' + timeQuote(orig));
    if (v > TWO63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO63) throw invalid();
    }
    d += v;
    if (d > TWO63) throw invalid();
  }
  if (neg) return -d;
  if (d > TWO63 - 1n) throw invalid();
  return d;
}

/** Fraction digits of v / 10^prec without trailing zeros (Go's fmtFrac). */
function fracPart(v: bigint, prec: number): [string, bigint] {
  let s = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) s = digit.toString() + s;
    v /= 10n;
  }
  return [print ? '.' + s : '', v];
}

/** time.Duration.String. */
export function durationString(d: bigint): string {
  d = BigInt.asIntN(64, d);
  const neg = d < 0n;
  let u = neg ? -d : d;
  if (neg && u === TWO63) u = TWO63;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = '\u00b5s';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, whole] = fracPart(u, prec);
    out = whole.toString() + frac + unit;
  } else {
    const [frac, secs] = fracPart(u, 9);
    out = (secs % 60n).toString() + frac + 's';
    const mins = secs / 60n;
    if (mins > 0n) {
      out = (mins % 60n).toString() + 'm' + out;
      const hours = mins / 60n;
      if (hours > 0n) out = hours.toString() + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

/** time.Duration.Round(m) for m > 0 (halves away from zero, saturating). */
export function roundDuration(d: bigint, m: bigint): bigint {
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    const d1 = d - m + r;
    return d1 < d ? d1 : -TWO63;
  }
  if (r + r < m) return d - r;
  const d1 = d + m - r;
  return d1 > d && d1 <= TWO63 - 1n ? d1 : TWO63 - 1n;
}
