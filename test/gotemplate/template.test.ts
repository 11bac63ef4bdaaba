/**
 * The TemplateSet API and the executor behaviours that helm's fixed settings cannot show:
 * missingkey modes, define replacement across parses, clone/addFuncs, re-entrant execution,
 * methods, error parts, runaway recursion, and the helm3/helm4 differences.
 */
import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../../src/gotemplate/template.js';
import { GoError, GoPanic, TemplateError } from '../../src/gotemplate/errors.js';
import { GoStruct, int, withType, type GoFuncSpec, type GoInt, type GoValue } from '../../src/gotemplate/value.js';
import { run, toGo } from './helpers.js';

function catchErr(f: () => unknown): TemplateError {
  try {
    f();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('missingkey', () => {
  const vals = { m: { k: 'v' } };
  it('default: a missing key is an invalid value; fields of it are invalid too', () => {
    expect(run('{{ .Values.nope }}|{{ .Values.nope.x }}', vals, { missingKey: 'default' })).toBe('<no value>|<no value>');
  });
  it('zero: a missing key is a nil interface {}, whose fields are a nil pointer error', () => {
    expect(run('{{ .Values.nope }}', vals, { missingKey: 'zero' })).toBe('<no value>');
    expect(run('{{ .Values.nope.x }}', vals, { missingKey: 'zero' })).toBe('ERR: template: t:1:10: executing "t" at <.Values.nope.x>: nil pointer evaluating interface {}.x');
  });
  it('error: a missing key is an error; so is a field of nil data', () => {
    expect(run('{{ .Values.nope }}', vals, { missingKey: 'error' })).toBe('ERR: template: t:1:10: executing "t" at <.Values.nope>: map has no entry for key "nope"');
    expect(run('{{ $x := .Values.m.k }}{{ $y := index .Values "q" }}{{ $y.z }}', vals, { missingKey: 'error', funcs: [] })).toMatch(/nil data; no entry for key "z"$/);
  });
  it('zero of a typed map is the element zero value', () => {
    const set = new TemplateSet({ missingKey: 'zero' });
    set.parse('t', '[{{ .nope }}]');
    expect(set.execute('t', withType(new Map(), { name: 'map[string]string', kind: 'map', elem: 'string' }))).toBe('[]');
  });
});

describe('define and the template set', () => {
  it('a later parse replaces a define; an empty define does not replace a non-empty one', () => {
    const set = new TemplateSet();
    set.parse('a', '{{ define "x" }}A{{ end }}');
    set.parse('b', '{{ define "x" }}B{{ end }}');
    set.parse('c', '{{ define "x" }} {{/* nothing */}} {{ end }}');
    set.parse('t', '{{ template "x" }}');
    expect(set.execute('t', null)).toBe('B');
  });
  it('two non-empty definitions in one parse are a parse error', () => {
    const set = new TemplateSet();
    expect(() => set.parse('t', '{{ define "x" }}A{{ end }}{{ define "x" }}B{{ end }}')).toThrow('template: t:1: template: multiple definition of template "x"');
  });
  it('has, names and executing an unknown name', () => {
    const set = new TemplateSet({ rootName: 'gotpl' });
    set.parse('f', '{{ define "d" }}{{ end }}x');
    expect(set.has('f') && set.has('d') && !set.has('nope')).toBe(true);
    expect(set.names().sort()).toEqual(['d', 'f']);
    expect(() => set.execute('nope', null)).toThrow('template: no template "nope" associated with template "gotpl"');
  });
  it('{{template}} of an undefined name is an execution error', () => {
    expect(run('{{ template "nope" }}')).toBe('ERR: template: t:1:12: executing "t" at <{{template "nope"}}>: template "nope" not defined');
  });
  it('a clone shares nothing mutable', () => {
    const set = new TemplateSet();
    set.parse('t', '{{ define "x" }}orig{{ end }}{{ template "x" }}');
    const c = set.clone();
    c.parse('other', '{{ define "x" }}changed{{ end }}');
    c.addFuncs(new Map([['f', { name: 'f', params: [], results: ['string'], fn: () => 'F' }]]));
    expect(c.execute('t', null)).toBe('changed');
    expect(set.execute('t', null)).toBe('orig');
    expect(() => set.parse('u', '{{ f }}')).toThrow('function "f" not defined');
  });
  it('a clone is a snapshot: later parses into the original do not leak into it', () => {
    const set = new TemplateSet();
    set.parse('t', '{{ define "x" }}orig{{ end }}{{ template "x" }}');
    const c1 = set.clone();
    const c2 = set.clone();
    set.parse('later', '{{ define "x" }}later{{ end }}');
    c2.parse('mine', '{{ define "x" }}c2{{ end }}');
    expect([set.execute('t', null), c1.execute('t', null), c2.execute('t', null)]).toEqual(['later', 'orig', 'c2']);
    expect(c1.has('later')).toBe(false);
    expect(c2.clone().execute('t', null)).toBe('c2');
  });
  it('functions override builtins of the same name and are then not short-circuiting', () => {
    const calls: string[] = [];
    const myAnd: GoFuncSpec = { name: 'and', params: ['interface {}', 'interface {}'], results: ['string'], fn: (a, b) => (calls.push('and'), `${(a as GoInt).value}&${(b as GoInt).value}`) };
    const set = new TemplateSet({ funcs: new Map([['and', myAnd]]) });
    set.parse('t', '{{ and 0 1 }}');
    expect(set.execute('t', null)).toBe('0&1');
    expect(calls).toEqual(['and']);
  });
});

describe('re-entrant execution (include)', () => {
  function withInclude(): TemplateSet {
    const set = new TemplateSet({ missingKey: 'zero' });
    const include: GoFuncSpec = { name: 'include', params: ['string', 'interface {}'], results: ['string'], returnsError: true, fn: (n, d) => set.execute(n as string, d) };
    set.addFuncs(new Map([['include', include]]));
    return set;
  }
  it('a function may execute templates of its own set', () => {
    const set = withInclude();
    set.parse('f', '{{ define "inner" }}<{{ . }}>{{ end }}[{{ include "inner" 3 | print }}]');
    expect(set.execute('f', null)).toBe('[<3>]');
  });
  it('an error inside an included template is wrapped, with the nested error as cause', () => {
    const set = withInclude();
    set.parse('f', '{{ define "inner" }}{{ .x.y }}{{ end }}{{ include "inner" 1 }}');
    const e = catchErr(() => set.execute('f', null));
    expect(e.message).toBe('template: f:1:42: executing "f" at <include "inner" 1>: error calling include: template: f:1:25: executing "inner" at <.x.y>: can\'t evaluate field x in type int');
    expect(e.funcName).toBe('include');
    expect(e.cause).toBeInstanceOf(TemplateError);
    expect((e.cause as TemplateError).template).toBe('inner');
  });
  it('runaway recursion through a function is a TemplateError, never a RangeError', () => {
    const set = withInclude();
    set.parse('f', '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}');
    const e = catchErr(() => set.execute('f', null));
    expect(e.message).toContain('templates nested too deeply');
  });
  it('runaway {{template}} recursion gives Go\'s error at the recursing node', () => {
    const set = new TemplateSet();
    set.parse('f', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}');
    const e = catchErr(() => set.execute('f', null));
    expect(e.message).toBe('template: f:1:28: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)');
  });
});

describe('error parts', () => {
  it('exec errors carry location, context and inner message; columns count bytes', () => {
    const set = new TemplateSet({ missingKey: 'zero' });
    set.parse('file.yaml', 'é\nab€ {{ .Values.a.b }}');
    const e = catchErr(() => set.execute('file.yaml', new Map([['Values', toGo({ a: 1 })]])));
    expect(e.kind).toBe('exec');
    expect([e.template, e.parseName, e.line, e.col, e.context]).toEqual(['file.yaml', 'file.yaml', 2, 16, '.Values.a.b']);
    expect(e.inner).toBe("can't evaluate field b in type interface {}");
    expect(e.location).toBe('file.yaml:2:16');
    expect(e.message).toBe(`template: file.yaml:2:16: executing "file.yaml" at <.Values.a.b>: ${e.inner}`);
  });
  it('an error inside a define names the define as template and the file as location', () => {
    const set = new TemplateSet();
    set.parse('_helpers.tpl', '\n{{ define "h" }}{{ .x }}{{ end }}');
    set.parse('t.yaml', '{{ template "h" 1 }}');
    const e = catchErr(() => set.execute('t.yaml', null));
    expect([e.template, e.parseName, e.line, e.col]).toEqual(['h', '_helpers.tpl', 2, 19]);
  });
  it('parse errors carry the name and line', () => {
    const e = catchErr(() => new TemplateSet().parse('p.yaml', 'a\n{{ if }}'));
    expect([e.kind, e.parseName, e.line, e.col, e.inner]).toEqual(['parse', 'p.yaml', 2, null, 'missing value for if']);
  });
  it('a GoError from a function becomes "error calling NAME: ..." at the command', () => {
    const boom: GoFuncSpec = { name: 'boom', params: [], results: ['string'], returnsError: true, fn: () => { throw new GoError('bad thing'); } };
    expect(run('{{ boom | print }}', {}, { funcs: [boom] })).toBe('ERR: template: t:1:3: executing "t" at <boom>: error calling boom: bad thing');
  });
  it('any other exception from a function is a recovered panic with its message', () => {
    const crash: GoFuncSpec = { name: 'crash', params: ['interface {}'], results: ['string'], fn: () => { throw new TypeError('runtime error: invalid memory address or nil pointer dereference'); } };
    expect(run('{{ crash 1 }}', {}, { funcs: [crash] })).toBe('ERR: template: t:1:3: executing "t" at <crash 1>: error calling crash: runtime error: invalid memory address or nil pointer dereference');
  });
});

describe('methods and structs', () => {
  const info = {
    name: 'pkg.Thing',
    kind: 'struct',
    methods: new Map<string, GoFuncSpec>([
      ['Hello', { name: 'Hello', params: ['string'], results: ['string'], fn: (recv, who) => `${String((recv as GoStruct).fields.get('Name'))} greets ${String(who)}` }],
      ['Count', { name: 'Count', params: [], results: ['int'], fn: () => int(7) }],
    ]),
  };
  const thing = new GoStruct(info, new Map<string, GoValue>([['Name', 'T'], ['Flag', true]]));
  const data = new Map<string, GoValue>([['Thing', thing]]);
  function exec(text: string): string {
    const set = new TemplateSet({ missingKey: 'zero' });
    try {
      set.parse('t', text);
      return set.execute('t', data);
    } catch (e) {
      if (e instanceof TemplateError) return 'ERR: ' + e.inner;
      throw e;
    }
  }
  it('calls methods with the receiver first, with arguments and piped finals', () => {
    expect(exec('{{ .Thing.Hello "you" }}|{{ "me" | .Thing.Hello }}|{{ .Thing.Count }}|{{ .Thing.Name }}')).toBe('T greets you|T greets me|7|T');
  });
  it('checks method arity and argument types like Go', () => {
    expect(exec('{{ .Thing.Hello }}')).toBe('ERR: wrong number of args for Hello: want 1 got 0');
    expect(exec('{{ .Thing.Hello 1 }}')).toBe('ERR: expected string; found 1');
    expect(exec('{{ .Thing.Count.x }}')).toBe("ERR: can't evaluate field x in type int");
  });
  it('struct fields: arguments, missing fields, typed field values', () => {
    expect(exec('{{ .Thing.Name 1 }}')).toBe('ERR: Name has arguments but cannot be invoked as function');
    expect(exec('{{ .Thing.Nope }}')).toBe("ERR: can't evaluate field Nope in type interface {}");
    expect(exec('{{ .Thing.Flag.x }}')).toBe("ERR: can't evaluate field x in type bool");
  });
});

describe('helm3 (Go 1.23) and helm4 (Go 1.25) differences', () => {
  it('range over an integer only in helm4', () => {
    expect(run('{{ range 3 }}{{ . }}{{ end }}', {}, { compat: 'helm4' })).toBe('012');
    expect(run('{{ range 3 }}{{ . }}{{ end }}', {}, { compat: 'helm3' })).toBe('ERR: template: t:1:9: executing "t" at <3>: range can\'t iterate over 3');
  });
  it('Go 1.23 does not count newlines inside comments in parse error lines', () => {
    const text = '{{/*\n\n*/}}\n{{ if }}';
    expect(run(text, {}, { compat: 'helm3' })).toBe('ERR: template: t:2: missing value for if');
    expect(run(text, {}, { compat: 'helm4' })).toBe('ERR: template: t:4: missing value for if');
  });
  it('a piped call without arguments panics in Go 1.23', () => {
    const set = new TemplateSet({ compat: 'helm3' });
    set.parse('t', '{{ "x" | call }}');
    expect(() => set.execute('t', null)).toThrow(GoPanic);
    expect(run('{{ "x" | call }}', {}, { compat: 'helm4' })).toBe('ERR: template: t:1:9: executing "t" at <call>: error calling call: non-function x of type string');
  });
});
