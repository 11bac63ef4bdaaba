/**
 * Reading the files a user names on the command line: relative to the working directory, `-`
 * for standard input (read once per process, as istioctl and helm do), and a short reason
 * instead of an exception when a file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type ReadResult = { readonly ok: true; readonly bytes: Uint8Array; readonly name: string } | { readonly ok: false; readonly why: string };

/** The name a file read from standard input has in messages. */
export const STDIN_NAME = '<stdin>';

let stdin: Uint8Array | undefined;

export function readUserFile(cwd: string, file: string): ReadResult {
  try {
    if (file === '-') {
      stdin ??= readFileSync(0);
      return { ok: true, bytes: stdin, name: STDIN_NAME };
    }
    return { ok: true, bytes: readFileSync(resolve(cwd, file)), name: file };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : typeof code === 'string'
              ? code
              : 'unreadable';
    return { ok: false, why };
  }
}
