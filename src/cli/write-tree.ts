/**
 * Writing a directory of generated files all at once (`manifest generate -o DIR`,
 * `manifest values -o DIR`):
 * - every file is written into a fresh hidden sibling `.<DIR>.tmp-<random>` first, which is
 *   renamed to DIR at the end, so DIR either appears complete or not at all; on any error the
 *   temporary directory is removed and nothing is left behind;
 * - an existing empty DIR is replaced; an existing non-empty DIR only with `force`: it is moved
 *   aside to `.<DIR>.old-<random>`, the new tree renamed into place, then the old one deleted (if
 *   the second rename fails, the old DIR is moved back). Between the two renames DIR is missing
 *   for an instant: Node has no atomic directory exchange;
 * - a DIR that is a file or a symbolic link is refused, even with `force`, and so are the working
 *   directory, its parents, the home directory and a root (`-o . --force` would delete them);
 * - missing parent directories are created (and removed again on error).
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';

export interface TreeFile {
  /** Relative path inside DIR, `/`-separated, no `..` parts. */
  readonly path: string;
  readonly text: string;
  /** A credential: written with mode 0600 instead of 0644. */
  readonly secret?: boolean;
}

export type TargetState = 'missing' | 'empty' | 'non-empty';

export type WriteTreeResult = { readonly ok: true; readonly warning?: string } | { readonly ok: false; readonly why: string };

/** Whether DIR may be written (checked before any work, and again when writing). */
export function checkTarget(dir: string, force: boolean): { ok: true; state: TargetState } | { ok: false; why: string } {
  let st;
  try {
    st = lstatSync(dir);
  } catch (e) {
    if (errCode(e) === 'ENOENT') return { ok: true, state: 'missing' };
    return { ok: false, why: `cannot use ${dir}: ${reason(e)}` };
  }
  if (st.isSymbolicLink()) return { ok: false, why: `${dir} is a symbolic link; give the directory itself` };
  if (!st.isDirectory()) return { ok: false, why: `${dir} exists and is not a directory` };
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    return { ok: false, why: `cannot read ${dir}: ${reason(e)}` };
  }
  if (entries.length === 0) return { ok: true, state: 'empty' };
  if (!force) return { ok: false, why: `${dir} exists and is not empty; use --force to replace it` };
  return { ok: true, state: 'non-empty' };
}

/** checkTarget plus the directories never replaced; messages name DIR as given. Call it before expensive work. */
export function checkOutputDir(cwd: string, dir: string, force: boolean): { ok: true; state: TargetState } | { ok: false; why: string } {
  const target = resolve(cwd, dir);
  const guarded = protectedDir(resolve(cwd), target);
  if (guarded) return { ok: false, why: `refusing to write ${dir}: it is ${guarded}; give a directory of its own` };
  const checked = checkTarget(target, force);
  return checked.ok ? checked : { ok: false, why: checked.why.replace(target, dir) };
}

/** Writes `files` as the complete content of `dir` (relative paths resolve against `cwd`). */
export function writeTreeAtomically(cwd: string, dir: string, files: readonly TreeFile[], options: { readonly force: boolean }): WriteTreeResult {
  for (const f of files) {
    const bad = badPath(f.path);
    if (bad) return { ok: false, why: `cannot write ${JSON.stringify(f.path)}: ${bad}` };
  }
  const checked = checkOutputDir(cwd, dir, options.force);
  if (!checked.ok) return checked;
  const target = resolve(cwd, dir);
  const parent = dirname(target);
  let createdParent: string | undefined;
  try {
    createdParent = mkdirSync(parent, { recursive: true });
  } catch (e) {
    return { ok: false, why: `cannot create ${dirname(dir)}: ${reason(e)}` };
  }
  const cleanParent = (): void => {
    if (createdParent !== undefined) rmSync(createdParent, { recursive: true, force: true });
  };

  let tmp: string;
  try {
    tmp = freshSibling(parent, `.${basename(target)}.tmp-`);
  } catch (e) {
    cleanParent();
    return { ok: false, why: `cannot create a temporary directory next to ${dir}: ${reason(e)}` };
  }
  try {
    for (const f of files) {
      const p = join(tmp, ...f.path.split('/'));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.text, { mode: f.secret === true ? 0o600 : 0o644 });
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    cleanParent();
    return { ok: false, why: `cannot write ${dir}: ${reason(e)}` };
  }

  // Move into place.
  try {
    const now = checkTarget(target, options.force);
    if (!now.ok) throw new TargetError(now.why.replace(target, dir));
    if (now.state === 'missing') {
      renameSync(tmp, target);
      return { ok: true };
    }
    if (now.state === 'empty') {
      rmdirSync(target); // throws if it is not empty any more
      renameSync(tmp, target);
      return { ok: true };
    }
    const old = freshName(parent, `.${basename(target)}.old-`);
    renameSync(target, old);
    try {
      renameSync(tmp, target);
    } catch (e) {
      renameSync(old, target);
      throw e;
    }
    try {
      rmSync(old, { recursive: true, force: true });
    } catch (e) {
      return { ok: true, warning: `the previous content of ${dir} is left in ${old}: ${reason(e)}` };
    }
    return { ok: true };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    cleanParent();
    return { ok: false, why: e instanceof TargetError ? e.message : `cannot move the new tree into ${dir}: ${reason(e)}` };
  }
}

class TargetError extends Error {}

/**
 * Replacing DIR deletes what it held, so a few directories are never replaced: the working
 * directory and its parents, the home directory and a file system root (`-o . --force`).
 */
function protectedDir(cwd: string, target: string): string | undefined {
  if (target === parse(target).root) return 'a file system root';
  if (target === cwd || cwd.startsWith(target.endsWith(sep) ? target : target + sep)) return 'the working directory or one of its parents';
  if (target === resolve(homedir())) return 'the home directory';
  return undefined;
}

/** Why a relative path may not be written, or undefined when it may. */
function badPath(p: string): string | undefined {
  if (p === '' || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'not a relative path';
  if (p.includes('\\') || p.includes('\0')) return 'contains a backslash or NUL';
  if (p.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'has an empty, . or .. part';
  return undefined;
}

/** Creates and returns a new directory `<parent>/<prefix><random>` (default permissions, unlike mkdtemp's 0700). */
function freshSibling(parent: string, prefix: string): string {
  for (let i = 0; ; i++) {
    const p = join(parent, prefix + randomBytes(6).toString('hex'));
    try {
      mkdirSync(p);
      return p;
    } catch (e) {
      if (errCode(e) !== 'EEXIST' || i >= 10) throw e;
    }
  }
}

/** A path `<parent>/<prefix><random>` that does not exist. */
function freshName(parent: string, prefix: string): string {
  for (;;) {
    const p = join(parent, prefix + randomBytes(6).toString('hex'));
    try {
      lstatSync(p);
    } catch {
      return p;
    }
  }
}

function errCode(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function reason(e: unknown): string {
  const c = errCode(e);
  if (c === 'EACCES' || c === 'EPERM') return 'permission denied';
  if (c === 'ENOTDIR') return 'a part of the path is not a directory';
  if (c === 'ENOSPC') return 'no space left on the device';
  if (c === 'EROFS') return 'read-only file system';
  if (c !== undefined) return c;
  return e instanceof Error ? e.message : String(e);
}
