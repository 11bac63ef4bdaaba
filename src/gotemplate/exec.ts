/**
 * The template executor: a tree walker with text/template's semantics (exec.go), including
 * its error texts, the node each error is reported at, argument checking and conversion, and
 * the distinction between an invalid value (a missing key, nil data) and a nil `interface {}`.
 *
 * Go keeps the static type of a value next to it (reflect.Value); the one distinction that shows
 * in output is whether a value is still wrapped in an `interface {}` (an element of a
 * map[string]interface{} or []interface{}) or has been unwrapped by a pipeline. The executor
 * tracks that as a flag (`this.iface`, set by every evaluation) instead of wrapping values.
 */
import {
  NodeType,
  type ActionNode,
  type BoolNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type StringNode,
  type TemplateNode,
  type TextNode,
  type Tree,
  type VariableNode,
} from './ast.js';
import { GoError, GoPanic, TemplateError } from './errors.js';
import { formatValue, templatePrintable } from './fmt.js';
import { formatFloat } from './strconv.js';
import {
  GoFunc,
  GoInt,
  GoStruct,
  goTypeName,
  isTrue,
  methodsOf,
  nilCollectionOf,
  sortedKeys,
  typeInfoOf,
  zeroValue,
  type GoFuncSpec,
  type GoTypeInfo,
  type GoValue,
  type IntTypeName,
} from './value.js';

export type Compat = 'helm3' | 'helm4';
export type MissingKey = 'default' | 'zero' | 'error';

/** A function as the executor sees it. `builtin` marks text/template's own and/or/call. */
export interface FuncEntry {
  readonly spec: GoFuncSpec;
  readonly builtin: boolean;
}

/** Function lookup (a Map, or a layered table). */
export interface FuncLookup {
  get(name: string): FuncEntry | undefined;
  has(name: string): boolean;
}

/** What an execution needs from its template set. */
export interface ExecEnv {
  lookup(name: string): Tree | undefined;
  readonly funcs: FuncLookup;
  readonly missingKey: MissingKey;
  readonly compat: Compat;
}

/** Go's maxExecDepth. */
export const MAX_EXEC_DEPTH = 100000;

/**
 * Go allows 100000 nested {{template}} calls; a JavaScript stack holds far fewer (about 2,000
 * with Node's default stack, 20,000+ with `--stack-size=7000`). When the stack runs out, the
 * executor reports Go's own error for runaway {{template}} recursion (at the innermost
 * {{template}} node that can still build the error), and otherwise a TemplateError saying the
 * templates nest too deeply. It never lets a RangeError escape.
 *
 * The other way to exhaust the stack is a value that contains itself: `merge`/`set` into a map
 * of .Values can store a map inside itself (merge's destination may alias a values map), and
 * printing or converting it never ends. helm dies there with Go's fatal "stack overflow" and a
 * runtime trace; the message names both causes, since neither side can tell them apart cheaply.
 */
export const STACK_EXHAUSTED = 'templates nested too deeply, or a value that contains itself was printed or converted: the JavaScript stack is exhausted';

/** True for V8's / SpiderMonkey's stack overflow errors. */
export function isStackOverflow(e: unknown): boolean {
  // No regular expression here: compiling one with the stack exhausted aborts V8.
  return e instanceof RangeError && (e.message.includes('call stack') || e.message.includes('too much recursion'));
}

const MISSING: unique symbol = Symbol('missing');
type Final = GoValue | typeof MISSING;

const BREAK = { walk: 'break' };
const CONTINUE = { walk: 'continue' };

const RV = 'reflect.Value';
const IFACE = 'interface {}';

/** Thrown inside the walker; turned into a TemplateError at the execute boundary. */
interface Variable {
  name: string;
  value: GoValue;
  iface: boolean;
}

/**
 * Nesting across re-entrant executions (include calls execute from inside a function). An
 * object so that callers can count inline: near stack exhaustion even a call in a `finally`
 * can fail, and a missed decrement would corrupt the count.
 */
export const execNesting = { depth: 0 };

const INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64']);
const UINT_TYPES = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

