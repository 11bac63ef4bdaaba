/** Test helper: builds .tgz bytes from entries (ustar headers, GNU long names), with fflate. */
import { gzipSync } from 'fflate';

export interface Entry {
  readonly name: string;
  readonly data?: Uint8Array | string;
  /** Type flag: '0' file (default), '1' hard link, '2' symlink, '5' dir, '6' fifo. */
  readonly type?: string;
  readonly link?: string;
}

const enc = new TextEncoder();

export function header(name: string, size: number, type: string, link: string): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, off: number, len: number): void => {
    const b = enc.encode(s);
    h.set(b.subarray(0, len), off);
  };
  put(name, 0, 100);
  put('0000644\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(size.toString(8).padStart(11, '0') + '\0', 124, 12);
  put('00000000000\0', 136, 12);
  put('        ', 148, 8);
  put(type, 156, 1);
  put(link, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

function pad(n: number): number {
  return Math.ceil(n / 512) * 512;
}

/** Uncompressed tar bytes. Names longer than 100 bytes get a GNU `L` record. */
export function tar(entries: readonly Entry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const data = typeof e.data === 'string' ? enc.encode(e.data) : (e.data ?? new Uint8Array());
    const type = e.type ?? '0';
    const nameBytes = enc.encode(e.name);
    if (nameBytes.length > 100) {
      const long = new Uint8Array(nameBytes.length + 1);
      long.set(nameBytes);
      parts.push(header('././@LongLink', long.length, 'L', ''));
      const body = new Uint8Array(pad(long.length));
      body.set(long);
      parts.push(body);
    }
    const size = type === '0' ? data.length : 0;
    parts.push(header(e.name.slice(0, 100), size, type, e.link ?? ''));
    if (size > 0) {
      const body = new Uint8Array(pad(size));
      body.set(data);
      parts.push(body);
    }
  }
  parts.push(new Uint8Array(1024));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function tgz(entries: readonly Entry[]): Uint8Array {
  return gzipSync(tar(entries));
}

export const CHART_YAML = 'apiVersion: v2\nname: c\nversion: 0.1.0\n';

/** Concatenates byte arrays (e.g. gzip members: a multi-member stream inflates to the concatenation). */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A tar stream without its end blocks (for building bigger streams from pieces). */
export function tarBody(entries: readonly Entry[]): Uint8Array {
  const t = tar(entries);
  return t.subarray(0, t.length - 1024);
}
