// Helm's rewrite of template errors, pinned to texts measured on helm 3.17.3 and 4.1.4.
import { describe, expect, it } from 'vitest';
import { formatExecError, formatParseError, helmStderr, HelmRenderError, warnWrap } from '../../src/helm/errors.js';

const F = 'corpus/templates/0001.yaml';

describe('parse errors', () => {
  it('keep the location and the last part of the message', () => {
    expect(formatParseError(F, `template: ${F}:1: unclosed action`)).toBe(`parse error at (${F}:1): unclosed action`);
    expect(formatParseError(F, `template: ${F}:3: function "foo" not defined`)).toBe(`parse error at (${F}:3): function "foo" not defined`);
  });
  it('drop everything before the last ": "', () => {
    expect(formatParseError(F, `template: ${F}:1: illegal number syntax: "0x"`)).toBe(`parse error at (${F}:1): "0x"`);
  });
});

describe('required and fail', () => {
  it('surface as execution error at the outer location, in both versions', () => {
    const msg = `template: ${F}:1:50: executing "${F}" at <include "d" .>: error calling include: template: ${F}:1:24: executing "d" at <fail "inner">: error calling fail: ${warnWrap('inner')}`;
    for (const compat of ['helm3', 'helm4'] as const) {
      expect(formatExecError(F, [msg], compat)).toBe(`execution error at (${F}:1:50): inner`);
    }
  });
  it('keep newlines of the message', () => {
    const msg = `template: ${F}:1:3: executing "${F}" at <required "a\\nb" .Values.x>: error calling required: ${warnWrap('a\nb')}`;
    expect(formatExecError(F, [msg], 'helm3')).toBe(`execution error at (${F}:1:3): a\nb`);
  });
});

describe('execution errors', () => {
  const nil = `template: ${F}:1:10: executing "${F}" at <.Values.nope.x>: nil pointer evaluating interface {}.x`;

  it('are printed unchanged by helm 3', () => {
    expect(formatExecError(F, [nil], 'helm3')).toBe(nil);
  });

  it('are laid out in indented blocks by helm 4', () => {
    expect(formatExecError(F, [nil, nil], 'helm4')).toBe(
      `${F}:1:10\n  executing "${F}" at <.Values.nope.x>:\n    nil pointer evaluating interface {}.x`,
    );
  });

  it('show one block per nested include in helm 4', () => {
    const inner = `template: ${F}:1:41: executing "d" at <.x.y>: nil pointer evaluating interface {}.y`;
    const outer = `template: ${F}:1:58: executing "${F}" at <include "d" .Values>: error calling include: ${inner}`;
    expect(formatExecError(F, [outer, outer, inner, inner], 'helm4')).toBe(
      `${F}:1:58\n  executing "${F}" at <include "d" .Values>:\n    error calling include:\n` +
        `${F}:1:41\n  executing "d" at <.x.y>:\n    nil pointer evaluating interface {}.y`,
    );
  });

  it('keep repeated "error calling include:" lines of a double include in helm 4', () => {
    const leaf = `template: ${F}:1:80: executing "b" at <.x.y>: nil pointer evaluating interface {}.y`;
    const mid = `template: ${F}:1:24: executing "a" at <include "b" .>: error calling include: ${leaf}`;
    const top = `template: ${F}:1:97: executing "${F}" at <include "a" .Values>: error calling include: ${mid}`;
    expect(formatExecError(F, [top, top, mid, mid, leaf, leaf], 'helm4')).toBe(
      `${F}:1:97\n  executing "${F}" at <include "a" .Values>:\n    error calling include:\n` +
        `${F}:1:24\n  executing "a" at <include "b" .>:\n    error calling include:\n` +
        `${F}:1:80\n  executing "b" at <.x.y>:\n    nil pointer evaluating interface {}.y`,
    );
  });

  it('print an unknown include target unindented after the block in helm 4', () => {
    const leaf = 'template: no template "nope" associated with template "gotpl"';
    const outer = `template: ${F}:1:3: executing "${F}" at <include "nope" .>: error calling include: ${leaf}`;
    expect(formatExecError(F, [outer, outer, leaf], 'helm4')).toBe(
      `${F}:1:3\n  executing "${F}" at <include "nope" .>:\n    error calling include:\n${leaf}`,
    );
  });

  it('stay on one line in helm 4 when a function error is in the chain', () => {
    const msg = `template: ${F}:1:3: executing "${F}" at <eq .Values.a 1>: error calling eq: incompatible types for comparison: float64 and int`;
    expect(formatExecError(F, [msg, msg, 'incompatible types for comparison: float64 and int'], 'helm4')).toBe(msg);
  });
});

describe('stderr', () => {
  it('is Error: + message, a blank line and the --debug hint', () => {
    const e = new HelmRenderError(`parse error at (${F}:1): unclosed action`, 'parse', F, undefined);
    expect(helmStderr(e)).toBe(`Error: parse error at (${F}:1): unclosed action\n\nUse --debug flag to render out invalid YAML\n`);
  });
});
