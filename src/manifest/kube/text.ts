/** Validates multi-document YAML manifest text; issues carry the line of the offending node. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { KubeIssue, Segment } from './issues.js';
import { toKubeIssue, validateObjectsRaw, type KubeValidateOptions } from './validate.js';
import { goYamlTags } from '../../operator/yaml-text.js';

/** The node at `segs` (or the deepest existing one on the way), and the key node of the last pair. */
function locate(root: unknown, segs: readonly Segment[]): { node?: Node; key?: Node } {
  let node = root as Node | undefined;
  let key: Node | undefined;
  for (const s of segs) {
    key = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(s));
      if (!pair) break;
      key = pair.key as Node;
      if (!pair.value) break;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof s === 'number') {
      const item = node.items[s];
      if (!item) break;
      node = item as Node;
    } else break;
  }
  return { ...(node ? { node } : {}), ...(key ? { key } : {}) };
}

/**
 * Parses `text` (YAML 1.1 scalars, as kubectl reads manifests: `yes`/`on` are booleans) and
 * validates every document. YAML errors (including duplicate keys) are issues of code `yaml`.
 */
export function validateManifestText(text: string, options: KubeValidateOptions): KubeIssue[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, version: '1.1', merge: true, prettyErrors: false, customTags: goYamlTags });
  const list = Array.isArray(docs) ? docs : [];
  const issues: KubeIssue[] = [];
  const objects: unknown[] = [];
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) issues.push({ document: i, path: '', code: 'yaml', message: e.message.split('\n')[0] ?? e.message, line: lines.linePos(e.pos[0]).line });
      objects.push(null);
      return;
    }
    objects.push(doc.contents === null ? null : doc.toJS({ maxAliasCount: 1000 }));
  });
  const lineOf = (node: Node | undefined): number | undefined => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  for (const r of validateObjectsRaw(objects, options)) {
    const doc = list[r.document];
    const { node, key } = doc ? locate(doc.contents, r.segs) : {};
    issues.push(toKubeIssue(r, r.code === 'unknown-field' ? lineOf(key ?? node) : (lineOf(key) ?? lineOf(node))));
  }
  return issues.sort((a, b) => a.document - b.document || (a.line ?? 0) - (b.line ?? 0));
}
