export * from './value.js';
export * from './errors.js';
