/**
 * urlParse and urlJoin: Go's net/url parsing (url.Parse) and URL.String, as Sprig exposes them
 * (a map with scheme, host, hostname, path, query, opaque, fragment, userinfo).
 */
import { goKind, type GoFuncSpec, type GoValue } from '../gotemplate/value.js';
import { utf8Decode, utf8Encode } from '../gotemplate/bytes.js';
import { quote } from '../gotemplate/strconv.js';
import { panic } from './panic.js';
import { parseAddr } from './netip.js';
import type { Compat } from '../gotemplate/template.js';

const enum Mode {
  Path,
  Host,
  Zone,
  UserPassword,
  Fragment,
}

class UrlError extends Error {}

const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
const unhex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Mode.Host || mode === Mode.Zone) && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case Mode.Path:
        return ch === '?';
      case Mode.UserPassword:
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case Mode.Fragment:
        return false;
    }
  }
  if (mode === Mode.Fragment && '!()*'.includes(ch)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  const bytes = utf8Encode(s);
  let out = '';
  for (const b of bytes) {
    out += shouldEscape(b, mode) ? '%' + b.toString(16).toUpperCase().padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

function unescape(s: string, mode: Mode): string {
  const b = utf8Encode(s);
  const out: number[] = [];
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c === 0x25) {
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        throw new UrlError(`invalid URL escape ${quote(utf8Decode(b.subarray(i, i + 3)))}`);
      }
      const v = unhex(b[i + 1]) * 16 + unhex(b[i + 2]);
      if (mode === Mode.Host && unhex(b[i + 1]) < 8 && !(b[i + 1] === 0x32 && b[i + 2] === 0x35)) {
        throw new UrlError(`invalid URL escape ${quote(utf8Decode(b.subarray(i, i + 3)))}`);
      }
      out.push(v);
      i += 3;
      continue;
    }
    if ((mode === Mode.Host || mode === Mode.Zone) && c < 0x80 && shouldEscape(c, mode)) {
      throw new UrlError(`invalid character ${quote(String.fromCharCode(c))} in host name`);
    }
    out.push(c);
    i++;
  }
  return utf8Decode(new Uint8Array(out));
}

