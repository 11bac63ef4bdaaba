// The fuzzer's own small template AST (not the engine's): generated, printed to template text,
// and simplified by the shrinker.

export type Expr =
  /** Literal source text as written in the template: `"s"`, `1`, `1.5`, `true`, `nil`, `'a'`. */
  | { readonly k: 'lit'; readonly text: string }
  /** `.a.b` (base '.'), `$.a.b` (base '$') or `$v.a.b` (base '$v'); an empty path prints the base. */
  | { readonly k: 'field'; readonly base: string; readonly path: readonly string[] }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[] }
  /** `first | fn args | fn args`. */
  | { readonly k: 'pipe'; readonly first: Expr; readonly stages: readonly Stage[] }
  /** `(e)` or `(e).a.b`. */
  | { readonly k: 'paren'; readonly e: Expr; readonly path: readonly string[] };

export interface Stage {
  readonly fn: string;
  readonly args: readonly Expr[];
}

/** Trim markers of one action: bit 0 = `{{-`, bit 1 = `-}}`. */
export type Trim = number;

export type Node =
  | { readonly k: 'text'; readonly s: string }
  | { readonly k: 'out'; readonly e: Expr; readonly t: Trim }
  | { readonly k: 'decl'; readonly name: string; readonly e: Expr; readonly assign: boolean; readonly t: Trim }
  | { readonly k: 'if'; readonly branches: readonly Branch[]; readonly els?: readonly Node[]; readonly t: Trim }
  | {
      readonly k: 'with';
      readonly v?: string;
      readonly branches: readonly Branch[];
      readonly els?: readonly Node[];
      readonly t: Trim;
    }
  | {
      readonly k: 'range';
      readonly vars: readonly string[];
      readonly e: Expr;
      readonly body: readonly Node[];
      readonly els?: readonly Node[];
      readonly t: Trim;
    }
  | { readonly k: 'break' }
  | { readonly k: 'continue' }
  | { readonly k: 'comment'; readonly s: string; readonly t: Trim }
  | { readonly k: 'template'; readonly name: string; readonly e?: Expr }
  /** Raw template source (deliberately malformed actions). */
  | { readonly k: 'raw'; readonly s: string };

export interface Branch {
  readonly cond: Expr;
  readonly body: readonly Node[];
}

export interface Define {
  readonly name: string;
  readonly body: readonly Node[];
}

export interface Template {
  readonly defines: readonly Define[];
  readonly body: readonly Node[];
}

/** Go string literal for `s` (double quoted, escapes for quotes, backslashes and controls). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function open(t: Trim): string {
  return t & 1 ? '{{- ' : '{{ ';
}
function close(t: Trim): string {
  return t & 2 ? ' -}}' : ' }}';
}

function needsParens(e: Expr): boolean {
  return e.k === 'pipe' || (e.k === 'call' && e.args.length > 0);
}

export function printExpr(e: Expr): string {
  switch (e.k) {
    case 'lit':
      return e.text;
    case 'field': {
      const p = e.path.map((s) => '.' + s).join('');
      if (e.base === '.') return p === '' ? '.' : p;
      return e.base + p;
    }
    case 'call':
      return [e.fn, ...e.args.map(printArg)].join(' ');
    case 'pipe':
      return [printExpr(e.first), ...e.stages.map((s) => [s.fn, ...s.args.map(printArg)].join(' '))].join(' | ');
    case 'paren':
      return '(' + printExpr(e.e) + ')' + e.path.map((s) => '.' + s).join('');
  }
}

function printArg(e: Expr): string {
  return needsParens(e) ? '(' + printExpr(e) + ')' : printExpr(e);
}

export function printNodes(nodes: readonly Node[]): string {
  return nodes.map(printNode).join('');
}

function printBranches(kw: string, v: string | undefined, bs: readonly Branch[], els: readonly Node[] | undefined, t: Trim): string {
  let s = '';
  bs.forEach((b, i) => {
    const decl = i === 0 && v ? `${v} := ` : '';
    s += (i === 0 ? open(t) + kw + ' ' : '{{ else ' + kw + ' ') + decl + printExpr(b.cond) + (i === 0 ? close(t) : ' }}');
    s += printNodes(b.body);
  });
  if (els) s += '{{ else }}' + printNodes(els);
  return s + '{{ end }}';
}

export function printNode(n: Node): string {
  switch (n.k) {
    case 'text':
      return n.s;
    case 'out':
      return open(n.t) + printExpr(n.e) + close(n.t);
    case 'decl':
      return open(n.t) + n.name + (n.assign ? ' = ' : ' := ') + printExpr(n.e) + close(n.t);
    case 'if':
      return printBranches('if', undefined, n.branches, n.els, n.t);
    case 'with':
      return printBranches('with', n.v, n.branches, n.els, n.t);
    case 'range': {
      const vars = n.vars.length ? n.vars.join(', ') + ' := ' : '';
      let s = open(n.t) + 'range ' + vars + printExpr(n.e) + close(n.t) + printNodes(n.body);
      if (n.els) s += '{{ else }}' + printNodes(n.els);
      return s + '{{ end }}';
    }
    case 'break':
      return '{{ break }}';
    case 'continue':
      return '{{ continue }}';
    case 'comment':
      return (n.t & 1 ? '{{- ' : '{{') + '/* ' + n.s + ' */' + (n.t & 2 ? ' -}}' : '}}');
    case 'template':
      return '{{ template ' + goQuote(n.name) + (n.e ? ' ' + printExpr(n.e) : '') + ' }}';
    case 'raw':
      return n.s;
  }
}

export function printTemplate(t: Template): string {
  let s = '';
  for (const d of t.defines) s += '{{ define ' + goQuote(d.name) + ' }}' + printNodes(d.body) + '{{ end }}';
  return s + printNodes(t.body);
}

/** Number of nodes and expressions, the shrinker's size measure. */
export function sizeOf(t: Template): number {
  const e = (x: Expr): number => {
    switch (x.k) {
      case 'lit':
        return 1;
      case 'field':
        return 1 + x.path.length;
      case 'call':
        return 1 + x.args.reduce((a, y) => a + e(y), 0);
      case 'pipe':
        return e(x.first) + x.stages.reduce((a, s) => a + 1 + s.args.reduce((b, y) => b + e(y), 0), 0);
      case 'paren':
        return 1 + e(x.e) + x.path.length;
    }
  };
  const ns = (xs: readonly Node[]): number => xs.reduce((a, n) => a + nodeSize(n), 0);
  const nodeSize = (n: Node): number => {
    switch (n.k) {
      case 'text':
        return n.s.length > 0 ? 1 : 0;
      case 'out':
      case 'decl':
        return 1 + e(n.e);
      case 'if':
      case 'with':
        return 1 + n.branches.reduce((a, b) => a + e(b.cond) + ns(b.body), 0) + (n.els ? 1 + ns(n.els) : 0);
      case 'range':
        return 1 + e(n.e) + ns(n.body) + (n.els ? 1 + ns(n.els) : 0);
      case 'template':
        return 1 + (n.e ? e(n.e) : 0);
      default:
        return 1;
    }
  };
  return t.defines.reduce((a, d) => a + 1 + ns(d.body), 0) + ns(t.body);
}
