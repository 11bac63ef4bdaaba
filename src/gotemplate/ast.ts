/**
 * The parse tree of a Go template (text/template/parse), with Go's `String()` rendering of
 * every node: execution errors quote a node as Go prints it (`at <.Values.a.b>`).
 *
 * `pos` is the UTF-16 offset of the node in the template source text; error positions are
 * converted to Go's byte columns when an error is reported.
 */
import { quote } from './strconv.js';

export enum NodeType {
  Text,
  Action,
  Bool,
  Chain,
  Command,
  Dot,
  Field,
  Identifier,
  If,
  List,
  Nil,
  Number,
  Pipe,
  Range,
  String,
  Template,
  Variable,
  With,
  Comment,
  Break,
  Continue,
  Else,
  End,
}

/** What the parser knows about the source text a node comes from. */
export interface SourceInfo {
  /** The full text that was parsed. */
  readonly text: string;
  /** The name given to the parse (the file name); Go's `ParseName`. */
  readonly parseName: string;
}

// Fields are declared with `declare` and assigned in constructors: class-field initializers
// ([[Define]] semantics) made node construction the parser's main cost.
export abstract class Node {
  declare readonly type: NodeType;
  declare readonly pos: number;
  declare readonly src: SourceInfo;
  constructor(type: NodeType, pos: number, src: SourceInfo) {
    (this as { type: NodeType }).type = type;
    (this as { pos: number }).pos = pos;
    (this as { src: SourceInfo }).src = src;
  }
  /** Go's `Node.String()`. */
  toString(): string {
    const parts: string[] = [];
    this.writeTo(parts);
    return parts.join('');
  }
  abstract writeTo(out: string[]): void;
}

export class TextNode extends Node {
  declare readonly text: string;
  constructor(pos: number, src: SourceInfo, text: string) {
    super(NodeType.Text, pos, src);
    this.text = text;
  }
  writeTo(out: string[]): void {
    out.push(this.text);
  }
}

export class CommentNode extends Node {
  declare readonly text: string;
  constructor(pos: number, src: SourceInfo, text: string) {
    super(NodeType.Comment, pos, src);
    this.text = text;
  }
  writeTo(out: string[]): void {
    out.push('{{', this.text, '}}');
  }
}

export class ListNode extends Node {
  declare readonly nodes: Node[];
  constructor(pos: number, src: SourceInfo) {
    super(NodeType.List, pos, src);
    this.nodes = [];
  }
  writeTo(out: string[]): void {
    for (const n of this.nodes) n.writeTo(out);
  }
}

export class VariableNode extends Node {
  /** `$x.a.b` is `['$x', 'a', 'b']`. */
  declare readonly ident: string[];
  constructor(pos: number, src: SourceInfo, ident: string[]) {
    super(NodeType.Variable, pos, src);
    this.ident = ident;
  }
  writeTo(out: string[]): void {
    out.push(this.ident.join('.'));
  }
}

export class CommandNode extends Node {
  declare readonly args: Node[];
  constructor(pos: number, src: SourceInfo) {
    super(NodeType.Command, pos, src);
    this.args = [];
  }
  writeTo(out: string[]): void {
    for (let i = 0; i < this.args.length; i++) {
      if (i > 0) out.push(' ');
      const a = this.args[i];
      if (a instanceof PipeNode) {
        out.push('(');
        a.writeTo(out);
        out.push(')');
      } else a.writeTo(out);
    }
  }
}

export class PipeNode extends Node {
  declare isAssign: boolean;
  declare readonly decl: VariableNode[];
  declare readonly cmds: CommandNode[];
  declare readonly line: number;
  constructor(pos: number, src: SourceInfo, line: number) {
    super(NodeType.Pipe, pos, src);
    this.isAssign = false;
    this.decl = [];
    this.cmds = [];
    this.line = line;
  }
  writeTo(out: string[]): void {
    if (this.decl.length > 0) {
      for (let i = 0; i < this.decl.length; i++) {
        if (i > 0) out.push(', ');
        this.decl[i].writeTo(out);
      }
      out.push(this.isAssign ? ' = ' : ' := ');
    }
    for (let i = 0; i < this.cmds.length; i++) {
      if (i > 0) out.push(' | ');
      this.cmds[i].writeTo(out);
    }
  }
}

export class ActionNode extends Node {
  declare readonly line: number;
  declare readonly pipe: PipeNode;
  constructor(pos: number, src: SourceInfo, line: number, pipe: PipeNode) {
    super(NodeType.Action, pos, src);
    this.line = line;
    this.pipe = pipe;
  }
  writeTo(out: string[]): void {
    out.push('{{');
    this.pipe.writeTo(out);
    out.push('}}');
  }
}

export class IdentifierNode extends Node {
  declare readonly ident: string;
  constructor(pos: number, src: SourceInfo, ident: string) {
    super(NodeType.Identifier, pos, src);
    this.ident = ident;
  }
  writeTo(out: string[]): void {
    out.push(this.ident);
  }
}

export class DotNode extends Node {
  constructor(pos: number, src: SourceInfo) {
    super(NodeType.Dot, pos, src);
  }
  writeTo(out: string[]): void {
    out.push('.');
  }
}

export class NilNode extends Node {
  constructor(pos: number, src: SourceInfo) {
    super(NodeType.Nil, pos, src);
  }
  writeTo(out: string[]): void {
    out.push('nil');
  }
}

