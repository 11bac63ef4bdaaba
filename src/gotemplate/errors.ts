/**
 * Errors of the template language.
 *
 * `GoError` is what a template function "returns" as its Go `error` result: a function
 * implementation throws it, and the executor turns it into Go's
 * `error calling NAME: MESSAGE` wrapping. Any other exception thrown by a function is treated
 * as a Go panic (text/template recovers those into errors as well).
 */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}
