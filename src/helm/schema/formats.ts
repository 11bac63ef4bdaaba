/**
 * `format` checks of the two libraries.
 *
 * helm 3 (gojsonschema) checks, whatever `$schema` says: email, idn-email, hostname, ipv4, ipv6,
 * uri, uri-reference, iri, iri-reference, uri-template, uuid, regex, json-pointer,
 * relative-json-pointer, date-time, date, time (measured); other names pass. A number given to a
 * known format fails (its checkers accept strings only).
 *
 * helm 4 (santhosh-tekuri/jsonschema v6) asserts formats only for draft-04/06/07 schemas (measured:
 * a schema without `$schema` is 2020-12 and `format` is an annotation), on strings only, and
 * says why: `'x' is not valid email: missing @`. Formats: json-pointer, relative-json-pointer,
 * uuid, duration, period, ipv4, ipv6, hostname, email, date, time, date-time, uri, iri,
 * uri-reference, iri-reference, uri-template, semver, regex.
 *
 * The checks follow the documented rules of each format; Go's own parsers (net/mail, url.Parse,
 * time.Parse, netip) are approximated, so a rare string may be judged or explained differently.
 */
import { InstNumber } from './instance.js';
import { goRegexError } from './regex.js';

const HOSTNAME_RE = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const JSON_POINTER_RE = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
const REL_JSON_POINTER_RE = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;
const URI_TEMPLATE_RE = /^(?:[^{}]*(?:\{[^{}]*\})?)*$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?([zZ]|[+-]\d{2}:\d{2})$/;

function goIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && !(p.length > 1 && p[0] === '0') && Number(p) <= 255);
}

function goIPv6(s: string): boolean {
  if (!s.includes(':')) return false;
  let body = s;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  let groupsNeeded = 8;
  if (tail.includes('.')) {
    if (!goIPv4(tail)) return false;
    body = body.slice(0, lastColon + 1) + '0';
    groupsNeeded = 7;
  }
  const dbl = body.split('::');
  if (dbl.length > 2) return false;
  const groups = (x: string): string[] | undefined => (x === '' ? [] : x.split(':'));
  const left = groups(dbl[0]);
  const right = dbl.length === 2 ? groups(dbl[1]) : [];
  if (!left || !right) return false;
  const all = [...left, ...right];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? all.length < groupsNeeded : all.length === groupsNeeded;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(Number(m[1]), mo);
}

function validTime(s: string): boolean {
  const m = TIME_RE.exec(s);
  if (!m) return false;
  return Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3]) <= 59;
}

function hasScheme(s: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s);
}

