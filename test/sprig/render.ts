/**
 * Test helper: renders a template with the Sprig function map the way helm's engine does
 * (missingkey=zero, `<no value>` removed) and returns the text as helm would print it (invalid
 * UTF-8 shown as U+FFFD), or the error text.
 */
import { TemplateSet, type Compat } from '../../src/gotemplate/template.js';
import { utf8Encode } from '../../src/gotemplate/bytes.js';
import { sprigFuncs } from '../../src/sprig/index.js';
import type { GoValue } from '../../src/gotemplate/value.js';

export function render(text: string, compat: Compat = 'helm3', data: GoValue = new Map()): string {
  const ts = new TemplateSet({ funcs: sprigFuncs(compat), compat, missingKey: 'zero' });
  ts.parse('t', text);
  const out = ts.execute('t', data).replaceAll('<no value>', '');
  return new TextDecoder().decode(utf8Encode(out));
}

/** The message of the error a template fails with ('' when it renders). */
export function renderError(text: string, compat: Compat = 'helm3'): string {
  try {
    render(text, compat);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
