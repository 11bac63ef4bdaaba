/**
 * getHostByName: helm replaces Sprig's DNS lookup with a function returning "" unless
 * `--enable-dns` is given; a renderer that never touches the network does the same.
 */
import type { GoFuncSpec } from '../gotemplate/value.js';

export const networkFuncs: readonly GoFuncSpec[] = [
  { name: 'getHostByName', params: ['string'], results: ['string'], fn: () => '' },
];
