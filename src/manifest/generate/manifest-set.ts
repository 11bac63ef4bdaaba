/** The ManifestSet value render() returns. */
import type { Issue } from '../../operator/issues.js';
import { sortInstallOrder } from './order.js';
import type { ComponentManifest, ManifestObject, ManifestSet } from './types.js';

/** `---\n<yaml>` per object, in the given order. */
export function objectsToYaml(objects: readonly ManifestObject[]): string {
  let out = '';
  for (const o of objects) out += `---\n${o.yaml}`;
  return out;
}

/**
 * A ManifestSet from components whose objects are in any order: each component's objects and the
 * whole list are put in install order. The set is frozen (its objects are shared, not copied).
 */
export function makeManifestSet(components: readonly ComponentManifest[], warnings: readonly Issue[], kubeVersion: string): ManifestSet {
  const objects = Object.freeze(sortInstallOrder(components.flatMap((c) => c.objects)));
  // Each component's objects in the same order: the whole list filtered.
  const rank = new Map(objects.map((o, i) => [o, i]));
  const ordered = components.map((c) => Object.freeze({ ...c, objects: Object.freeze([...c.objects].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))) }));
  let text: string | undefined;
  return Object.freeze({
    components: Object.freeze(ordered),
    objects,
    warnings: Object.freeze([...warnings]),
    kubeVersion,
    toYaml(): string {
      text ??= objectsToYaml(objects);
      return text;
    },
  });
}
