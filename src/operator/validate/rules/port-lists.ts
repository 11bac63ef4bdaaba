/**
 * values.global.proxy.includeInboundPorts / excludeInboundPorts: "*", empty, or a comma-separated
 * list of port numbers in [0, 65535] (spaces around items allowed).
 */
import type { Issue } from '../../issues.js';
import { at, pointer, show } from '../data.js';
import { issueAt, type Rule } from './rule.js';

export function portProblem(item: string): string | undefined {
  if (item === '') return 'an empty item: two commas in a row, or a comma at an end';
  if (!/^[+-]?\d+$/.test(item)) return 'not an integer';
  const n = Number(item);
  if (n < 0 || n > 65535) return 'outside [0, 65535]';
  return undefined;
}

export const portListsRule: Rule = {
  name: 'port-lists',
  fatal: false,
  check(ctx) {
    const out: Issue[] = [];
    for (const key of ['includeInboundPorts', 'excludeInboundPorts']) {
      const v = at(ctx.doc, 'spec', 'values', 'global', 'proxy', key);
      if (typeof v !== 'string' || v === '' || v === '*') continue;
      for (const raw of v.split(',')) {
        const item = raw.trim();
        const problem = portProblem(item);
        if (problem) {
          out.push(issueAt(ctx, pointer('spec', 'values', 'global', 'proxy', key), 'invalid-port-list', `${show(item)} is not a port number (${problem}); expected "*" or a comma-separated list of ports like "15020,15021"`));
        }
      }
    }
    return out;
  },
};
