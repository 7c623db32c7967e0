#!/usr/bin/env node
// Builds what users run, with the TypeScript compiler and the @nestjs/swagger plugin (no Nest CLI):
//   node scripts/build.js demo      -> dist/src/main.js (+ libs), the demo page under dist/src/public
//   node scripts/build.js packages  -> dist/packages/<name>/ and its tarball, for each package in PACKAGES
// The Swagger plugin bakes each DTO's OpenAPI properties into the JavaScript (`_OPENAPI_METADATA_FACTORY`),
// so a host's document shows every field without running a plugin itself.
'use strict';
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { execFileSync } = require('node:child_process');
const ts = require('typescript');

const ROOT = resolve(__dirname, '..');
const SWAGGER_OPTIONS = {
  classValidatorShim: true,
  introspectComments: true,
  dtoFileNameSuffix: ['.dto.ts', '.response.ts'],
};
const ALIASES = [
  ['@app/jumio-sandbox', 'libs/jumio-sandbox/src'],
  ['@app/jumio', 'libs/jumio/src'],
];
const PACKAGES = [
  { dir: 'libs/jumio', swagger: true },
  { dir: 'libs/jumio-sandbox', swagger: false },
];

async function main() {
  const target = process.argv[2];
  if (target === 'demo') return buildDemo();
  if (target === 'packages') return buildPackages();
  throw new Error('usage: node scripts/build.js demo|packages');
}

async function buildDemo() {
  for (const part of ['src', 'libs', 'ormconfig.js', 'ormconfig.d.ts'])
    rmSync(join(ROOT, 'dist', part), { recursive: true, force: true });
  const config = readTsconfig(join(ROOT, 'tsconfig.build.json'), {});
  await compile(config, {
    swagger: true,
    // The library's controllers are documented by their own decorators (as in the package); only the
    // demo's controllers get the plugin's response introspection.
    swaggerControllers: (fileName) => fileName.startsWith(join(ROOT, 'src') + '/'),
    rewrite: (fileName, text) => rewriteAliases(config.options.outDir, fileName, text),
  });
  cpSync(join(ROOT, 'src/public'), join(ROOT, 'dist/src/public'), { recursive: true });
  console.log('built dist/src/main.js and dist/src/public');
}

async function buildPackages() {
  const outRoot = join(ROOT, 'dist/packages');
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  for (const pkg of PACKAGES) {
    const source = join(ROOT, pkg.dir);
    const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
    const stage = join(outRoot, manifest.name.split('/').pop());
    const config = readTsconfig(join(ROOT, 'tsconfig.json'), {
      rootDir: join(source, 'src'),
      outDir: join(stage, 'dist'),
      declaration: true,
      sourceMap: false,
      declarationMap: false,
      incremental: false,
      paths: undefined,
      baseUrl: undefined,
      types: ['node'],
    });
    config.fileNames = ts.sys
      .readDirectory(join(source, 'src'), ['.ts'], ['**/*.spec.ts'], ['**/*'])
      .filter((file) => !file.endsWith('.d.ts'));
    await compile(config, {
      swagger: pkg.swagger,
      swaggerControllers: () => false,
      rewrite: (fileName, text) => withoutUnusedSwaggerImport(fileName, text),
    });
    for (const file of manifest.files ?? [])
      if (!file.startsWith('dist') && existsSync(join(source, file)))
        cpSync(join(source, file), join(stage, file), { recursive: true });
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE'])
      if (existsSync(join(source, file))) cpSync(join(source, file), join(stage, file));
    writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', outRoot], {
      cwd: stage,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    console.log(`packed dist/packages/${packed}`);
  }
}

function readTsconfig(path, overrides) {
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(path));
  parsed.options = { ...parsed.options, ...overrides };
  for (const key of Object.keys(overrides))
    if (overrides[key] === undefined) delete parsed.options[key];
  return parsed;
}

/** Type-checks and emits; fails on any error, as `tsc` would. */
async function compile(config, { swagger, swaggerControllers, rewrite }) {
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const transformers = { before: [] };
  if (swagger) {
    const plugin = await import('@nestjs/swagger/plugin');
    const models = plugin.before(
      { ...SWAGGER_OPTIONS, controllerFileNameSuffix: ['.none'] },
      program,
    );
    const all = plugin.before({ ...SWAGGER_OPTIONS }, program);
    transformers.before.push((ctx) => {
      const forModels = models(ctx);
      const forAll = all(ctx);
      return (sf) => (swaggerControllers(sf.fileName) ? forAll(sf) : forModels(sf));
    });
  }
  const emitted = program.emit(
    undefined,
    (fileName, text, bom) => ts.sys.writeFile(fileName, rewrite(fileName, text), bom),
    undefined,
    false,
    transformers,
  );
  const all = [...diagnostics, ...emitted.diagnostics];
  if (all.length > 0) {
    const host = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => '\n',
    };
    throw new Error(ts.formatDiagnosticsWithColorAndContext(all, host));
  }
}

/** `require("@app/jumio/x")` in the demo's output -> a relative path into dist/libs. */
function rewriteAliases(outDir, fileName, text) {
  if (!fileName.endsWith('.js')) return text;
  return text.replace(
    /require\("(@app\/jumio(?:-sandbox)?)(\/[^"]*)?"\)/g,
    (whole, alias, rest) => {
      const target = ALIASES.find(([name]) => name === alias)[1];
      let path = relative(dirname(fileName), join(outDir, target, rest ?? ''));
      if (!path.startsWith('.')) path = './' + path;
      return `require("${path}")`;
    },
  );
}

/**
 * The plugin adds `require("@nestjs/swagger")` to each DTO file although the metadata it bakes in needs no
 * Swagger at run time. The package must load without Swagger, so that import goes when nothing uses it.
 */
function withoutUnusedSwaggerImport(fileName, text) {
  if (!fileName.endsWith('.js')) return text;
  const line = 'const openapi = require("@nestjs/swagger");\n';
  if (!text.includes(line)) return text;
  const rest = text.replace(line, '');
  if (/\bopenapi\./.test(rest))
    throw new Error(`${fileName} uses the Swagger plugin's import at run time`);
  return rest;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
