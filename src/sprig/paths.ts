/**
 * Go's path package (base, dir, clean, ext, isAbs) and path/filepath on Linux (osBase...), which
 * behave identically with '/' as the only separator.
 */
import type { GoFuncSpec } from '../gotemplate/value.js';

/** path.Clean: shortest equivalent path by lexical processing. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** path.Base. */
export function basePath(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.Dir. */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** path.Ext. */
export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

const s1 = (name: string, f: (p: string) => string): GoFuncSpec => ({
  name,
  params: ['string'],
  results: ['string'],
  fn: (p) => f(p as string),
});
const isAbs = (name: string): GoFuncSpec => ({
  name,
  params: ['string'],
  results: ['bool'],
  fn: (p) => (p as string).startsWith('/'),
});

export const pathFuncs: readonly GoFuncSpec[] = [
  s1('base', basePath),
  s1('dir', dirPath),
  s1('clean', cleanPath),
  s1('ext', extPath),
  isAbs('isAbs'),
  s1('osBase', basePath),
  s1('osClean', cleanPath),
  s1('osDir', dirPath),
  s1('osExt', extPath),
  isAbs('osIsAbs'),
];
