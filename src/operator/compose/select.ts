/**
 * Reading the subtree at an istioctl path (`profile dump --config-path components.pilot`): the
 * same syntax as `--set` paths (set-path.ts), relative to `spec`, with an optional `spec.` prefix.
 */
import { pointerToPath, type Issue } from '../issues.js';
import { parseSetFlag, type SetSegment } from './set-path.js';
import { isMap, pointerSegment, scalarText } from './tree.js';

export type SelectResult = { readonly ok: true; readonly value: unknown; readonly path: readonly SetSegment[] } | { readonly ok: false; readonly issue: Issue };

export function selectConfigPath(doc: Readonly<Record<string, unknown>>, configPath: string): SelectResult {
  const parsed = parseSetFlag(`${configPath.replace(/=/g, '\\=')}=`, 1);
  const where = (column: number) => ({ file: '--config-path', line: 1, column });
  if (!parsed.ok) {
    return {
      ok: false,
      issue: { ...parsed.issue, code: 'invalid-config-path', message: parsed.issue.message.replace(/^--set "(.*)=": /, `--config-path ${JSON.stringify(configPath)}: `), source: where(parsed.issue.source?.column ?? 1) },
    };
  }
  const segs = parsed.flag.path;
  let cur: unknown = doc['spec'];
  const pointer = ['spec'];
  for (const seg of segs) {
    let next: unknown;
    let slot: string | undefined;
    if (seg.kind === 'key') {
      if (isMap(cur) && Object.prototype.hasOwnProperty.call(cur, seg.key)) {
        slot = seg.key;
        next = cur[seg.key];
      }
    } else if (Array.isArray(cur)) {
      const list: unknown[] = cur;
      const i =
        seg.kind === 'index'
          ? seg.index === -1
            ? list.length - 1
            : seg.index
          : seg.kind === 'match'
            ? list.findIndex((e) => isMap(e) && scalarText(e[seg.key]) === seg.value)
            : list.findIndex((e) => scalarText(e) === seg.value);
      if (i >= 0 && i < list.length) {
        slot = String(i);
        next = list[i];
      }
    }
    if (slot === undefined) {
      return {
        ok: false,
        issue: {
          severity: 'error',
          code: 'config-path-not-found',
          path: pointerToPath(`/${pointer.map(pointerSegment).join('/')}`),
          message: `--config-path ${JSON.stringify(configPath)}: nothing at this path in the composed configuration`,
          source: where(seg.column),
        },
      };
    }
    pointer.push(slot);
    cur = next;
  }
  return { ok: true, value: cur, path: segs };
}
