'use strict';
/**
 * Jest transformer for ESM-only dependencies (NestJS 12 ships ES modules only). Jest on Node 20 cannot
 * require() ES modules, so these files are transpiled to CommonJS on the fly; `import.meta` has no
 * CommonJS form and is replaced by its equivalents.
 */
const { createHash } = require('node:crypto');
const ts = require('typescript');

const IMPORT_META = [
  // `const require = createRequire(import.meta.url)` would redeclare CommonJS's own `require`.
  [/^\s*const require = (?:\w+\.)?createRequire\(import\.meta\.url\);?[ \t]*$/gm, ''],
  [/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href"],
  [/\bimport\.meta\.dirname\b/g, '__dirname'],
  [/\bimport\.meta\.filename\b/g, '__filename'],
  [
    /\bimport\.meta\.resolve\b/g,
    "((specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href)",
  ],
];
const VERSION = '2';

module.exports = {
  process(source, filename) {
    const patched = IMPORT_META.reduce(
      (code, [pattern, replacement]) => code.replace(pattern, replacement),
      source,
    );
    const { outputText } = ts.transpileModule(patched, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
      },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha1')
      .update(VERSION)
      .update(ts.version)
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