/** The state of one execution (Go's `state`). */
export class Executor {
  out = '';
  node: Node | null = null;
  vars: Variable[];
  dot: GoValue;
  dotIface = false;
  /** Whether the value last returned by an evaluation is a (possibly nil) interface {}. */
  iface = false;
  /**
   * Whether the value of the last command is addressable in Go (a field of a struct reached
   * through a pointer): printing it may use a String method with a pointer receiver.
   */
  addr = false;
  depth = 0;

  constructor(
    private readonly env: ExecEnv,
    private tmplName: string,
    data: GoValue,
  ) {
    this.vars = [{ name: '$', value: data, iface: false }];
    this.dot = data;
  }

  // --- errors ---

  errorf(msg: string, funcName?: string, cause?: unknown): never {
    const node = this.node;
    if (node === null) {
      throw new TemplateError({
        kind: 'exec',
        message: 'template: ' + this.tmplName + ': ' + msg,
        template: this.tmplName,
        parseName: null,
        line: null,
        col: null,
        context: null,
        inner: msg,
        ...(funcName !== undefined ? { funcName, cause } : {}),
      });
    }
    const { line, col } = lineCol(node.src.text, node.pos);
    const context = node.toString();
    const location = node.src.parseName + ':' + line + ':' + col;
    throw new TemplateError({
      kind: 'exec',
      message: 'template: ' + location + ': executing ' + quoteName(this.tmplName) + ' at <' + context + '>: ' + msg,
      template: this.tmplName,
      parseName: node.src.parseName,
      line,
      col,
      context,
      inner: msg,
      ...(funcName !== undefined ? { funcName, cause } : {}),
    });
  }

  // --- variables ---

  private push(name: string, value: GoValue, iface: boolean): void {
    this.vars.push({ name, value, iface });
  }

