/**
 * `tag list` as a library (issue 7, facts §5.3): the revision tags of a cluster snapshot, one row
 * per tag MutatingWebhookConfiguration (label istio.io/tag), with the revision it points at
 * (istio.io/rev) and the namespaces it injects. A namespace counts when a pod without labels
 * created there would be sent to one of the tag's webhooks (matchingWebhooks): for an ordinary
 * tag the namespaces labelled istio.io/rev=<tag>, for `default` also those labelled
 * istio-injection=enabled. Pods that opt in by their own istio.io/rev label are not counted.
 */
import type { ClusterState } from './cluster-state.js';
import { matchingWebhooks } from './selector.js';
import { labelOf } from './types.js';

export interface TagRow {
  readonly tag: string;
  readonly revision: string;
  /** Namespaces the tag injects, sorted. */
  readonly namespaces: readonly string[];
  /** metadata.name of the tag's MutatingWebhookConfiguration. */
  readonly webhook: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The tags of the snapshot, sorted by tag then webhook name. */
export function listTags(state: ClusterState): TagRow[] {
  const tagged = state.ofKind('MutatingWebhookConfiguration').filter((o) => labelOf(o, 'istio.io/tag') !== undefined);
  const namespaces = state.ofKind('Namespace').filter((n) => n.metadata.namespace === undefined);
  const rows: TagRow[] = tagged.map((mwc) => {
    const injected = namespaces
      .filter((ns) => matchingWebhooks([mwc], { namespace: { name: ns.metadata.name, labels: state.namespaceLabels(ns.metadata.name) ?? {} }, pod: { labels: {} } }).length > 0)
      .map((ns) => ns.metadata.name);
    return {
      tag: labelOf(mwc, 'istio.io/tag') ?? '',
      revision: labelOf(mwc, 'istio.io/rev') ?? 'default',
      namespaces: [...new Set(injected)].sort(compare),
      webhook: mwc.metadata.name,
    };
  });
  return rows.sort((a, b) => compare(a.tag, b.tag) || compare(a.webhook, b.webhook));
}

/** The rows as a table (TAG REVISION NAMESPACES, columns padded as tabwriter does); a note when there are none. */
export function formatTagTable(rows: readonly TagRow[]): string {
  if (rows.length === 0) return 'No Istio revision tag MutatingWebhookConfigurations to list\n';
  const lines = [['TAG', 'REVISION', 'NAMESPACES'], ...rows.map((r) => [r.tag, r.revision, r.namespaces.join(',')])];
  const widths = [0, 1].map((i) => Math.max(...lines.map((l) => (l[i] as string).length)));
  return lines.map((l) => `${(l[0] as string).padEnd((widths[0] as number) + 1)}${(l[1] as string).padEnd((widths[1] as number) + 1)}${l[2] as string}`.trimEnd() + '\n').join('');
}
