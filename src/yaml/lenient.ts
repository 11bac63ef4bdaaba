/**
 * libyaml does not check the indentation of continuation lines inside quoted scalars and flow
 * collections (`a: [1,\n2]`, `q: 'x\n y'` under a nested key are accepted by helm), while the
 * `yaml` package follows the YAML spec and rejects them. This module re-indents such
 * continuation lines so the `yaml` package reads the same values. Only spaces are added at line
 * starts, inside constructs whose values ignore leading whitespace on continuation lines, so
 * line numbers and values are unchanged. It is used only when the strict parse failed.
 */

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  return i;
}

/**
 * Returns `text` with continuation lines of multi-line quoted scalars and flow collections
 * indented one column deeper than the line that opened them, or null when nothing changed.
 */
export function reindentContinuations(text: string): string | null {
  return scan(text, () => {});
}

/**
 * The index of the first line that starts a block-context node with `:` (an empty implicit key,
 * `: x` or `- : x`), which libyaml rejects with "did not find expected key"; null if none.
 */
export function emptyImplicitKeyLine(text: string): number | null {
  let found: number | null = null;
  /** Columns where an explicit key (`? k`) was opened: a `:` there is its value indicator. */
  const explicit = new Set<number>();
  scan(text, (li, line) => {
    if (found !== null) return;
    const q = /^( *(?:- +)*)\?( |\t|\r|$)/.exec(line);
    if (q) {
      explicit.add(q[1].length);
      return;
    }
    const m = /^( *(?:- +)*):( |\t|\r|$)/.exec(line);
    if (m && !explicit.delete(m[1].length)) found = li;
  });
  return found;
}

/** Walks the lines, calling `visit` for each line that starts in block context. */
function scan(text: string, visit: (li: number, line: string) => void): string | null {
  const lines = text.split('\n');
  let changed = false;
  let flow = 0;
  let quote: '"' | "'" | null = null;
  /** Indentation of the line where the open quoted scalar or outermost flow collection began. */
  let openIndent = -1;
  /** Indentation a block scalar's header line had; its content lines are skipped. */
  let blockIndent = -1;
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li];
    const continuing = quote !== null || flow > 0;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indentOf(line) > blockIndent) continue;
      blockIndent = -1;
    }
    if (continuing) {
      const need = openIndent + 1;
      const isMarker = /^(---|\.\.\.)(\s|$)/.test(line);
      if (!isMarker && line.trim() !== '' && indentOf(line) < need) {
        line = ' '.repeat(need) + line.trimStart();
        lines[li] = line;
        changed = true;
      }
    }
    if (!continuing) visit(li, line);
    const lineIndent = indentOf(line);
    let tokenStart = true;
    /** At the start of a node: line start, or after an indicator (not inside a plain scalar). */
    let nodeStart = !continuing || flow > 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote === "'") {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else quote = null;
        }
        tokenStart = false;
        continue;
      }
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = null;
        tokenStart = false;
        continue;
      }
      if (c === ' ' || c === '\t') {
        tokenStart = true;
        continue;
      }
      if (c === '#' && tokenStart) break;
      if (tokenStart && (nodeStart || flow > 0) && (c === '"' || c === "'")) {
        if (flow === 0) openIndent = lineIndent;
        quote = c;
        tokenStart = false;
        continue;
      }
      if ((tokenStart || flow > 0) && (c === '[' || c === '{')) {
        if (flow === 0) openIndent = lineIndent;
        flow++;
        tokenStart = true;
        continue;
      }
      if (flow > 0 && (c === ']' || c === '}')) {
        flow--;
        tokenStart = false;
        continue;
      }
      if (flow > 0 && (c === ',' || c === ':')) {
        tokenStart = true;
        nodeStart = true;
        continue;
      }
      if (flow === 0 && tokenStart && (c === '|' || c === '>')) {
        // A block scalar header when only indicators and a comment follow.
        if (/^[|>][0-9+-]*\s*(#.*)?$/.test(line.slice(i))) {
          blockIndent = lineIndent;
          break;
        }
      }
      if (flow === 0 && (c === '-' || c === '?' || c === ':') && (line[i + 1] === ' ' || i + 1 === line.length)) {
        tokenStart = true;
        nodeStart = true;
        continue;
      }
      tokenStart = false;
      if (flow === 0) nodeStart = false;
    }
  }
  return changed ? lines.join('\n') : null;
}
