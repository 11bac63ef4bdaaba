/** components.ingressGateways[*].name and egressGateways[*].name: `[a-z0-9.-]{1,254}` (empty allowed). */
import type { Issue } from '../../issues.js';
import { at, pointer, show } from '../data.js';
import { isObjectName } from './patterns.js';
import { issueAt, type Rule } from './rule.js';

export const gatewayNamesRule: Rule = {
  name: 'gateway-names',
  fatal: false,
  check(ctx) {
    const out: Issue[] = [];
    for (const kind of ['ingressGateways', 'egressGateways']) {
      const list = at(ctx.doc, 'spec', 'components', kind);
      if (!Array.isArray(list)) continue;
      list.forEach((gw, i) => {
        const name = at(gw, 'name');
        if (typeof name !== 'string' || name === '' || isObjectName(name)) return;
        out.push(
          issueAt(ctx, pointer('spec', 'components', kind, i, 'name'), 'invalid-gateway-name', `${show(name)} is not a valid gateway name: expected 1 to 254 lower-case letters, digits, "." or "-"`),
        );
      });
    }
    return out;
  },
};
