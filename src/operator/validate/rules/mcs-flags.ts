/**
 * Multi-cluster services settings the configured istiod ignores (warnings; facts §8, contract C).
 * The version is istiodMinorVersion of the effective values (pilot.tag, else global.tag):
 *  - env ENABLE_MCS_AUTO_EXPORT (values.pilot.env or components.pilot.k8s.env) on istiod <= 1.11,
 *    which reads ENABLE_MCS_AUTOEXPORT, and ENABLE_MCS_AUTOEXPORT on >= 1.12, which reads
 *    ENABLE_MCS_AUTO_EXPORT; values.pilot.multiClusterServices.autoExport renders the right one;
 *  - multiClusterServices.clusterLocal (or env ENABLE_MCS_CLUSTER_LOCAL) on 1.11, which has no
 *    such setting;
 *  - on 1.12 and later, host without enabled (ENABLE_MCS_HOST requires
 *    ENABLE_MCS_SERVICE_DISCOVERY) and clusterLocal without enabled and host (it requires both).
 * With an unknown version (latest, a digest, no tag) nothing is reported.
 */
import type { Issue } from '../../issues.js';
import { istiodMinorVersion } from '../../translate/istiod-version.js';
import { at, isObj, own, pointer } from '../data.js';
import { effectiveValues, valuePointer } from './effective-values.js';
import { issueAt, type Rule, type RuleContext } from './rule.js';

const OLD_NAME = 'ENABLE_MCS_AUTOEXPORT';
const NEW_NAME = 'ENABLE_MCS_AUTO_EXPORT';
const CLUSTER_LOCAL = 'ENABLE_MCS_CLUSTER_LOCAL';
const MCS = ['pilot', 'multiClusterServices'] as const;

function version(minor: number, values: unknown): string {
  const tag = at(values, 'pilot', 'tag') ?? at(values, 'global', 'tag');
  return `istiod 1.${minor} (tag ${String(tag)})`;
}

/** Every place the document sets istiod's env `name`: values.pilot.env keys and components.pilot.k8s.env entries. */
function envSettings(doc: unknown, name: string): string[] {
  const out: string[] = [];
  for (const root of ['values', 'unvalidatedValues']) {
    const env = at(doc, 'spec', root, 'pilot', 'env');
    if (isObj(env) && Object.prototype.hasOwnProperty.call(env, name)) out.push(pointer('spec', root, 'pilot', 'env', name));
  }
  const list = at(doc, 'spec', 'components', 'pilot', 'k8s', 'env');
  if (Array.isArray(list)) {
    list.forEach((e: unknown, i) => {
      if (own(e, 'name') === name) out.push(pointer('spec', 'components', 'pilot', 'k8s', 'env', i, 'name'));
    });
  }
  return out;
}

function envNameIssues(ctx: RuleContext, minor: number, values: unknown): Issue[] {
  const [ignored, read] = minor <= 11 ? [NEW_NAME, OLD_NAME] : [OLD_NAME, NEW_NAME];
  const out = envSettings(ctx.doc, ignored).map((p) =>
    issueAt(ctx, p, 'mcs-env-name', `${version(minor, values)} ignores ${ignored}; it reads ${read}`, {
      severity: 'warning',
      suggestion: 'set values.pilot.multiClusterServices.autoExport=true instead: the chart renders the name the configured istiod reads',
    }),
  );
  if (minor <= 11) {
    for (const p of envSettings(ctx.doc, CLUSTER_LOCAL)) {
      out.push(issueAt(ctx, p, 'mcs-cluster-local-unsupported', `${version(minor, values)} has no cluster-local MCS mode (${CLUSTER_LOCAL} came with 1.12), so it ignores this variable`, {
        severity: 'warning',
        suggestion: 'remove it, or install istiod 1.12 or later',
      }));
    }
  }
  return out;
}

function flagIssues(ctx: RuleContext, minor: number, values: unknown): Issue[] {
  const on = (k: string): boolean => at(values, ...MCS, k) === true;
  const where = (k: string): string => valuePointer(ctx.doc, ...MCS, k);
  const out: Issue[] = [];
  if (minor <= 11) {
    if (on('clusterLocal')) {
      out.push(issueAt(ctx, where('clusterLocal'), 'mcs-cluster-local-unsupported', `${version(minor, values)} has no cluster-local MCS mode (${CLUSTER_LOCAL} came with 1.12), so this setting renders nothing`, {
        severity: 'warning',
        suggestion: 'remove it, or install istiod 1.12 or later',
      }));
    }
    return out;
  }
  if (on('host') && !on('enabled')) {
    out.push(issueAt(ctx, where('host'), 'mcs-requires-discovery', `${version(minor, values)} ignores ENABLE_MCS_HOST unless ENABLE_MCS_SERVICE_DISCOVERY is on`, {
      severity: 'warning',
      suggestion: 'also set values.pilot.multiClusterServices.enabled=true',
    }));
  }
  if (on('clusterLocal') && !(on('enabled') && on('host'))) {
    const missing = [on('enabled') ? '' : 'enabled', on('host') ? '' : 'host'].filter((x) => x !== '');
    out.push(issueAt(ctx, where('clusterLocal'), 'mcs-requires-discovery', `${version(minor, values)} ignores ENABLE_MCS_CLUSTER_LOCAL unless ENABLE_MCS_SERVICE_DISCOVERY and ENABLE_MCS_HOST are on`, {
      severity: 'warning',
      suggestion: `also set ${missing.map((k) => `values.pilot.multiClusterServices.${k}=true`).join(' and ')}`,
    }));
  }
  return out;
}

export const mcsFlagsRule: Rule = {
  name: 'mcs-flags',
  fatal: false,
  check(ctx) {
    const values = effectiveValues(ctx.doc);
    const minor = istiodMinorVersion(values);
    if (minor === undefined) return [];
    return [...envNameIssues(ctx, minor, values), ...flagIssues(ctx, minor, values)];
  },
};