interface ParsedUrl {
  scheme: string;
  opaque: string;
  user: { username: string; password: string | null } | null;
  host: string;
  path: string;
  rawPath: string;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

const validOptionalPort = (p: string): boolean => p === '' || /^:[0-9]*$/.test(p);

function parseHost(host: string, compat: Compat): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${quote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    let out: string;
    if (zone >= 0) {
      out = unescape(host.slice(0, zone), Mode.Host) + unescape(host.slice(zone, i), Mode.Zone) + unescape(host.slice(i), Mode.Host);
    } else {
      out = unescape(host, Mode.Host);
    }
    if (compat === 'helm4') {
      // Go 1.25 accepts only IPv6 (or IPv4-in-IPv6) literals between the brackets.
      const inner = out.slice(1, out.lastIndexOf(']'));
      const addr = parseAddr(inner);
      if (!addr.ok) throw new UrlError(`invalid host: ${addr.error}`);
      if (addr.is4) throw new UrlError('invalid IP-literal');
    }
    return out;
  }
  if (compat === 'helm4' && host.includes('[')) throw new UrlError('invalid IP-literal');
  const i = host.lastIndexOf(':');
  if (i >= 0) {
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${quote(colonPort)} after host`);
  }
  return unescape(host, Mode.Host);
}

function parseAuthority(authority: string, compat: Compat): { user: ParsedUrl['user']; host: string } {
  const i = authority.lastIndexOf('@');
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1), compat);
  if (i < 0) return { user: null, host };
  const userinfo = authority.slice(0, i);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new UrlError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { user: { username: unescape(userinfo, Mode.UserPassword), password: null }, host };
  return {
    user: {
      username: unescape(userinfo.slice(0, colon), Mode.UserPassword),
      password: unescape(userinfo.slice(colon + 1), Mode.UserPassword),
    },
    host,
  };
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new UrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parseNoFragment(raw: string, compat: Compat): ParsedUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError('net/url: invalid control character in URL');
  const u: ParsedUrl = {
    scheme: '',
    opaque: '',
    user: null,
    host: '',
    path: '',
    rawPath: '',
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  const [scheme, restAfterScheme] = getScheme(raw);
  let rest = restAfterScheme;
  u.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    if (rest.split('/')[0].includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const i = authority.indexOf('/');
    if (i >= 0) {
      rest = authority.slice(i);
      authority = authority.slice(0, i);
    }
    const a = parseAuthority(authority, compat);
    u.user = a.user;
    u.host = a.host;
  }
  u.path = unescape(rest, Mode.Path);
  u.rawPath = escape(u.path, Mode.Path) === rest ? '' : rest;
  return u;
}

/** url.Parse; errors are Go's `parse "URL": reason`. */
export function parseUrl(raw: string, compat: Compat): ParsedUrl {
  const hash = raw.indexOf('#');
  const base = hash < 0 ? raw : raw.slice(0, hash);
  let u: ParsedUrl;
  try {
    u = parseNoFragment(base, compat);
  } catch (e) {
    if (e instanceof UrlError) throw new UrlError(`parse ${quote(base)}: ${e.message}`);
    throw e;
  }
  if (hash >= 0) {
    const frag = raw.slice(hash + 1);
    try {
      u.fragment = unescape(frag, Mode.Fragment);
    } catch (e) {
      if (e instanceof UrlError) throw new UrlError(`parse ${quote(raw)}: ${e.message}`);
      throw e;
    }
    u.rawFragment = escape(u.fragment, Mode.Fragment) === frag ? '' : frag;
  }
  return u;
}

function userString(user: NonNullable<ParsedUrl['user']>): string {
  let s = escape(user.username, Mode.UserPassword);
  if (user.password !== null) s += ':' + escape(user.password, Mode.UserPassword);
  return s;
}

function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (const c of s) {
    if ("!$&'()*+,;=:@[]".includes(c)) continue;
    if (c === '%') continue;
    if (shouldEscape(c.charCodeAt(0) > 0xff ? 0x80 : c.charCodeAt(0), mode)) return false;
  }
  return true;
}

function escapedPart(raw: string, decoded: string, mode: Mode): string {
  if (raw !== '' && validEncoded(raw, mode)) {
    try {
      if (unescape(raw, mode) === decoded) return raw;
    } catch {
      // fall through to escaping the decoded form
    }
  }
  if (mode === Mode.Path && decoded === '*') return '*';
  return escape(decoded, mode);
}

/** URL.String. */
export function urlString(u: ParsedUrl): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') {
    buf += u.opaque;
  } else {
    if (u.scheme !== '' || u.host !== '' || u.user !== null) {
      if (u.host !== '' || u.path !== '' || u.user !== null) buf += '//';
      if (u.user !== null) buf += userString(u.user) + '@';
      if (u.host !== '') buf += escape(u.host, Mode.Host);
    }
    const path = escapedPart(u.rawPath, u.path, Mode.Path);
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '' && path.split('/')[0].includes(':')) buf += './';
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escapedPart(u.rawFragment, u.fragment, Mode.Fragment);
  return buf;
}

function urlParse(v: GoValue, compat: Compat): GoValue {
  let u: ParsedUrl;
  try {
    u = parseUrl(v as string, compat);
  } catch (e) {
    if (e instanceof UrlError) panic(`unable to parse url: ${e.message}`);
    throw e;
  }
  return new Map<string, GoValue>([
    ['scheme', u.scheme],
    ['host', u.host],
    ['hostname', hostname(u.host)],
    ['path', u.path],
    ['query', u.rawQuery],
    ['opaque', u.opaque],
    ['fragment', u.fragment],
    ['userinfo', u.user ? userString(u.user) : ''],
  ]);
}

function dictString(d: Map<string, GoValue> | null, key: string): string {
  if (!d || !d.has(key)) return '';
  const v = d.get(key) ?? null;
  if (v === null) panic('runtime error: invalid memory address or nil pointer dereference');
  if (typeof v !== 'string') panic(`unable to parse ${key} key, must be of type string, but ${goKind(v)} found`);
  return v;
}

function urlJoin(dv: GoValue, compat: Compat): GoValue {
  const d = dv instanceof Map ? dv : null;
  const u: ParsedUrl = {
    scheme: dictString(d, 'scheme'),
    host: dictString(d, 'host'),
    path: dictString(d, 'path'),
    rawPath: '',
    rawQuery: dictString(d, 'query'),
    opaque: dictString(d, 'opaque'),
    fragment: dictString(d, 'fragment'),
    rawFragment: '',
    forceQuery: false,
    user: null,
  };
  const userinfo = dictString(d, 'userinfo');
  if (userinfo !== '') {
    try {
      u.user = parseUrl(`proto://${userinfo}@host`, compat).user;
    } catch (e) {
      if (e instanceof UrlError) panic(`unable to parse userinfo in dict: ${e.message}`);
      throw e;
    }
  }
  return urlString(u);
}

function makeUrlFuncs(compat: Compat): readonly GoFuncSpec[] {
  return [
    { name: 'urlParse', params: ['string'], results: ['map[string]interface {}'], fn: (v) => urlParse(v, compat) },
    { name: 'urlJoin', params: ['map[string]interface {}'], results: ['string'], fn: (d) => urlJoin(d, compat) },
  ];
}

const FUNCS: Record<Compat, readonly GoFuncSpec[]> = { helm3: makeUrlFuncs('helm3'), helm4: makeUrlFuncs('helm4') };

/** urlParse and urlJoin for a helm version (Go 1.25, in helm 4, validates bracketed hosts). */
export function urlFuncsFor(compat: Compat): readonly GoFuncSpec[] {
  return FUNCS[compat];
}