  private setVar(name: string, value: GoValue, iface = false): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        this.vars[i].iface = iface;
        return;
      }
    }
    this.errorf('undefined variable: ' + name);
  }

  private setTopVar(n: number, value: GoValue, iface: boolean): void {
    const v = this.vars[this.vars.length - n];
    v.value = value;
    v.iface = iface;
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.iface = this.vars[i].iface;
        return this.vars[i].value;
      }
    }
    return this.errorf('undefined variable: ' + name);
  }

  // --- walking ---

  /**
   * Walks a list. This is the hot recursive path, so it dispatches directly to small
   * functions (deep {{template}}/include recursion must fit in a JavaScript stack).
   */
  walkList(list: ListNode): void {
    const nodes = list.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      switch (n.type) {
        case NodeType.Text:
          this.out += (n as TextNode).text;
          break;
        case NodeType.Action: {
          const val = this.evalPipeline((n as ActionNode).pipe);
          if ((n as ActionNode).pipe.decl.length === 0) this.printValue(n, val);
          break;
        }
        case NodeType.If: {
          // Inlined (not walkIfOrWith): one stack frame less per nested if.
          const b = n as BranchNode;
          const mark = this.vars.length;
          if (truth(this.evalPipeline(b.pipe))) this.walkList(b.list);
          else if (b.elseList !== null) this.walkList(b.elseList);
          this.vars.length = mark;
          break;
        }
        case NodeType.With:
          this.walkIfOrWith(n as BranchNode);
          break;
        case NodeType.Range:
          this.walkRange(n as BranchNode);
          break;
        case NodeType.Template:
          this.walkTemplate(n as TemplateNode);
          break;
        case NodeType.Break:
          throw BREAK;
        case NodeType.Continue:
          throw CONTINUE;
        case NodeType.Comment:
          break;
        default:
          this.errorf('unknown node: ' + n.toString());
      }
    }
  }

  private walkIfOrWith(b: BranchNode): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(b.pipe);
    if (truth(val)) {
      if (b.type === NodeType.With) {
        const saveDot = this.dot;
        const saveIface = this.dotIface;
        this.dot = val;
        this.dotIface = false;
        this.walkList(b.list);
        this.dot = saveDot;
        this.dotIface = saveIface;
      } else this.walkList(b.list);
    } else if (b.elseList !== null) this.walkList(b.elseList);
    this.vars.length = mark;
  }

  private walkRange(r: BranchNode): void {
    this.node = r;
    const outerMark = this.vars.length;
    const val = this.evalPipeline(r.pipe);
    const mark = this.vars.length;
    const decl = r.pipe.decl;
    const saveDot = this.dot;
    const saveIface = this.dotIface;
    const oneIteration = (index: GoValue, elem: GoValue, elemIface: boolean): void => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) {
          if (decl.length > 1) this.setVar(decl[0].ident[0], index);
          else this.setVar(decl[0].ident[0], elem, elemIface);
        } else this.setTopVar(1, elem, elemIface);
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, elemIface);
        else this.setTopVar(2, index, false);
      }
      this.dot = elem;
      this.dotIface = elemIface;
      try {
        this.walkList(r.list);
      } catch (e) {
        if (e !== CONTINUE) throw e;
      } finally {
        this.vars.length = mark;
      }
    };
    let ran = false;
    try {
      if (Array.isArray(val)) {
        if (val.length > 0) {
          const elemIface = typeInfoOf(val).elem === IFACE;
          const wantIndex = decl.length > 1;
          for (let i = 0; i < val.length; i++) oneIteration(wantIndex ? new GoInt('int', BigInt(i)) : null, val[i], elemIface);
          ran = true;
        }
      } else if (val instanceof Map) {
        if (val.size > 0) {
          const elemIface = typeInfoOf(val).elem === IFACE;
          for (const k of sortedKeys(val)) oneIteration(k, val.get(k) as GoValue, elemIface);
          ran = true;
        }
      } else if (val instanceof Uint8Array) {
        if (val.length > 0) {
          for (let i = 0; i < val.length; i++) oneIteration(new GoInt('int', BigInt(i)), new GoInt('uint8', BigInt(val[i])), false);
          ran = true;
        }
      } else if (val instanceof GoInt && this.env.compat !== 'helm3') {
        if (decl.length > 1) this.errorf("can't use " + formatValue(val) + ' to iterate over more than one variable');
        const n = val.value;
        if (n > 0n) {
          for (let i = 0n; i < n; i++) {
            const v = new GoInt(val.type, i);
            oneIteration(v, v, false);
          }
          ran = true;
        }
      } else if (val !== null) {
        this.errorf("range can't iterate over " + formatValue(val));
      }
    } catch (e) {
      if (e !== BREAK) throw e;
      ran = true;
    } finally {
      this.dot = saveDot;
      this.dotIface = saveIface;
    }
    if (!ran && r.elseList !== null) this.walkList(r.elseList);
    this.vars.length = outerMark;
  }

  private walkTemplate(t: TemplateNode): void {
    this.node = t;
    const tree = this.env.lookup(t.name);
    if (tree === undefined) this.errorf('template ' + quoteName(t.name) + ' not defined');
    if (this.depth === MAX_EXEC_DEPTH) this.errorf('exceeded maximum template depth (' + MAX_EXEC_DEPTH + ')');
    const dot = t.pipe === null ? null : this.evalPipeline(t.pipe);
    const saveVars = this.vars;
    const saveName = this.tmplName;
    const saveDot = this.dot;
    const saveIface = this.dotIface;
    this.vars = [{ name: '$', value: dot, iface: false }];
    this.tmplName = tree.name;
    this.dot = dot;
    this.dotIface = false;
    this.depth++;
    execNesting.depth++;
    try {
      this.walkList(tree.root);
    } catch (e) {
      // Runaway {{template}} recursion: report Go's error at the recursing node.
      if (isStackOverflow(e) && this.depth > 50) {
        this.node = t;
        this.tmplName = saveName;
        this.errorf('exceeded maximum template depth (' + MAX_EXEC_DEPTH + ')');
      }
      throw e;
    } finally {
      execNesting.depth--;
      this.depth--;
      this.vars = saveVars;
      this.tmplName = saveName;
      this.dot = saveDot;
      this.dotIface = saveIface;
    }
  }

  private printValue(n: Node, v: GoValue): void {
    this.node = n;
    if (v === null) {
      this.out += '<no value>';
      return;
    }
    if (typeof v === 'string') {
      this.out += v;
      return;
    }
    if (v instanceof GoFunc) this.errorf("can't print " + n.toString() + ' of type ' + goTypeName(v));
    if (v instanceof GoStruct) {
      const p = templatePrintable(v, this.addr);
      if (p === null) {
        this.out += '<no value>';
        return;
      }
      this.out += typeof p === 'string' ? p : formatValue(p);
      return;
    }
    this.out += formatValue(v);
  }

  // --- evaluation ---

  evalPipeline(pipe: PipeNode): GoValue {
    this.node = pipe;
    let value: Final = MISSING;
    const cmds = pipe.cmds;
    if (cmds.length === 1 && cmds[0].args[0].type === NodeType.Identifier) {
      // A lone function call (`{{ include "x" . }}`): one stack frame less on the recursive path.
      const cmd = cmds[0];
      const ident = cmd.args[0] as IdentifierNode;
      this.addr = false;
      this.node = ident;
      const entry = this.lookupFunc(ident.ident);
      value = this.evalCall(entry.spec, entry.builtin, cmd, ident.ident, cmd.args, MISSING);
    } else for (let i = 0; i < cmds.length; i++) value = this.evalCommand(cmds[i], value);
    this.iface = false;
    const v = value as GoValue;
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) this.setVar(decl[i].ident[0], v);
      else this.push(decl[i].ident[0], v, false);
    }
    this.iface = false;
    return v;
  }

  private notAFunction(args: readonly Node[] | null, final: Final): void {
    if (args !== null && (args.length > 1 || final !== MISSING)) this.errorf("can't give argument to non-function " + args[0].toString());
  }

  private evalCommand(cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0];
    this.addr = false;
    switch (first.type) {
      case NodeType.Field:
        return this.evalFieldNode(first as FieldNode, cmd.args, final);
      case NodeType.Chain:
        return this.evalChainNode(first as ChainNode, cmd.args, final);
      case NodeType.Identifier: {
        this.node = first;
        const entry = this.lookupFunc((first as IdentifierNode).ident);
        return this.evalCall(entry.spec, entry.builtin, cmd, (first as IdentifierNode).ident, cmd.args, final);
      }
      case NodeType.Pipe:
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(first as PipeNode);
      case NodeType.Variable:
        return this.evalVariableNode(first as VariableNode, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    this.iface = false;
    switch (first.type) {
      case NodeType.Bool:
        return (first as BoolNode).value;
      case NodeType.Dot:
        this.iface = this.dotIface;
        return this.dot;
      case NodeType.Nil:
        return this.errorf('nil is not a command');
      case NodeType.Number:
        return this.idealConstant(first as NumberNode);
      case NodeType.String:
        return (first as StringNode).text;
    }
    return this.errorf("can't evaluate command " + quoteName(first.toString()));
  }

  private idealConstant(c: NumberNode): GoValue {
    this.node = c;
    this.iface = false;
    if (c.isComplex) return complex128(c.complex[0], c.complex[1]);
    if (c.isFloat && !isHexInt(c.text) && !isRuneInt(c.text) && /[.eEpP]/.test(c.text)) return c.float64;
    if (c.isInt) return new GoInt('int', c.int64);
    if (c.isUint) return this.errorf(c.text + ' overflows int');
    return null;
  }

  private evalFieldNode(field: FieldNode, args: readonly Node[] | null, final: Final): GoValue {
    this.node = field;
    return this.evalFieldChain(this.dot, this.dotIface, field, field.ident, args, final);
  }

  private evalChainNode(chain: ChainNode, args: readonly Node[] | null, final: Final): GoValue {
    this.node = chain;
    if (chain.fields.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === NodeType.Nil) this.errorf('indirection through explicit nil in ' + chain.toString());
    const pipe = this.evalArg(null, chain.node);
    return this.evalFieldChain(pipe, this.iface, chain, chain.fields, args, final);
  }

  private evalVariableNode(v: VariableNode, args: readonly Node[] | null, final: Final): GoValue {
    this.node = v;
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, this.iface, v, v.ident, args, final, 1);
  }

  private evalFieldChain(receiver: GoValue, recvIface: boolean, node: Node, ident: readonly string[], args: readonly Node[] | null, final: Final, from = 0): GoValue {
    const n = ident.length;
    for (let i = from; i < n - 1; i++) {
      receiver = this.evalField(ident[i], node, null, MISSING, receiver, recvIface);
      recvIface = this.iface;
    }
    return this.evalField(ident[n - 1], node, args, final, receiver, recvIface);
  }

  private evalField(fieldName: string, node: Node, args: readonly Node[] | null, final: Final, receiver: GoValue, recvIface: boolean): GoValue {
    if (receiver === null) {
      if (!recvIface) {
        if (this.env.missingKey === 'error') this.errorf('nil data; no entry for key ' + quoteName(fieldName));
        this.iface = false;
        return null;
      }
      this.errorf('nil pointer evaluating interface {}.' + fieldName);
    }
    if (!(receiver instanceof GoStruct)) this.addr = false;
    const methods = methodsOf(receiver);
    if (methods !== undefined) {
      const m = methods.get(fieldName);
      if (m !== undefined) return this.evalCall(m, false, node, fieldName, args, final, receiver);
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof Map) {
      if (hasArgs) this.errorf(fieldName + ' is not a method but has arguments');
      const result = receiver.get(fieldName);
      const info = typeInfoOf(receiver);
      if (result === undefined) {
        switch (this.env.missingKey) {
          case 'default':
            this.iface = false;
            return null;
          case 'zero':
            return this.zeroOf(info.elem ?? IFACE);
          case 'error':
            this.errorf('map has no entry for key ' + quoteName(fieldName));
        }
      }
      this.iface = info.elem === IFACE;
      return result as GoValue;
    }
    if (receiver instanceof GoStruct) {
      if (receiver.fields.has(fieldName)) {
        if (hasArgs) this.errorf(fieldName + ' has arguments but cannot be invoked as function');
        const v = receiver.fields.get(fieldName) as GoValue;
        this.iface = v === null;
        this.addr = receiver.pointer || this.addr;
        return v;
      }
    }
    return this.errorf("can't evaluate field " + fieldName + ' in type ' + (recvIface ? IFACE : goTypeName(receiver)));
  }

  private zeroOf(type: string): GoValue {
    const z = zeroValue(type);
    // nil here is interface {}'s zero (or that of a type the model has no zero for).
    this.iface = z === null;
    return z;
  }

  private lookupFunc(name: string): FuncEntry {
    const entry = this.env.funcs.get(name);
    if (entry === undefined) return this.errorf(quoteName(name) + ' is not a defined function');
    return entry;
  }

  private evalFunction(node: IdentifierNode, cmd: Node, args: readonly Node[] | null, final: Final): GoValue {
    this.node = node;
    const entry = this.lookupFunc(node.ident);
    return this.evalCall(entry.spec, entry.builtin, cmd, node.ident, args, final);
  }

  /**
   * Calls a function or method (`receiver` set: the method's receiver, passed to `fn` first).
   * `args` is the whole command (its first element is the function's own node).
   */
  private evalCall(spec: GoFuncSpec, isBuiltin: boolean, node: Node, name: string, args: readonly Node[] | null, final: Final, receiver?: GoValue): GoValue {
    if (isBuiltin && (name === 'and' || name === 'or')) return this.evalAndOr(spec, name, args, final);
    const argv = this.buildArgs(spec, name, args, final, receiver);
    // Go's len of an invalid value (not a nil interface {}, which the builtin reports itself).
    if (isBuiltin && name === 'len' && argv.length === 1 && argv[0] === null && !this.iface) return this.callFailed(new GoError('reflect: call of reflect.Value.Type on zero Value'), node, name);
    // Go 1.23 reads the callee's name from an empty argument list: a runtime panic.
    if (isBuiltin && name === 'call' && (args === null || args.length === 1) && this.env.compat === 'helm3') throw new GoPanic('runtime error: index out of range [0] with length 0');
    let result: GoValue;
    try {
      if (isBuiltin && name === 'call') {
        const calleeName = args === null || args.length === 1 ? formatValue(final as GoValue) : args[1].toString();
        result = callBuiltin(calleeName, argv[0], argv.slice(1));
      } else {
        const fn = spec.fn;
        switch (argv.length) {
          case 0:
            result = fn();
            break;
          case 1:
            result = fn(argv[0]);
            break;
          case 2:
            result = fn(argv[0], argv[1]);
            break;
          case 3:
            result = fn(argv[0], argv[1], argv[2]);
            break;
          default:
            result = fn(...argv);
        }
      }
    } catch (e) {
      return this.callFailed(e, node, name);
    }
    this.iface = result !== undefined && spec.results !== undefined && spec.results[0] === IFACE;
    return result === undefined ? null : result;
  }

  private callFailed(e: unknown, node: Node, name: string): never {
    if (isStackOverflow(e)) throw e;
    if (e === BREAK || e === CONTINUE) throw e;
    this.node = node;
    const msg = e instanceof Error ? e.message : String(e);
    return this.errorf('error calling ' + name + ': ' + msg, name, e);
  }

  /** Checks the argument count and evaluates the arguments (the receiver first for methods). */
  private buildArgs(spec: GoFuncSpec, name: string, args: readonly Node[] | null, final: Final, receiver: GoValue | undefined): GoValue[] {
    const nargs = args === null ? 0 : args.length - 1;
    const params = spec.params;
    const numParams = params.length;
    const hasFinal = final !== MISSING;
    const numIn = nargs + (hasFinal ? 1 : 0);
    let numFixed = nargs;
    if (spec.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed) this.errorf('wrong number of args for ' + name + ': want at least ' + (numParams - 1) + ' got ' + nargs);
    } else if (numIn !== numParams) {
      this.errorf('wrong number of args for ' + name + ': want ' + numParams + ' got ' + numIn);
    }
    const off = receiver === undefined ? 0 : 1;
    const argv: GoValue[] = new Array<GoValue>(numIn + off);
    if (off === 1) argv[0] = receiver as GoValue;
    let i = 0;
    for (; i < numFixed && i < nargs; i++) argv[i + off] = this.evalArg(params[i], (args as readonly Node[])[i + 1]);
    if (spec.variadic) {
      const argType = params[numParams - 1];
      for (; i < nargs; i++) argv[i + off] = this.evalArg(argType, (args as readonly Node[])[i + 1]);
    }
    if (hasFinal) {
      let t = params[numParams - 1];
      if (spec.variadic && numIn - 1 < numFixed) t = params[numIn - 1];
      argv[i + off] = this.validateType(final as GoValue, false, t);
    }
    return argv;
  }

  /** The builtin and/or: short-circuit, the deciding operand is the result. */
  private evalAndOr(spec: GoFuncSpec, name: string, args: readonly Node[] | null, final: Final): GoValue {
    const nargs = args === null ? 0 : args.length - 1;
    if (nargs + (final !== MISSING ? 1 : 0) < 1) this.errorf('wrong number of args for ' + name + ': want at least ' + (spec.params.length - 1) + ' got ' + nargs);
    const isOr = name === 'or';
    let v: GoValue = null;
    let vIface = false;
    for (let i = 1; i <= nargs; i++) {
      v = this.evalArg(RV, (args as readonly Node[])[i]);
      vIface = this.iface;
      if (isTrue(v) === isOr) {
        this.iface = vIface;
        return v;
      }
    }
    if (final !== MISSING) {
      v = this.validateType(final, false, RV);
      vIface = false;
    }
    this.iface = vIface;
    return v;
  }

  /** Go's evalArg: evaluates an argument node for a parameter of type `typ` (null: no type). */
  private evalArg(typ: string | null, n: Node): GoValue {
    this.node = n;
    switch (n.type) {
      case NodeType.Dot:
        return this.validateType(this.dot, this.dotIface, typ);
      case NodeType.Nil:
        if (typ === null || canBeNil(typ)) {
          this.iface = typ === IFACE;
          return this.nilOf(typ);
        }
        return this.errorf('cannot assign nil to ' + typ);
      case NodeType.Field: {
        const v = this.evalFieldNode(n as FieldNode, null, MISSING);
        return this.validateType(v, this.iface, typ);
      }
      case NodeType.Variable: {
        const v = this.evalVariableNode(n as VariableNode, null, MISSING);
        return this.validateType(v, this.iface, typ);
      }
      case NodeType.Pipe: {
        const v = this.evalPipeline(n as PipeNode);
        return this.validateType(v, false, typ);
      }
      case NodeType.Identifier: {
        const v = this.evalFunction(n as IdentifierNode, n, null, MISSING);
        return this.validateType(v, this.iface, typ);
      }
      case NodeType.Chain: {
        const v = this.evalChainNode(n as ChainNode, null, MISSING);
        return this.validateType(v, this.iface, typ);
      }
    }
    this.iface = false;
    if (typ === null || typ === IFACE || typ === RV) {
      switch (n.type) {
        case NodeType.Bool:
          return (n as BoolNode).value;
        case NodeType.Number:
          return this.idealConstant(n as NumberNode);
        case NodeType.String:
          return (n as StringNode).text;
      }
      return this.errorf("can't handle assignment of " + n.toString() + ' to empty interface argument');
    }
    switch (typ) {
      case 'bool':
        if (n.type === NodeType.Bool) return (n as BoolNode).value;
        return this.errorf('expected bool; found ' + n.toString());
      case 'string':
        if (n.type === NodeType.String) return (n as StringNode).text;
        return this.errorf('expected string; found ' + n.toString());
      case 'float64':
      case 'float32':
        if (n.type === NodeType.Number && (n as NumberNode).isFloat) return (n as NumberNode).float64;
        return this.errorf('expected float; found ' + n.toString());
    }
    if (INT_TYPES.has(typ)) {
      if (n.type === NodeType.Number && (n as NumberNode).isInt) return new GoInt(typ as IntTypeName, (n as NumberNode).int64);
      return this.errorf('expected integer; found ' + n.toString());
    }
    if (UINT_TYPES.has(typ)) {
      if (n.type === NodeType.Number && (n as NumberNode).isUint) return new GoInt(typ as IntTypeName, (n as NumberNode).uint64);
      return this.errorf('expected unsigned integer; found ' + n.toString());
    }
    return this.errorf("can't handle " + n.toString() + ' for arg of type ' + typ);
  }

  /** A nil of a nil-able type (nil slices and maps are marked empty ones, see nilCollection). */
  private nilOf(typ: string | null): GoValue {
    if (typ === null || typ === IFACE || typ === RV) return null;
    return nilCollectionOf(typ) ?? null;
  }

  /** Go's validateType: checks (and for nil, converts) a value for a parameter type. */
  private validateType(value: GoValue, iface: boolean, typ: string | null): GoValue {
    if (typ === null) {
      this.iface = iface;
      return value;
    }
    this.iface = false;
    if (value === null && !iface) {
      if (canBeNil(typ)) {
        this.iface = typ === IFACE;
        return this.nilOf(typ);
      }
      return this.errorf('invalid value; expected ' + typ);
    }
    if (typ === RV || typ === IFACE) {
      this.iface = iface;
      return value;
    }
    if (value === null) return this.errorf('wrong type for value; expected ' + typ + '; got ' + IFACE);
    if (!assignable(value, typ)) this.errorf('wrong type for value; expected ' + typ + '; got ' + goTypeName(value));
    return value;
  }
}

