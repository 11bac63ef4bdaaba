/**
 * A value computed on first use. Tables that cost real time to build (AES S-boxes, SHA-2
 * constants, small primes, compiled regexes) are built only by the templates that call the
 * function needing them, so loading the library stays cheap (a CLI run pays only for what its
 * chart uses).
 */
export function once<T>(init: () => T): () => T {
  let value: T;
  let ready = false;
  return () => {
    if (!ready) {
      value = init();
      ready = true;
    }
    return value;
  };
}
