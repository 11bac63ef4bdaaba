/**
 * A Go panic raised by a Sprig function (a runtime error such as a bad slice bound, or Sprig's
 * own `panic(...)`). The executor treats any non-GoError exception as a panic and reports
 * `error calling NAME: MESSAGE`, which is what text/template does after recovering it.
 */
export function panic(message: string): never {
  throw new Error(message);
}
