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

export abstract class Node {
  abstract readonly type: NodeType;
  constructor(
    readonly pos: number,
    readonly src: SourceInfo,
  ) {}
  /** Go's `Node.String()`. */
  toString(): string {
    const parts: string[] = [];
    this.writeTo(parts);
    return parts.join('');
  }
  abstract writeTo(out: string[]): void;
}

export class TextNode extends Node {
  readonly type = NodeType.Text;
  constructor(pos: number, src: SourceInfo, readonly text: string) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push(this.text);
  }
}

export class CommentNode extends Node {
  readonly type = NodeType.Comment;
  constructor(pos: number, src: SourceInfo, readonly text: string) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push('{{', this.text, '}}');
  }
}

export class ListNode extends Node {
  readonly type = NodeType.List;
  readonly nodes: Node[] = [];
  writeTo(out: string[]): void {
    for (const n of this.nodes) n.writeTo(out);
  }
}

export class VariableNode extends Node {
  readonly type = NodeType.Variable;
  /** `$x.a.b` is `['$x', 'a', 'b']`. */
  constructor(pos: number, src: SourceInfo, readonly ident: string[]) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push(this.ident.join('.'));
  }
}

export class CommandNode extends Node {
  readonly type = NodeType.Command;
  readonly args: Node[] = [];
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
  readonly type = NodeType.Pipe;
  isAssign = false;
  readonly decl: VariableNode[] = [];
  readonly cmds: CommandNode[] = [];
  constructor(
    pos: number,
    src: SourceInfo,
    readonly line: number,
  ) {
    super(pos, src);
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
  readonly type = NodeType.Action;
  constructor(
    pos: number,
    src: SourceInfo,
    readonly line: number,
    readonly pipe: PipeNode,
  ) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push('{{');
    this.pipe.writeTo(out);
    out.push('}}');
  }
}

export class IdentifierNode extends Node {
  readonly type = NodeType.Identifier;
  constructor(pos: number, src: SourceInfo, readonly ident: string) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push(this.ident);
  }
}

export class DotNode extends Node {
  readonly type = NodeType.Dot;
  writeTo(out: string[]): void {
    out.push('.');
  }
}

export class NilNode extends Node {
  readonly type = NodeType.Nil;
  writeTo(out: string[]): void {
    out.push('nil');
  }
}

export class FieldNode extends Node {
  readonly type = NodeType.Field;
  /** `.a.b` is `['a', 'b']`. */
  constructor(pos: number, src: SourceInfo, readonly ident: string[]) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    for (const id of this.ident) out.push('.', id);
  }
}

export class ChainNode extends Node {
  readonly type = NodeType.Chain;
  readonly fields: string[] = [];
  constructor(pos: number, src: SourceInfo, readonly node: Node) {
    super(pos, src);
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
  readonly type = NodeType.Bool;
  constructor(pos: number, src: SourceInfo, readonly value: boolean) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push(this.value ? 'true' : 'false');
  }
}

/** A numeric constant with every interpretation Go's parser found valid. */
export class NumberNode extends Node {
  readonly type = NodeType.Number;
  isInt = false;
  isUint = false;
  isFloat = false;
  isComplex = false;
  int64 = 0n;
  uint64 = 0n;
  float64 = 0;
  /** Real and imaginary parts when `isComplex`. */
  complex: [number, number] = [0, 0];
  constructor(pos: number, src: SourceInfo, readonly text: string) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push(this.text);
  }
}

export class StringNode extends Node {
  readonly type = NodeType.String;
  constructor(
    pos: number,
    src: SourceInfo,
    /** The literal as written, with its quotes. */
    readonly quoted: string,
    readonly text: string,
  ) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push(this.quoted);
  }
}

export class EndNode extends Node {
  readonly type = NodeType.End;
  writeTo(out: string[]): void {
    out.push('{{end}}');
  }
}

export class ElseNode extends Node {
  readonly type = NodeType.Else;
  constructor(pos: number, src: SourceInfo, readonly line: number) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push('{{else}}');
  }
}

/** if, range and with. */
export class BranchNode extends Node {
  constructor(
    readonly type: NodeType.If | NodeType.Range | NodeType.With,
    pos: number,
    src: SourceInfo,
    readonly line: number,
    readonly pipe: PipeNode,
    readonly list: ListNode,
    readonly elseList: ListNode | null,
  ) {
    super(pos, src);
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
  readonly type = NodeType.Break;
  constructor(pos: number, src: SourceInfo, readonly line: number) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push('{{break}}');
  }
}

export class ContinueNode extends Node {
  readonly type = NodeType.Continue;
  constructor(pos: number, src: SourceInfo, readonly line: number) {
    super(pos, src);
  }
  writeTo(out: string[]): void {
    out.push('{{continue}}');
  }
}

export class TemplateNode extends Node {
  readonly type = NodeType.Template;
  constructor(
    pos: number,
    src: SourceInfo,
    readonly line: number,
    readonly name: string,
    readonly pipe: PipeNode | null,
  ) {
    super(pos, src);
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
