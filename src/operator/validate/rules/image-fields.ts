/**
 * spec.hub (a docker image reference), spec.tag (`[\w][\w.-]{0,127}` on its printed form) and
 * spec.revision (a DNS-1123 label). Empty values mean "use the default" and pass. Values of the
 * wrong type are the schema's to report. Component-level hub/tag are not checked (Istio does not).
 */
import type { Issue } from '../../issues.js';
import { at, pointer, show } from '../data.js';
import { isImageReference, isTag, revisionProblem } from './patterns.js';
import { issueAt, type Rule } from './rule.js';

export const hubRule: Rule = {
  name: 'hub',
  fatal: false,
  check(ctx) {
    const hub = at(ctx.doc, 'spec', 'hub');
    if (typeof hub !== 'string' || hub === '' || isImageReference(hub)) return [];
    return [
      issueAt(ctx, pointer('spec', 'hub'), 'invalid-hub', `${show(hub)} is not a valid image registry: expected [domain[:port]/]path with lower-case path components, like "docker.io/istio"`),
    ];
  },
};

export const tagRule: Rule = {
  name: 'tag',
  fatal: false,
  check(ctx) {
    const tag = at(ctx.doc, 'spec', 'tag');
    if (typeof tag !== 'string' && typeof tag !== 'number') return [];
    const text = String(tag);
    if (text === '' || isTag(text)) return [];
    return [
      issueAt(ctx, pointer('spec', 'tag'), 'invalid-tag', `${show(text)} is not a valid image tag: expected a letter, digit or "_" followed by up to 127 letters, digits, "_", "." or "-"`),
    ];
  },
};

export const revisionRule: Rule = {
  name: 'revision',
  fatal: false,
  check(ctx) {
    const out: Issue[] = [];
    for (const path of [['spec', 'revision'], ['spec', 'values', 'revision']]) {
      const rev = at(ctx.doc, ...path);
      const problem = typeof rev === 'string' ? revisionProblem(rev) : undefined;
      if (problem !== undefined) out.push(issueAt(ctx, pointer(...path), 'invalid-revision', problem));
    }
    return out;
  },
};
