/**
 * values.global.proxy.includeIPRanges / excludeIPRanges: "*", empty, or a comma-separated list of
 * CIDRs (spaces around items allowed), each parsed like Go's net.ParseCIDR.
 */
import type { Issue } from '../../issues.js';
import { at, pointer, show } from '../data.js';
import { issueAt, type Rule } from './rule.js';

/** Why `s` is not a CIDR (IPv4 a.b.c.d/n or IPv6 addr/n), or undefined when it is one. */
export function cidrProblem(s: string): string | undefined {
  if (s === '') return 'an empty item: two commas in a row, or a comma at an end';
  const slash = s.indexOf('/');
  if (slash < 0) return 'missing "/<prefix length>"';
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  const v4 = isIPv4(addr);
  const v6 = !v4 && isIPv6(addr);
  if (!v4 && !v6) return `${JSON.stringify(addr)} is not an IP address`;
  const max = v4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `prefix length ${JSON.stringify(bits)} is not a number in [0, ${max}]`;
  return undefined;
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
}

function isIPv6(s: string): boolean {
  if (s.length > 45 || s === '') return false;
  let head = s;
  let extra = 0;
  // An embedded IPv4 tail counts as two groups.
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(s.slice(lastColon + 1))) return false;
    head = s.slice(0, lastColon + 1) + '0';
    extra = 1;
  }
  const double = head.indexOf('::');
  if (double >= 0 && head.indexOf('::', double + 1) >= 0) return false;
  const group = (g: string): boolean => /^[0-9a-fA-F]{1,4}$/.test(g);
  if (double >= 0) {
    const left = head.slice(0, double);
    const right = head.slice(double + 2);
    const l = left === '' ? [] : left.split(':');
    const r = right === '' ? [] : right.split(':');
    return [...l, ...r].every(group) && l.length + r.length + extra < 8;
  }
  const groups = head.split(':');
  return groups.length + extra === 8 && groups.every(group);
}

export const ipRangesRule: Rule = {
  name: 'ip-ranges',
  fatal: false,
  check(ctx) {
    const out: Issue[] = [];
    for (const key of ['includeIPRanges', 'excludeIPRanges']) {
      const v = at(ctx.doc, 'spec', 'values', 'global', 'proxy', key);
      if (typeof v !== 'string' || v === '' || v === '*') continue;
      for (const raw of v.split(',')) {
        const item = raw.trim();
        const problem = cidrProblem(item);
        if (problem) {
          out.push(
            issueAt(ctx, pointer('spec', 'values', 'global', 'proxy', key), 'invalid-cidr', `${show(item)} is not a CIDR (${problem}); expected "*" or a comma-separated list of CIDRs like "10.0.0.0/8,172.16.0.0/12"`),
          );
        }
      }
    }
    return out;
  },
};
