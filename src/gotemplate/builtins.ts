/**
 * text/template's builtin functions (minus and/or/call, which the executor owns):
 * eq ne lt le gt ge not len index slice print printf println html js urlquery.
 *
 * Parameters typed `reflect.Value` receive the operand as is (null for nil or a missing value).
 */
import type { GoFuncSpec, GoValue } from './value.js';
import { isTrue } from './value.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { htmlEscaper, jsEscaper, urlQueryEscaper } from './escape.js';

export type Compat = 'helm3' | 'helm4';

const RV = 'reflect.Value';

/** The builtin function specs for one target helm version. */
export function builtinFuncs(compat: Compat): GoFuncSpec[] {
  void compat;
  return [
    { name: 'not', params: [RV], results: ['bool'], fn: (a) => !isTrue(a) },
    { name: 'print', params: ['interface {}'], variadic: true, results: ['string'], fn: (...a) => sprint(...a) },
    { name: 'printf', params: ['string', 'interface {}'], variadic: true, results: ['string'], fn: (f, ...a) => sprintf(f as string, ...a) },
    { name: 'println', params: ['interface {}'], variadic: true, results: ['string'], fn: (...a) => sprintln(...a) },
    { name: 'html', params: ['interface {}'], variadic: true, results: ['string'], fn: htmlEscaper },
    { name: 'js', params: ['interface {}'], variadic: true, results: ['string'], fn: jsEscaper },
    { name: 'urlquery', params: ['interface {}'], variadic: true, results: ['string'], fn: urlQueryEscaper },
  ];
}

export type { GoValue };
