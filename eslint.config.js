import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The command's launcher is CommonJS (it starts faster than an ES module entry).
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The language layers must run in a browser: no Node built-ins, no I/O.
    files: ['src/gotemplate/**/*.ts', 'src/sprig/**/*.ts', 'src/yaml/**/*.ts', 'src/helm/**/*.ts', 'src/operator/**/*.ts', 'src/manifest/**/*.ts', 'src/inject/**/*.ts', 'src/revision/**/*.ts', 'src/multicluster/**/*.ts', 'src/workload/**/*.ts', 'src/generated/**/*.ts'],
    // The one edge module below src/cli: reading a chart directory or .tgz from disk.
    ignores: ['src/helm/load/fs.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'process', 'buffer'], message: 'The core has no Node-only imports: it runs in a browser. I/O belongs in src/cli or src/helm/load/fs.ts.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
);
