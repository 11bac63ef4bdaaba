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
    // The language layers must run in a browser: no Node built-ins, no I/O.
    files: ['src/gotemplate/**/*.ts', 'src/sprig/**/*.ts', 'src/yaml/**/*.ts', 'src/helm/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'process', 'buffer'], message: 'The template engine has no Node-only imports: it runs in a browser.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
);