function urlParses(s: string): boolean {
  // url.Parse refuses control characters, a bad percent-escape and a colon in the first path
  // segment of a scheme-less reference.
  if (/[\x00-\x1f\x7f ]/.test(s) && !hasScheme(s)) return !/[\x00-\x1f\x7f]/.test(s);
  if (/[\x00-\x1f\x7f]/.test(s)) return false;
  if (/%(?![0-9a-fA-F]{2})/.test(s)) return false;
  if (!hasScheme(s) && /^[^/?#]*:/.test(s)) return false;
  return true;
}

function emailOk(s: string): boolean {
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (/\s/.test(s)) return false;
  if (!/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local) && !/^".*"$/.test(local)) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return /^[^\s@]+$/.test(domain);
}

/** gojsonschema's FormatCheckers.IsFormat. */
export function goFormatHelm3(format: string, v: string | InstNumber): boolean {
  const check = HELM3_FORMATS[format];
  if (check === undefined) return true;
  if (typeof v !== 'string') return false;
  return check(v);
}

const HELM3_FORMATS: Record<string, (s: string) => boolean> = {
  email: emailOk,
  'idn-email': emailOk,
  hostname: (s) => s.length <= 255 && HOSTNAME_RE.test(s),
  ipv4: (s) => goIPv4(s),
  ipv6: (s) => goIPv6(s),
  uri: (s) => urlParses(s) && hasScheme(s) && !s.includes('\\'),
  iri: (s) => urlParses(s) && hasScheme(s) && !s.includes('\\'),
  'uri-reference': (s) => urlParses(s) && !s.includes('\\'),
  'iri-reference': (s) => urlParses(s) && !s.includes('\\'),
  'uri-template': (s) => URI_TEMPLATE_RE.test(s),
  uuid: (s) => UUID_RE.test(s),
  regex: (s) => goRegexError(s) === undefined,
  'json-pointer': (s) => JSON_POINTER_RE.test(s),
  'relative-json-pointer': (s) => REL_JSON_POINTER_RE.test(s),
  'date-time': (s) => s.length >= 20 && /[tT]/.test(s[10]) && validDate(s.slice(0, 10)) && validTime(s.slice(11)),
  date: validDate,
  time: validTime,
};

// ------------------------------------------------------------------------------------------
// helm 4

function goQuoteRune(ch: string): string {
  if (ch === "'") return `'\\''`;
  if (ch === '\\') return `'\\\\'`;
  const c = ch.codePointAt(0) as number;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  return `'${ch}'`;
}

function jsonPointerError(s: string): string | undefined {
  if (s === '') return undefined;
  if (!s.startsWith('/')) return 'not starting with /';
  for (const tok of s.split('/').slice(1)) {
    let esc = false;
    for (const ch of tok) {
      if (esc) {
        esc = false;
        if (ch !== '0' && ch !== '1') return '~ must be followed by 0 or 1';
        continue;
      }
      if (ch === '~') esc = true;
    }
    if (esc) return '~ must be followed by 0 or 1';
  }
  return undefined;
}

function hostnameError(s0: string): string | undefined {
  const s = s0.endsWith('.') ? s0.slice(0, -1) : s0;
  if (new TextEncoder().encode(s).length > 253) return 'more than 253 characters long';
  for (const label of s.split('.')) {
    const len = new TextEncoder().encode(label).length;
    if (len < 1 || len > 63) return 'label must be 1 to 63 characters long';
    if (label.startsWith('-')) return 'label starts with hyphen';
    if (label.endsWith('-')) return 'label ends with hyphen';
    for (const ch of label) if (!/[a-zA-Z0-9-]/.test(ch)) return `invalid character ${goQuoteRune(ch)}`;
  }
  return undefined;
}

function ipv4Error(s: string): string | undefined {
  const groups = s.split('.');
  if (groups.length !== 4) return 'expected four decimals';
  for (const g of groups) {
    if (g.length > 1 && g[0] === '0') return 'leading zeros';
    if (!/^[+-]?\d+$/.test(g)) return `strconv.Atoi: parsing ${JSON.stringify(g)}: invalid syntax`;
    const n = Number(g);
    if (n < 0 || n > 255) return 'decimal must be between 0 and 255';
  }
  return undefined;
}

function ipv6Error(s: string): string | undefined {
  if (!s.includes(':')) return 'missing colon';
  if (s.includes('%')) return goIPv6(s.slice(0, s.indexOf('%'))) ? 'zone id is not a part of ipv6 address' : `ParseAddr(${JSON.stringify(s)}): invalid IP address`;
  return goIPv6(s) ? undefined : `ParseAddr(${JSON.stringify(s)}): unexpected character`;
}

function emailError(s: string): string | undefined {
  if (new TextEncoder().encode(s).length > 254) return 'more than 255 characters long';
  const at = s.lastIndexOf('@');
  if (at === -1) return 'missing @';
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (new TextEncoder().encode(local).length > 64) return 'local part more than 64 characters long';
  if (local.length > 1 && local.startsWith('"')) {
    const inner = local.slice(1, -1);
    if (inner.includes('\\') || inner.includes('"')) return 'backslash and quote are not allowed within quoted local part';
  } else {
    if (local.startsWith('.')) return 'starts with dot';
    if (local.endsWith('.')) return 'ends with dot';
    if (local.includes('..')) return 'consecutive dots';
    for (const ch of local) if (!/[a-zA-Z0-9]/.test(ch) && !".!#$%&'*+-/=?^_`{|}~".includes(ch)) return `invalid character ${goQuoteRune(ch)}`;
  }
  if (domain.startsWith('[') && domain.endsWith(']')) {
    domain = domain.slice(1, -1);
    if (domain.startsWith('IPv6:')) {
      const e = ipv6Error(domain.slice(5));
      return e === undefined ? undefined : `invalid ipv6 address: ${e}`;
    }
    const e = ipv4Error(domain);
    return e === undefined ? undefined : `invalid ipv4 address: ${e}`;
  }
  const e = hostnameError(domain);
  return e === undefined ? undefined : `invalid domain: ${e}`;
}

/** time.Parse("2006-01-02", s) error text, as Go words it. */
function dateError(s: string): string | undefined {
  const q = JSON.stringify(s);
  const cannot = (rest: string, elem: string): string => `parsing time ${q} as "2006-01-02": cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`;
  let rest = s;
  const year = /^\d{4}/.exec(rest);
  if (!year) return cannot(rest, '2006');
  rest = rest.slice(4);
  const num2 = (elem: string): number | string => {
    if (!rest.startsWith('-')) return cannot(rest, '-');
    rest = rest.slice(1);
    const m = /^\d{2}/.exec(rest);
    if (!m) return cannot(rest, elem);
    rest = rest.slice(2);
    return Number(m[0]);
  };
  const month = num2('01');
  if (typeof month === 'string') return month;
  if (month < 1 || month > 12) return `parsing time ${q}: month out of range`;
  const day = num2('02');
  if (typeof day === 'string') return day;
  if (day < 1 || day > 31) return `parsing time ${q}: day out of range`;
  if (rest !== '') return `parsing time ${q}: extra text: ${JSON.stringify(rest)}`;
  if (day > daysIn(Number(year[0]), month)) return `parsing time ${q}: day out of range`;
  return undefined;
}

function timeError(str: string): string | undefined {
  if (str.length < 9) return 'less than 9 characters long';
  if (str[2] !== ':' || str[5] !== ':') return 'missing colon in correct place';
  const hms = str.slice(0, 8).split(':');
  if (!hms.every((t) => /^[+-]?\d+$/.test(t))) return 'invalid hour/min/sec';
  let [h, m] = hms.map(Number);
  const sec = Number(hms[2]);
  if (hms.some((t) => Number(t) < 0)) return 'non-positive hour/min/sec';
  if (h > 23 || m > 59 || sec > 60) return 'hour/min/sec out of range';
  let rest = str.slice(8);
  if (rest.startsWith('.')) {
    const digits = /^\d*/.exec(rest.slice(1))?.[0] ?? '';
    if (digits === '') return 'no digits in second fraction';
    rest = rest.slice(1 + digits.length);
  }
  if (rest !== 'z' && rest !== 'Z') {
    if (rest.length !== 6) return 'offset must be 6 characters long';
    if (rest[0] !== '+' && rest[0] !== '-') return 'offset must begin with plus/minus';
    const sign = rest[0] === '+' ? -1 : 1;
    const off = rest.slice(1);
    if (off[2] !== ':') return 'missing colon in offset in correct place';
    const zhm = off.split(':');
    if (!zhm.every((t) => /^[+-]?\d+$/.test(t))) return 'invalid hour/min in offset';
    if (zhm.some((t) => Number(t) < 0)) return 'non-positive hour/min in offset';
    const [zh, zm] = zhm.map(Number);
    if (zh > 23 || zm > 59) return 'hour/min in offset out of range';
    let hm = h * 60 + m + sign * (zh * 60 + zm);
    if (hm < 0) hm += 24 * 60;
    h = Math.floor(hm / 60);
    m = hm % 60;
  }
  if (sec >= 60 && (h !== 23 || m !== 59)) return 'invalid leap second';
  return undefined;
}

function dateTimeError(s: string): string | undefined {
  if (s.length < 20) return 'less than 20 characters long';
  if (s[10] !== 't' && s[10] !== 'T') return '11th character must be t or T';
  const d = dateError(s.slice(0, 10));
  if (d !== undefined) return `invalid date element: ${d}`;
  const t = timeError(s.slice(11));
  if (t !== undefined) return `invalid time element: ${t}`;
  return undefined;
}

function durationError(s0: string): string | undefined {
  if (!s0.startsWith('P')) return 'must start with P';
  const s = s0.slice(1);
  if (s === '') return 'nothing after P';
  if (s.endsWith('W')) {
    const w = s.slice(0, -1);
    if (w === '') return 'no number in week';
    return /^\d+$/.test(w) ? undefined : 'invalid week';
  }
  const allUnits = ['YMD', 'HMS'];
  const parts = s.split('T');
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    if (i !== 0 && p === '') return 'no time elements';
    if (i >= allUnits.length) return 'more than one T';
    let units = allUnits[i];
    while (p !== '') {
      const digits = /^\d*/.exec(p)?.[0] ?? '';
      if (digits === '') return 'missing number';
      p = p.slice(digits.length);
      if (p === '') return 'missing unit';
      const unit = p[0];
      const j = units.indexOf(unit);
      if (j === -1) return allUnits[i].includes(unit) ? `unit ${goQuoteRune(unit)} out of order` : `invalid unit ${goQuoteRune(unit)}`;
      units = units.slice(j + 1);
      p = p.slice(1);
    }
  }
  return undefined;
}