function canBeNil(typ: string): boolean {
  return typ === IFACE || typ === RV || typ.startsWith('[]') || typ.startsWith('map[') || typ.startsWith('*') || typ.startsWith('func') || typ.startsWith('chan ');
}

/** Go assignability of a (non-nil) value to a parameter type. */
function assignable(v: GoValue, typ: string): boolean {
  switch (typeof v) {
    case 'string':
      return typ === 'string';
    case 'number':
      return typ === 'float64';
    case 'boolean':
      return typ === 'bool';
  }
  if (v instanceof GoInt) return v.type === typ;
  if (Array.isArray(v) || v instanceof Map) {
    const info = typeInfoOf(v);
    if (info.name === typ) return true;
    // A named type is assignable to its unnamed underlying type.
    return !isUnnamed(info.name) && underlying(info) === typ;
  }
  if (v instanceof Uint8Array) return typ === '[]uint8' || typ === '[]byte';
  return goTypeName(v) === typ;
}

function isUnnamed(name: string): boolean {
  return name.startsWith('[]') || name.startsWith('map[') || name.startsWith('*') || name.startsWith('func');
}

function underlying(info: GoTypeInfo): string {
  if (info.kind === 'map') return 'map[string]' + (info.elem ?? IFACE);
  if (info.kind === 'slice') return '[]' + (info.elem ?? IFACE);
  return info.name;
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

function isRuneInt(s: string): boolean {
  return s.length > 0 && s[0] === "'";
}

const COMPLEX128: GoTypeInfo = {
  name: 'complex128',
  kind: 'complex128',
  methods: new Map<string, GoFuncSpec>([['String', { name: 'String', params: [], results: ['string'], fn: (c) => formatComplex(c as GoStruct) }]]),
};

/**
 * A complex128 constant. The value model has no complex type; it is held as a struct of type
 * complex128 whose String method prints Go's `%v` form, `(1+2i)`.
 */
export function complex128(re: number, im: number): GoStruct {
  return new GoStruct(COMPLEX128, new Map<string, GoValue>([['real', re], ['imag', im]]));
}

function formatComplex(c: GoStruct): string {
  const re = c.fields.get('real') as number;
  const im = c.fields.get('imag') as number;
  let ims = formatFloat(im, 'g', -1, 64);
  if (!(ims.startsWith('-') || ims.startsWith('+'))) ims = '+' + ims;
  return '(' + formatFloat(re, 'g', -1, 64) + ims + 'i)';
}

/** isTrue, with complex constants (held as structs) true when non-zero. */
function truth(v: GoValue): boolean {
  if (v instanceof GoStruct && v.type === COMPLEX128) return v.fields.get('real') !== 0 || v.fields.get('imag') !== 0;
  return isTrue(v);
}

/** Go's builtin `call`. */
function callBuiltin(name: string, fn: GoValue, args: GoValue[]): GoValue {
  if (fn === null) throw new GoError('call of nil');
  if (!(fn instanceof GoFunc)) throw new GoError('non-function ' + name + ' of type ' + goTypeName(fn));
  const spec = fn.spec;
  const numIn = spec.params.length;
  if (spec.variadic) {
    if (args.length < numIn - 1) throw new GoError('wrong number of args for ' + name + ': got ' + args.length + ' want at least ' + (numIn - 1));
  } else if (args.length !== numIn) {
    throw new GoError('wrong number of args for ' + name + ': got ' + args.length + ' want ' + numIn);
  }
  for (let i = 0; i < args.length; i++) {
    const argType = !spec.variadic || i < numIn - 1 ? spec.params[i] : spec.params[numIn - 1];
    const a = args[i];
    if (a === null) {
      if (!canBeNil(argType)) throw new GoError('arg ' + i + ': value is nil; should be of type ' + argType);
      continue;
    }
    if (argType === IFACE || argType === RV || assignable(a, argType)) continue;
    if (a instanceof GoInt && (INT_TYPES.has(argType) || UINT_TYPES.has(argType))) {
      args[i] = new GoInt(argType as IntTypeName, a.value);
      continue;
    }
    throw new GoError('arg ' + i + ': value has type ' + goTypeName(a) + '; should be ' + argType);
  }
  return spec.fn(...args);
}

/** Go's %q of a name (strconv.Quote); names are almost always plain ASCII. */
function quoteName(s: string): string {
  return quoteFn(s);
}

import { quote as quoteFn } from './strconv.js';

/** Go's ErrorContext location: 1-based line and the byte offset of `pos` within its line. */
export function lineCol(text: string, pos: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: utf8Length(text, lineStart, pos) };
}

function utf8Length(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1; // an escaped raw byte
    else n += 3;
  }
  return n;
}

/** What to throw when an execution fails with `e` (call before decrementing execNesting). */
export function executionFailed(e: unknown, name: string): unknown {
  if (e === BREAK || e === CONTINUE) return new Error('internal error: break/continue outside range');
  if (isStackOverflow(e) && execNesting.depth === 1) {
    return new TemplateError({
      kind: 'exec',
      message: 'template: ' + name + ': ' + STACK_EXHAUSTED,
      template: name,
      parseName: null,
      line: null,
      col: null,
      context: null,
      inner: STACK_EXHAUSTED,
    });
  }
  return e;
}
