export * from './value.js';
export * from './errors.js';
export { TemplateSet, type TemplateSetOptions, type Compat, type MissingKey } from './template.js';
