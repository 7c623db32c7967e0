// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-output/**',
      'test/packaging/host-fixture/**',
      'eslint.config.mjs',
      '**/*.js',
    ], },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Issue 13: only persistence/ talks to TypeORM; services get repositories and JumioDatabase.
    files: ['libs/jumio/src/**/*.ts'],
    ignores: [
      'libs/jumio/src/persistence/**',
      // Unit tests may build their own DataSource.
      'libs/jumio/src/**/*.spec.ts',
      // Module wiring: points the module's providers at the host's (possibly named) DataSource.
      'libs/jumio/src/jumio-module.setup.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'QueryRunner', 'Repository'],
              message:
                'Only libs/jumio/src/persistence/ talks to the database: use a repository, or JumioDatabase.transaction with a DbSession.',
            },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource', 'InjectEntityManager', 'InjectRepository'],
              message:
                'Only libs/jumio/src/persistence/ talks to the database: inject a repository instead.',
            },
          ],
        },
      ],
    },
  },
);
