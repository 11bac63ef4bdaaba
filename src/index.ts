/** The public API of istio-installer. */
export * as gotemplate from './gotemplate/index.js';
