/** Types of scripts/gen/index.mjs for the TypeScript tests. */
export declare const REPO: string;
/** Every generated file, repo-relative path -> content. */
export declare function generateAll(opts?: { root?: string }): Promise<Map<string, string>>;
/** The CLI: `[]` writes, `['--check']` compares; resolves to the exit code. */
export declare function run(argv: readonly string[], root?: string): Promise<number>;
