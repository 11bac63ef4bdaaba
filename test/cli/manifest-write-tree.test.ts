// src/cli/write-tree.ts: the -o DIR writer of `manifest generate` / `manifest values` (all or nothing, --force to replace).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTarget, writeTreeAtomically } from '../../src/cli/write-tree.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'write-tree-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const FILES = [
  { path: 'Base/Base.yaml', text: 'a: 1\n' },
  { path: 'Base/Pilot/Pilot.yaml', text: 'b: 2\n' },
];

describe('writeTreeAtomically', () => {
  it('writes the tree into a new directory (parents created), leaving no temporary sibling', () => {
    const r = writeTreeAtomically(root, 'deep/out', FILES, { force: false });
    expect(r).toEqual({ ok: true });
    expect(readFileSync(join(root, 'deep/out/Base/Pilot/Pilot.yaml'), 'utf8')).toBe('b: 2\n');
    expect(readdirSync(join(root, 'deep'))).toEqual(['out']);
    expect(statSync(join(root, 'deep/out')).mode & 0o777).not.toBe(0o700);
  });

  it('an empty existing directory is used without --force', () => {
    mkdirSync(join(root, 'out'));
    expect(writeTreeAtomically(root, 'out', FILES, { force: false }).ok).toBe(true);
    expect(existsSync(join(root, 'out/Base/Base.yaml'))).toBe(true);
  });

  it('a non-empty directory is refused without --force and left untouched', () => {
    mkdirSync(join(root, 'out'));
    writeFileSync(join(root, 'out/keep.txt'), 'mine');
    const r = writeTreeAtomically(root, 'out', FILES, { force: false });
    expect(r).toEqual({ ok: false, why: 'out exists and is not empty; use --force to replace it' });
    expect(readdirSync(join(root, 'out'))).toEqual(['keep.txt']);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('with --force the old content is replaced entirely, nothing else left', () => {
    mkdirSync(join(root, 'out/Base'), { recursive: true });
    writeFileSync(join(root, 'out/old.txt'), 'old');
    writeFileSync(join(root, 'out/Base/Base.yaml'), 'old');
    expect(writeTreeAtomically(root, 'out', FILES, { force: true })).toEqual({ ok: true });
    expect(readdirSync(join(root, 'out'))).toEqual(['Base']);
    expect(readFileSync(join(root, 'out/Base/Base.yaml'), 'utf8')).toBe('a: 1\n');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('a failure while writing leaves neither DIR, nor the temporary directory, nor created parents', () => {
    // A file path whose parent is an existing file: mkdir fails after the first file is written.
    const r = writeTreeAtomically(root, 'new/out', [...FILES, { path: 'Base/Base.yaml/x', text: '' }], { force: false });
    expect(r.ok).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it('a failure keeps an existing DIR as it was, even with --force', () => {
    mkdirSync(join(root, 'out'));
    writeFileSync(join(root, 'out/keep.txt'), 'mine');
    const r = writeTreeAtomically(root, 'out', [...FILES, { path: 'Base/Base.yaml/x', text: '' }], { force: true });
    expect(r.ok).toBe(false);
    expect(readdirSync(root)).toEqual(['out']);
    expect(readdirSync(join(root, 'out'))).toEqual(['keep.txt']);
  });

  it('paths outside DIR are refused before anything is written', () => {
    for (const path of ['../escape.yaml', '/abs.yaml', 'a//b', 'a\\b', './a']) {
      const r = writeTreeAtomically(root, 'out', [{ path, text: '' }], { force: false });
      expect(r.ok, path).toBe(false);
    }
    expect(readdirSync(root)).toEqual([]);
  });

  it('a file or a symbolic link at DIR is refused even with --force', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(writeTreeAtomically(root, 'file', FILES, { force: true })).toEqual({ ok: false, why: 'file exists and is not a directory' });
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    expect(writeTreeAtomically(root, 'link', FILES, { force: true }).ok).toBe(false);
    expect(readdirSync(join(root, 'real'))).toEqual([]);
  });

  it('the working directory, its parents, home and / are never replaced, even with --force', () => {
    mkdirSync(join(root, 'work'));
    writeFileSync(join(root, 'work/precious'), 'x');
    for (const d of ['.', '..', root, homedir(), '/']) {
      const r = writeTreeAtomically(join(root, 'work'), d, FILES, { force: true });
      expect(r.ok, d).toBe(false);
      expect(!r.ok && r.why, d).toMatch(/^refusing to write /);
    }
    expect(readdirSync(join(root, 'work'))).toEqual(['precious']);
    expect(readdirSync(root)).toEqual(['work']);
  });
});

describe('checkTarget', () => {
  it('tells missing, empty and non-empty apart', () => {
    expect(checkTarget(join(root, 'nope'), false)).toEqual({ ok: true, state: 'missing' });
    mkdirSync(join(root, 'd'));
    expect(checkTarget(join(root, 'd'), false)).toEqual({ ok: true, state: 'empty' });
    writeFileSync(join(root, 'd/f'), '');
    expect(checkTarget(join(root, 'd'), false).ok).toBe(false);
    expect(checkTarget(join(root, 'd'), true)).toEqual({ ok: true, state: 'non-empty' });
  });
});
