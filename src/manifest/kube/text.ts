/** Validates multi-document YAML manifest text; issues carry the line of the offending node. */
import { LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { KubeIssue } from './issues.js';
import { toKubeIssue, validateObjectsRaw, type KubeValidateOptions } from './validate.js';
import { goYamlTags, locateNode } from '../../operator/yaml-text.js';


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
    const { node, key } = doc ? locateNode(doc, r.segs) : {};
    issues.push(toKubeIssue(r, r.code === 'unknown-field' ? lineOf(key ?? node) : (lineOf(key) ?? lineOf(node))));
  }
  return issues.sort((a, b) => a.document - b.document || (a.line ?? 0) - (b.line ?? 0));
}