export class FieldNode extends Node {
  /** `.a.b` is `['a', 'b']`. */
  declare readonly ident: string[];
  constructor(pos: number, src: SourceInfo, ident: string[]) {
    super(NodeType.Field, pos, src);
    this.ident = ident;
  }
  writeTo(out: string[]): void {
    for (const id of this.ident) out.push('.', id);
  }
}

export class ChainNode extends Node {
  declare readonly node: Node;
  declare readonly fields: string[];
  constructor(pos: number, src: SourceInfo, node: Node) {
    super(NodeType.Chain, pos, src);
    this.node = node;
    this.fields = [];
  }
  writeTo(out: string[]): void {
    if (this.node instanceof PipeNode) {
      out.push('(');
      this.node.writeTo(out);
      out.push(')');
    } else this.node.writeTo(out);
    for (const f of this.fields) out.push('.', f);
  }
}

export class BoolNode extends Node {
  declare readonly value: boolean;
  constructor(pos: number, src: SourceInfo, value: boolean) {
    super(NodeType.Bool, pos, src);
    this.value = value;
  }
  writeTo(out: string[]): void {
    out.push(this.value ? 'true' : 'false');
  }
}

/** A numeric constant with every interpretation Go's parser found valid. */
export class NumberNode extends Node {
  declare readonly text: string;
  declare isInt: boolean;
  declare isUint: boolean;
  declare isFloat: boolean;
  declare isComplex: boolean;
  declare int64: bigint;
  declare uint64: bigint;
  declare float64: number;
  /** Real and imaginary parts when `isComplex`. */
  declare complex: [number, number];
  constructor(pos: number, src: SourceInfo, text: string) {
    super(NodeType.Number, pos, src);
    this.text = text;
    this.isInt = false;
    this.isUint = false;
    this.isFloat = false;
    this.isComplex = false;
    this.int64 = 0n;
    this.uint64 = 0n;
    this.float64 = 0;
    this.complex = [0, 0];
  }
  writeTo(out: string[]): void {
    out.push(this.text);
  }
}

export class StringNode extends Node {
  /** The literal as written, with its quotes. */
  declare readonly quoted: string;
  declare readonly text: string;
  constructor(pos: number, src: SourceInfo, quoted: string, text: string) {
    super(NodeType.String, pos, src);
    this.quoted = quoted;
    this.text = text;
  }
  writeTo(out: string[]): void {
    out.push(this.quoted);
  }
}

export class EndNode extends Node {
  constructor(pos: number, src: SourceInfo) {
    super(NodeType.End, pos, src);
  }
  writeTo(out: string[]): void {
    out.push('{{end}}');
  }
}

export class ElseNode extends Node {
  declare readonly line: number;
  constructor(pos: number, src: SourceInfo, line: number) {
    super(NodeType.Else, pos, src);
    this.line = line;
  }
  writeTo(out: string[]): void {
    out.push('{{else}}');
  }
}

/** if, range and with. */
export class BranchNode extends Node {
  declare readonly line: number;
  declare readonly pipe: PipeNode;
  declare readonly list: ListNode;
  declare readonly elseList: ListNode | null;
  constructor(type: NodeType.If | NodeType.Range | NodeType.With, pos: number, src: SourceInfo, line: number, pipe: PipeNode, list: ListNode, elseList: ListNode | null) {
    super(type, pos, src);
    this.line = line;
    this.pipe = pipe;
    this.list = list;
    this.elseList = elseList;
  }
  writeTo(out: string[]): void {
    out.push('{{', this.type === NodeType.If ? 'if' : this.type === NodeType.Range ? 'range' : 'with', ' ');
    this.pipe.writeTo(out);
    out.push('}}');
    this.list.writeTo(out);
    if (this.elseList) {
      out.push('{{else}}');
      this.elseList.writeTo(out);
    }
    out.push('{{end}}');
  }
}

export class BreakNode extends Node {
  declare readonly line: number;
  constructor(pos: number, src: SourceInfo, line: number) {
    super(NodeType.Break, pos, src);
    this.line = line;
  }
  writeTo(out: string[]): void {
    out.push('{{break}}');
  }
}

export class ContinueNode extends Node {
  declare readonly line: number;
  constructor(pos: number, src: SourceInfo, line: number) {
    super(NodeType.Continue, pos, src);
    this.line = line;
  }
  writeTo(out: string[]): void {
    out.push('{{continue}}');
  }
}

export class TemplateNode extends Node {
  declare readonly line: number;
  declare readonly name: string;
  declare readonly pipe: PipeNode | null;
  constructor(pos: number, src: SourceInfo, line: number, name: string, pipe: PipeNode | null) {
    super(NodeType.Template, pos, src);
    this.line = line;
    this.name = name;
    this.pipe = pipe;
  }
  writeTo(out: string[]): void {
    out.push('{{template ', quote(this.name));
    if (this.pipe) {
      out.push(' ');
      this.pipe.writeTo(out);
    }
    out.push('}}');
  }
}

/** A parsed template: a name and its body. */
export interface Tree {
  readonly name: string;
  readonly root: ListNode;
  readonly src: SourceInfo;
}

/** Go's `parse.IsEmptyTree`: only whitespace text and comments. */
export function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case NodeType.Comment:
      return true;
    case NodeType.List:
      for (const c of (n as ListNode).nodes) if (!isEmptyTree(c)) return false;
      return true;
    case NodeType.Text:
      return trimUnicodeSpace((n as TextNode).text).length === 0;
    default:
      return false;
  }
}

/** bytes.TrimSpace(s) is empty: every character is Unicode White_Space. */
function trimUnicodeSpace(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80) return s;
    if (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) continue;
    return s;
  }
  return '';
}
