// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['console/dist/**', 'console/src/api/schema.d.ts', 'cdk.out/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    files: ['{infra,functions,workflows,local,ops,test,bench}/**/*.ts', 'console/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A Lambda is frozen once its promise settles: an un-awaited write is lost work. Already in
      // strictTypeChecked; named here so it stays on whatever the preset becomes.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Numbers print exactly in a template; only undefined, null, objects and unknowns are refused.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false, allowNever: false }],
      // Its findings were all `return reply(…)` early exits from (async) void functions, an idiom;
      // TypeScript itself already refuses a void value tested or assigned where a value is used.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // `const { secret: _secret, ...rest } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // `import { z }` binds zod's whole namespace object, so esbuild keeps every locale in every
      // bundle (454 KB); `import * as z` lets it drop what is unused (85 KB).
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']", message: "Use `import * as z from 'zod'`: a bundle then keeps only the zod it uses." }],
    },
  },
  {
    files: ['local/template.ts', 'local/intrinsics.ts'],
    rules: {
      // They read a synthesized CloudFormation template, typed as JSON: where they call String(),
      // CloudFormation has a scalar (a handler, a route key, a resolved ARN).
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // @types/jest types the asymmetric matchers (expect.any, expect.objectContaining, …) as `any`:
      // every toMatchObject with one would be a finding.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // A wrong `!` in a test throws and fails that test, which is the check we want.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Stubs implement async interfaces (SDK clients, secret readers) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