function uuidError(s: string): string | undefined {
  const groups = s.split('-');
  const lens = [8, 4, 4, 4, 12];
  if (groups.length !== 5) return 'must have 5 elements';
  for (let i = 0; i < 5; i++) {
    if (groups[i].length !== lens[i]) return `element ${i + 1} must be ${lens[i]} characters long`;
    for (const ch of groups[i]) if (!/[0-9a-fA-F]/.test(ch)) return `non-hex character ${goQuoteRune(ch)}`;
  }
  return undefined;
}

function urlError(s: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(s)) return `parse ${JSON.stringify(s)}: net/url: invalid control character in URL`;
  if (!hasScheme(s) && /^[^/?#]*:/.test(s)) return `parse ${JSON.stringify(s)}: first path segment in URL cannot contain colon`;
  if (s.startsWith(':')) return `parse ${JSON.stringify(s)}: missing protocol scheme`;
  return undefined;
}

const HELM4_FORMATS: Record<string, (s: string) => string | undefined> = {
  'json-pointer': jsonPointerError,
  'relative-json-pointer': (s) => {
    const digits = /^\d*/.exec(s)?.[0] ?? '';
    if (digits === '') return 'must start with non-negative integer';
    if (digits.length > 1 && digits.startsWith('0')) return 'starts with zero';
    const rest = s.slice(digits.length);
    return rest === '#' ? undefined : jsonPointerError(rest);
  },
  uuid: uuidError,
  duration: durationError,
  ipv4: ipv4Error,
  ipv6: ipv6Error,
  hostname: hostnameError,
  email: emailError,
  date: dateError,
  time: timeError,
  'date-time': dateTimeError,
  uri: (s) => urlError(s) ?? (hasScheme(s) ? undefined : 'relative url'),
  iri: (s) => urlError(s) ?? (hasScheme(s) ? undefined : 'relative url'),
  'uri-reference': (s) => (s.includes('\\') ? 'contains \\' : urlError(s)),
  'iri-reference': (s) => (s.includes('\\') ? 'contains \\' : urlError(s)),
  'uri-template': (s) => {
    const e = urlError(s);
    if (e !== undefined) return e;
    const path = s.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:(\/\/[^/]*)?/, '').replace(/[?#].*$/, '');
    for (const tok of path.split('/')) {
      let want = true;
      for (const ch of tok) {
        if (ch !== '{' && ch !== '}') continue;
        if ((ch === '{') !== want) return 'nested curly braces';
        want = !want;
      }
      if (!want) return 'no matching closing brace';
    }
    return undefined;
  },
  regex: (s) => goRegexError(s),
};

/** helm 4's format error text for a string, undefined when it passes or the format is unknown. */
export function formatErrorHelm4(format: string, v: string): string | undefined {
  const check = HELM4_FORMATS[format];
  return check === undefined ? undefined : check(v);
}

export function isHelm4Format(format: string): boolean {
  return HELM4_FORMATS[format] !== undefined;
}
