/**
 * The addons Istio 1.11 no longer installs (fatal, even with --force): values.<addon>.enabled
 * or addonComponents.<addon>.enabled set to true for grafana, tracing, kiali and prometheus.
 */
import type { Issue } from '../../issues.js';
import { at, pointer } from '../data.js';
import { issueAt, type Rule } from './rule.js';

export const REMOVED_ADDONS = ['grafana', 'tracing', 'kiali', 'prometheus'] as const;

export const removedAddonsRule: Rule = {
  name: 'removed-addons',
  fatal: true,
  check(ctx) {
    const out: Issue[] = [];
    for (const root of ['values', 'addonComponents']) {
      for (const addon of REMOVED_ADDONS) {
        if (at(ctx.doc, 'spec', root, addon, 'enabled') !== true) continue;
        out.push(
          issueAt(ctx, pointer('spec', root, addon, 'enabled'), 'removed-addon', `the ${addon} addon is no longer installed by Istio 1.11`, {
            suggestion: 'deploy it from the samples/addons/ manifests of the Istio release instead',
          }),
        );
      }
    }
    return out;
  },
};
