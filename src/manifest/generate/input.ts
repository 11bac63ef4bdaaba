/**
 * Checking a RenderInput given by a library caller (anything may arrive from JavaScript): every
 * problem becomes an `invalid-input` issue instead of an exception later.
 */
import type { ComposeFile } from '../../operator/compose/index.js';
import type { Issue } from '../../operator/issues.js';
import { KUBE_VERSIONS } from '../kube/index.js';
import { isPlainObject } from './plain.js';
import type { RenderInput } from './types.js';

export type InputResult = { readonly ok: true; readonly input: RenderInput; readonly kubeVersion: string } | { readonly ok: false; readonly issues: readonly Issue[] };

const KNOWN = new Set(['profile', 'files', 'set', 'iop', 'revision', 'kubeVersion', 'components', 'force']);

function bad(field: string, message: string): Issue {
  return { severity: 'error', code: 'invalid-input', path: '', message: `render input ${field}: ${message}` };
}

function isStringList(v: unknown): v is readonly string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isFile(v: unknown): v is ComposeFile {
  return isPlainObject(v) && typeof v.name === 'string' && typeof v.text === 'string';
}

/**
 * '1.34', 'v1.34' or '1.34.2' -> '1.34' when that minor version is supported; undefined otherwise.
 * Undefined input -> the newest supported version.
 */
export function normalizeKubeVersion(v: string | undefined): string | undefined {
  if (v === undefined) return KUBE_VERSIONS[KUBE_VERSIONS.length - 1];
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  return KUBE_VERSIONS.includes(minor) ? minor : undefined;
}

export function checkInput(raw: unknown): InputResult {
  if (raw === undefined || raw === null) raw = {};
  if (!isPlainObject(raw)) return { ok: false, issues: [bad('', `expected an object, got ${Array.isArray(raw) ? 'a list' : typeof raw}`)] };
  const issues: Issue[] = [];
  for (const k of Object.keys(raw)) if (!KNOWN.has(k) && raw[k] !== undefined) issues.push(bad(k, `unknown option (known: ${[...KNOWN].join(', ')})`));
  const { profile, files, set, revision, kubeVersion, components, force } = raw;
  if (profile !== undefined && typeof profile !== 'string') issues.push(bad('profile', 'expected a string'));
  if (files !== undefined && !(Array.isArray(files) && files.every(isFile))) issues.push(bad('files', 'expected a list of { name: string, text: string }'));
  if (set !== undefined && !isStringList(set)) issues.push(bad('set', 'expected a list of strings (PATH=VALUE)'));
  if (revision !== undefined && typeof revision !== 'string') issues.push(bad('revision', 'expected a string'));
  if (components !== undefined && !isStringList(components)) issues.push(bad('components', 'expected a list of component names'));
  if (force !== undefined && typeof force !== 'boolean') issues.push(bad('force', 'expected a boolean'));
  let kv: string | undefined;
  if (kubeVersion !== undefined && typeof kubeVersion !== 'string') issues.push(bad('kubeVersion', 'expected a string'));
  else {
    kv = normalizeKubeVersion(kubeVersion);
    if (kv === undefined) {
      issues.push({
        severity: 'error',
        code: 'unsupported-kube-version',
        path: '',
        message: `Kubernetes version ${JSON.stringify(kubeVersion)} is not supported (supported: ${KUBE_VERSIONS.join(', ')})`,
      });
    }
  }
  if (issues.length > 0 || kv === undefined) return { ok: false, issues };
  return { ok: true, input: raw as RenderInput, kubeVersion: kv };
}
