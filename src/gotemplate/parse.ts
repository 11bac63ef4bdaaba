/**
 * The template parser: text/template/parse's recursive descent, with Go's error texts and
 * line numbers (`template: NAME:LINE: MESSAGE`). One call parses a whole text and returns every
 * tree it defines (the text itself under its name, plus each {{define}} and {{block}}).
 */
import {
  ActionNode,
  BoolNode,
  BranchNode,
  BreakNode,
  ChainNode,
  CommandNode,
  CommentNode,
  ContinueNode,
  DotNode,
  ElseNode,
  EndNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  NilNode,
  Node,
  NodeType,
  NumberNode,
  PipeNode,
  StringNode,
  TemplateNode,
  TextNode,
  VariableNode,
  isEmptyTree,
  type SourceInfo,
  type Tree,
} from './ast.js';
import { Lexer, ItemType, itemString, type Item } from './lex.js';
import { TemplateError } from './errors.js';
import { quote, unquote, unquoteChar, parseInt as goParseInt, parseUint as goParseUint, parseFloat as goParseFloat, underscoreOK } from './strconv.js';

/** Go's limit on nested parentheses / nested expressions. */
const MAX_STACK_DEPTH = 10000;

class ParseAbort {
  constructor(readonly error: TemplateError) {}
}

/** Parser state of one tree (Go's parse.Tree during parsing). Defines get their own. */
class TreeParser {
  name: string;
  root: ListNode | null = null;
  private token: Item[] = [EOF_ITEM, EOF_ITEM, EOF_ITEM];
  private peekCount = 0;
  vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  stackDepth = 0;

  constructor(
    name: string,
    readonly src: SourceInfo,
    private readonly lex: Lexer,
    private readonly hasFunction: (name: string) => boolean,
    private readonly treeSet: Map<string, Tree>,
  ) {
    this.name = name;
  }

  // --- errors ---

  errorf(msg: string): never {
    this.root = null;
    const line = this.token[0].line;
    throw new ParseAbort(
      new TemplateError({
        kind: 'parse',
        message: 'template: ' + this.src.parseName + ':' + line + ': ' + msg,
        template: this.src.parseName,
        parseName: this.src.parseName,
        line,
        col: null,
        context: null,
        inner: msg,
      }),
    );
  }

