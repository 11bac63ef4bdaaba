/** Types of scripts/gen/shared-copies.mjs for the TypeScript tests. */
export declare const SHARED_DIR: string;
export declare function sharedHeader(file: string): string;
export declare function isSharedCopy(text: string): boolean;
export declare function sharedBy(file: string, text: string): string[];
export declare function generateSharedCopies(root: string): Map<string, string>;
export declare function staleSharedCopies(root: string, out: ReadonlyMap<string, string>): string[];
export declare const SHARED_BY_FILE: string;
