/**
 * A small tar reader: ustar and old (v7) headers, GNU long names (`L`/`K`), pax extended headers
 * (`x`: path, linkpath, size; `g` is returned as an entry like Go's archive/tar does), octal and
 * base-256 sizes, checksum verification. Entries are views into the input; nothing is copied.
 */

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'paxGlobal' | 'other';

export interface TarEntry {
  readonly name: string;
  readonly type: TarEntryType;
  /** The raw type flag character. */
  readonly flag: string;
  readonly size: number;
  readonly linkName: string;
  readonly data: Uint8Array;
}

/** A malformed archive. `message` follows Go's archive/tar and io errors where helm shows them. */
export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

const BLOCK = 512;

function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** A NUL-terminated header string field. */
function cstring(b: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && b[end] !== 0) end++;
  return decodeUtf8(b.subarray(off, end));
}

/** An octal (or GNU base-256) numeric field. */
function numeric(b: Uint8Array, off: number, len: number): number {
  if (b[off] & 0x80) {
    // base-256: big-endian two's complement with the top bit of the first byte as marker
    let v = 0;
    for (let i = 0; i < len; i++) {
      const byte = i === 0 ? b[off] & 0x7f : b[off + i];
      v = v * 256 + byte;
      if (v > Number.MAX_SAFE_INTEGER) throw new TarError('archive/tar: invalid tar header');
    }
    return v;
  }
  const s = cstring(b, off, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError('archive/tar: invalid tar header');
  const v = parseInt(s, 8);
  if (!Number.isSafeInteger(v)) throw new TarError('archive/tar: invalid tar header');
  return v;
}

function isZeroBlock(b: Uint8Array, off: number): boolean {
  for (let i = off; i < off + BLOCK; i++) if (b[i] !== 0) return false;
  return true;
}

function checksumOk(b: Uint8Array, off: number): boolean {
  const stored = numeric(b, off + 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : b[off + i];
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return stored === unsigned || stored === signed;
}

/** Pax records `"%d key=value\n"`. */
function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    let sp = i;
    while (sp < data.length && data[sp] !== 0x20) sp++;
    const len = parseInt(decodeUtf8(data.subarray(i, sp)), 10);
    if (!Number.isSafeInteger(len) || len <= 0 || i + len > data.length || data[i + len - 1] !== 0x0a) {
      throw new TarError('archive/tar: invalid tar header');
    }
    const rec = decodeUtf8(data.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    if (eq < 0) throw new TarError('archive/tar: invalid tar header');
    out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

function typeOf(flag: string, name: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
      return name.endsWith('/') ? 'dir' : 'file';
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char';
    case '4':
      return 'block';
    case '5':
      return 'dir';
    case '6':
      return 'fifo';
    case 'g':
      return 'paxGlobal';
    default:
      return 'other';
  }
}

/** Reads every entry of an uncompressed tar stream. Throws TarError. */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let off = 0;
  let longName: string | null = null;
  let longLink: string | null = null;
  let pax: Map<string, string> | null = null;
  while (true) {
    if (off + BLOCK > tar.length) {
      if (off === tar.length && longName === null && pax === null) break; // missing end blocks: Go accepts a clean EOF
      throw new TarError('unexpected EOF');
    }
    if (isZeroBlock(tar, off)) break;
    if (!checksumOk(tar, off)) throw new TarError('archive/tar: invalid tar header');
    const flag = String.fromCharCode(tar[off + 156]);
    let size = numeric(tar, off + 124, 12);
    const magic = cstring(tar, off + 257, 6);
    let name = cstring(tar, off, 100);
    if (magic === 'ustar') {
      const prefix = cstring(tar, off + 345, 155);
      if (prefix !== '') name = prefix + '/' + name;
    }
    let linkName = cstring(tar, off + 157, 100);
    if (pax?.has('size')) {
      const s = Number(pax.get('size'));
      if (!Number.isSafeInteger(s) || s < 0) throw new TarError('archive/tar: invalid tar header');
      if (flag !== 'x' && flag !== 'L' && flag !== 'K') size = s;
    }
    const dataStart = off + BLOCK;
    const typ = typeOf(flag, name);
    // Links, directories and devices carry no data, whatever their size field says.
    const carries = typ === 'file' || typ === 'other' || typ === 'paxGlobal' || flag === 'x' || flag === 'L' || flag === 'K';
    const dataLen = carries ? size : 0;
    if (dataStart + dataLen > tar.length) throw new TarError('unexpected EOF');
    const data = tar.subarray(dataStart, dataStart + dataLen);
    off = dataStart + Math.ceil(dataLen / BLOCK) * BLOCK;
    if (flag === 'L') {
      longName = cstring(data, 0, data.length);
      continue;
    }
    if (flag === 'K') {
      longLink = cstring(data, 0, data.length);
      continue;
    }
    if (flag === 'x') {
      pax = parsePax(data);
      continue;
    }
    if (longName !== null) name = longName;
    if (longLink !== null) linkName = longLink;
    if (pax?.has('path')) name = pax.get('path') ?? name;
    if (pax?.has('linkpath')) linkName = pax.get('linkpath') ?? linkName;
    longName = null;
    longLink = null;
    pax = null;
    entries.push({ name, type: typeOf(flag, name), flag, size: dataLen, linkName, data });
  }
  return entries;
}