  private unexpected(item: Item, context: string): never {
    if (item.typ === ItemType.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== item.line) {
        extra = ' in action started at ' + this.src.parseName + ':' + this.actionLine;
        if (item.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(itemString(item) + extra);
    }
    this.errorf('unexpected ' + itemString(item) + ' in ' + context);
  }

  // --- token buffer ---

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === ItemType.Space);
    return token;
  }
  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }
  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }
  private expectOneOf(e1: ItemType, e2: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }

  // --- tree set ---

  /** Go's Tree.add: a non-empty redefinition within one parse is an error. */
  add(): void {
    const root = this.root as ListNode;
    const tree = this.treeSet.get(this.name);
    if (tree === undefined || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, { name: this.name, root, src: this.src });
      return;
    }
    if (!isEmptyTree(root)) this.errorf('template: multiple definition of template ' + goQuote(this.name));
  }

  private child(name: string): TreeParser {
    const t = new TreeParser(name, this.src, this.lex, this.hasFunction, this.treeSet);
    t.stackDepth = this.stackDepth;
    return t;
  }

  // --- grammar ---

  parse(): void {
    this.root = new ListNode(this.peek().pos, this.src);
    while (this.peek().typ !== ItemType.EOF) {
      if (this.peek().typ === ItemType.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === ItemType.Define) {
          const newT = this.child('definition');
          // The child reads from the shared lexer; our lookahead is consumed.
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) this.errorf('unexpected ' + n.toString());
      this.root.nodes.push(n);
    }
  }

  parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(ItemType.String, ItemType.RawString, context);
    this.name = this.unquoteOrFail(name.val);
    this.expect(ItemType.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== NodeType.End) this.errorf('unexpected ' + end.toString() + ' in ' + context);
    this.add();
  }

  private itemList(): [ListNode, Node] {
    const list = new ListNode(this.peekNonSpace().pos, this.src);
    while (this.peekNonSpace().typ !== ItemType.EOF) {
      const n = this.textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Text:
        return new TextNode(token.pos, this.src, token.val);
      case ItemType.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case ItemType.Comment:
        return new CommentNode(token.pos, this.src, token.val);
      default:
        return this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Block:
        return this.blockControl();
      case ItemType.Break:
        return this.breakControl(token.pos, token.line);
      case ItemType.Continue:
        return this.continueControl(token.pos, token.line);
      case ItemType.Else:
        return this.elseControl();
      case ItemType.End:
        return this.endControl();
      case ItemType.If:
        return this.branchControl(NodeType.If, 'if');
      case ItemType.Range:
        return this.branchControl(NodeType.Range, 'range');
      case ItemType.Template:
        return this.templateControl();
      case ItemType.With:
        return this.branchControl(NodeType.With, 'with');
    }
    this.backup();
    const t = this.peek();
    return new ActionNode(t.pos, this.src, t.line, this.pipeline('command', ItemType.RightDelim));
  }

  private breakControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return new BreakNode(pos, this.src, line);
  }

  private continueControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return new ContinueNode(pos, this.src, line);
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe = new PipeNode(token.pos, this.src, token.line);
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === ItemType.Variable) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === ItemType.Assign || next.typ === ItemType.Declare) {
          pipe.isAssign = next.typ === ItemType.Assign;
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(v.pos, this.src, [v.val]));
          this.vars.push(v.val);
        } else if (next.typ === ItemType.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(v.pos, this.src, [v.val]));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === ItemType.Variable || p === ItemType.RightDelim || p === ItemType.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf('too many declarations in ' + context);
        } else if (tokenAfterVariable.typ === ItemType.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf('missing value for ' + context);
    for (let i = 1; i < pipe.cmds.length; i++) {
      switch (pipe.cmds[i].args[0].type) {
        case NodeType.Bool:
        case NodeType.Dot:
        case NodeType.Nil:
        case NodeType.Number:
        case NodeType.String:
          this.errorf('non executable command in pipeline stage ' + (i + 1));
      }
    }
  }

  private parseControl(context: string): { pipe: PipeNode; list: ListNode; elseList: ListNode | null } {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, ItemType.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, nextNode] = this.itemList();
      let next = nextNode;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === NodeType.Else) {
        if (context === 'if' && this.peek().typ === ItemType.If) {
          this.next();
          elseList = new ListNode(next.pos, this.src);
          elseList.nodes.push(this.branchControl(NodeType.If, 'if'));
        } else if (context === 'with' && this.peek().typ === ItemType.With) {
          this.next();
          elseList = new ListNode(next.pos, this.src);
          elseList.nodes.push(this.branchControl(NodeType.With, 'with'));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== NodeType.End) this.errorf('expected end; found ' + next.toString());
        }
      }
      return { pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private branchControl(type: NodeType.If | NodeType.Range | NodeType.With, context: string): BranchNode {
    const { pipe, list, elseList } = this.parseControl(context);
    return new BranchNode(type, pipe.pos, this.src, pipe.line, pipe, list, elseList);
  }

  private endControl(): Node {
    return new EndNode(this.expect(ItemType.RightDelim, 'end').pos, this.src);
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === ItemType.If || peek.typ === ItemType.With) return new ElseNode(peek.pos, this.src, peek.line);
    const token = this.expect(ItemType.RightDelim, 'else');
    return new ElseNode(token.pos, this.src, token.line);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, ItemType.RightDelim);
    const block = this.child(name);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== NodeType.End) this.errorf('unexpected ' + end.toString() + ' in ' + context);
    block.add();
    return new TemplateNode(token.pos, this.src, token.line, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== ItemType.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    return new TemplateNode(token.pos, this.src, token.line, name, pipe);
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === ItemType.String || token.typ === ItemType.RawString) return this.unquoteOrFail(token.val);
    return this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd = new CommandNode(this.peekNonSpace().pos, this.src);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === ItemType.Space) continue;
      if (token.typ === ItemType.RightDelim || token.typ === ItemType.RightParen) this.backup();
      else if (token.typ !== ItemType.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === ItemType.Field) {
      const chain = new ChainNode(this.peek().pos, this.src, node);
      while (this.peek().typ === ItemType.Field) chain.fields.push(this.next().val.slice(1));
      switch (node.type) {
        case NodeType.Field:
          node = new FieldNode(chain.pos, this.src, [...(node as FieldNode).ident, ...chain.fields]);
          break;
        case NodeType.Variable:
          node = new VariableNode(chain.pos, this.src, [...(node as VariableNode).ident, ...chain.fields]);
          break;
        case NodeType.Bool:
        case NodeType.String:
        case NodeType.Number:
        case NodeType.Nil:
        case NodeType.Dot:
          this.errorf('unexpected . after term ' + goQuote(node.toString()));
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Identifier:
        if (!this.hasFunction(token.val)) this.errorf('function ' + goQuote(token.val) + ' not defined');
        return new IdentifierNode(token.pos, this.src, token.val);
      case ItemType.Dot:
        return new DotNode(token.pos, this.src);
      case ItemType.Nil:
        return new NilNode(token.pos, this.src);
      case ItemType.Variable:
        return this.useVar(token.pos, token.val);
      case ItemType.Field:
        return new FieldNode(token.pos, this.src, [token.val.slice(1)]);
      case ItemType.Bool:
        return new BoolNode(token.pos, this.src, token.val === 'true');
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        return this.newNumber(token.pos, token.val, token.typ);
      case ItemType.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', ItemType.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case ItemType.String:
      case ItemType.RawString:
        return new StringNode(token.pos, this.src, token.val, this.unquoteOrFail(token.val));
    }
    this.backup();
    return null;
  }

  private useVar(pos: number, name: string): Node {
    const v = new VariableNode(pos, this.src, name.split('.'));
    if (this.vars.includes(v.ident[0])) return v;
    return this.errorf('undefined variable ' + goQuote(v.ident[0]));
  }

  private unquoteOrFail(s: string): string {
    try {
      return unquote(s);
    } catch (e) {
      return this.errorf((e as Error).message);
    }
  }

  private newNumber(pos: number, text: string, typ: ItemType): NumberNode {
    const n = new NumberNode(pos, this.src, text);
    if (typ === ItemType.CharConstant) {
      let r: { value: number; tail: string };
      try {
        r = unquoteChar(text.slice(1), text.charCodeAt(0));
      } catch (e) {
        return this.errorf((e as Error).message);
      }
      if (r.tail !== "'") this.errorf('malformed character constant: ' + text);
      n.int64 = BigInt(r.value);
      n.isInt = true;
      n.uint64 = BigInt(r.value);
      n.isUint = true;
      n.float64 = r.value;
      n.isFloat = true;
      return n;
    }
    if (typ === ItemType.Complex) {
      const c = parseComplex(text);
      if (c === null) return this.errorf('expected integer');
      n.isComplex = true;
      n.complex = c;
      simplifyComplex(n);
      return n;
    }
    if (text.length > 0 && text[text.length - 1] === 'i') {
      const f = tryParseFloat(text.slice(0, -1));
      if (f !== null) {
        n.isComplex = true;
        n.complex = [0, f];
        simplifyComplex(n);
        return n;
      }
    }
    // Integer syntax first (0x123 etc.); skipped for texts no integer parse accepts, which
    // avoids two thrown errors per float literal.
    const hex = /^[+-]?0[xX]/.test(text);
    if (!(text.includes('.') || /[pP]/.test(text) || (!hex && /[eE]/.test(text)))) {
      let u = 0n;
      try {
        u = goParseUint(text, 0, 64);
        n.isUint = true;
        n.uint64 = u;
      } catch {
        // not an unsigned integer
      }
      try {
        const i = goParseInt(text, 0, 64);
        n.isInt = true;
        n.int64 = i;
        if (i === 0n) {
          n.isUint = true;
          n.uint64 = u;
        }
      } catch {
        // not a signed integer
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = tryParseFloat(text);
      if (f !== null) {
        if (!/[.eEpP]/.test(text)) this.errorf('integer overflow: ' + goQuote(text));
        n.isFloat = true;
        n.float64 = f;
        if (!n.isInt && Number.isFinite(f) && Math.trunc(f) === f && f >= -9223372036854775808 && f < 9223372036854775808) {
          n.isInt = true;
          n.int64 = BigInt(f);
        }
        if (!n.isUint && Number.isFinite(f) && Math.trunc(f) === f && f >= 0 && f < 18446744073709551616) {
          n.isUint = true;
          n.uint64 = BigInt(f);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf('illegal number syntax: ' + goQuote(text));
    return n;
  }
}

const EOF_ITEM: Item = { typ: ItemType.EOF, pos: 0, val: '', line: 0 };

function tryParseFloat(s: string): number | null {
  try {
    return goParseFloat(s, 64);
  } catch (e) {
    // ParseFloat returns ±Inf with a range error; Go's parser treats that as a failure.
    void e;
  }
  // Go's ParseFloat also accepts underscores between decimal digits (`1_0.5`).
  if (s.includes('_') && underscoreOK(s) && !/^[+-]?0[xXbBoO]/.test(s)) {
    try {
      return goParseFloat(s.replace(/_/g, ''), 64);
    } catch {
      return null;
    }
  }
  return null;
}


/** fmt.Sscan of a complex128 `re+imi` (only what the lexer lets through). */
function parseComplex(text: string): [number, number] | null {
  // Split at the last sign that is not part of an exponent.
  for (let i = text.length - 2; i > 0; i--) {
    const c = text[i];
    if ((c === '+' || c === '-') && !/[eEpP]/.test(text[i - 1])) {
      const re = tryParseFloat(text.slice(0, i));
      const im = tryParseFloat(text.slice(i, -1));
      if (re === null || im === null) return null;
      return [re, im];
    }
  }
  return null;
}

function simplifyComplex(n: NumberNode): void {
  const [re, im] = n.complex;
  if (im === 0) {
    n.isFloat = true;
    n.float64 = re;
    if (Number.isFinite(re) && Math.trunc(re) === re) {
      if (re >= -9223372036854775808 && re < 9223372036854775808) {
        n.isInt = true;
        n.int64 = BigInt(re);
      }
      if (re >= 0 && re < 18446744073709551616) {
        n.isUint = true;
        n.uint64 = BigInt(re);
      }
    }
  }
}

function goQuote(s: string): string {
  return quote(s);
}

/** Options of one parse. */
export interface ParseOptions {
  /** True when a function (or builtin) of that name exists. */
  hasFunction(name: string): boolean;
  /** Go 1.25 (helm4) line counting after multi-line comments; default true. */
  countCommentLines?: boolean;
}

/**
 * Parses `text` as template `name`. Returns every tree it defines, in definition order, the
 * text's own tree last (Go adds it after its defines). Throws TemplateError (kind 'parse').
 */
export function parse(name: string, text: string, opts: ParseOptions): Map<string, Tree> {
  const src: SourceInfo = { text, parseName: name };
  const lexer = new Lexer(text, { breakOK: !opts.hasFunction('break'), continueOK: !opts.hasFunction('continue'), countCommentLines: opts.countCommentLines ?? true });
  const treeSet = new Map<string, Tree>();
  const t = new TreeParser(name, src, lexer, (n) => opts.hasFunction(n), treeSet);
  try {
    t.parse();
    t.add();
  } catch (e) {
    if (e instanceof ParseAbort) throw e.error;
    if (e instanceof RangeError) {
      throw new TemplateError({
        kind: 'parse',
        message: 'template: ' + name + ':' + lexer.currentLine() + ': max expression depth exceeded',
        template: name,
        parseName: name,
        line: lexer.currentLine(),
        col: null,
        context: null,
        inner: 'max expression depth exceeded',
      });
    }
    throw e;
  }
  return treeSet;
}
