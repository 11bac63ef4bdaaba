/**
 * Go's encoding/base64 StdEncoding (standard alphabet, `=` padding): the one base64 of the engine.
 * Used by Sprig's b64enc/b64dec and crypto functions, Helm's Files.AsSecrets, json.Marshal of
 * []byte, and the YAML loader's `!!binary` (go-yaml calls StdEncoding.DecodeString too).
 *
 * Decoding follows Go's DecodeString: CR and LF are skipped anywhere, padding is required, bits
 * left over in the last character are not checked, and a failure reports the offset Go reports
 * in `illegal base64 data at input byte N`.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d;

/** A byte -> 6-bit value table for an alphabet (-1: not in it). */
export function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}
const B64_DEC = decodeMap(B64);

/** Go's base64/base32 CorruptInputError: where decoding failed. */
export class CorruptInput {
  constructor(readonly offset: number) {}
  /** Go's Error() text, e.g. `illegal base64 data at input byte 4`. */
  message(encoding = 'base64'): string {
    return `illegal ${encoding} data at input byte ${this.offset}`;
  }
}

/** base64.StdEncoding.EncodeToString. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < bytes.length) {
    const two = i + 1 < bytes.length;
    const n = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (two ? B64[(n >> 6) & 63] : '=') + '=';
  }
  return out;
}

export const isNL = (c: number): boolean => c === 0x0a || c === 0x0d;

/** base64.StdEncoding.DecodeString: the bytes, or where Go reports the input corrupt. */
export function base64Decode(src: Uint8Array): Uint8Array | CorruptInput {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: CorruptInput | null = null;
    let done = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return new Uint8Array(out);
        return new CorruptInput(si - j);
      }
      const c = src[si++];
      const v = B64_DEC[c];
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (isNL(c)) {
        j--;
        continue;
      }
      if (c !== PAD) return new CorruptInput(si - 1);
      if (j < 2) return new CorruptInput(si - 1);
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) return new CorruptInput(src.length);
        if (src[si] !== PAD) return new CorruptInput(si - 1);
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) trailing = new CorruptInput(si);
      dlen = j;
      done = true;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailing) return trailing;
    if (done) break;
  }
  return new Uint8Array(out);
}
