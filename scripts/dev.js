#!/usr/bin/env node
// `npm run start:dev`: the demo from its TypeScript sources (ts-node, no type check), restarted by
// `node --watch-path` on changes. The `@app/...` path aliases are resolved here as tsconfig.json maps them.
'use strict';
const Module = require('node:module');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const ALIASES = [
  ['@app/jumio-sandbox', 'libs/jumio-sandbox/src'],
  ['@app/jumio', 'libs/jumio/src'],
];
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const [alias, target] of ALIASES) {
    if (request === alias || request.startsWith(alias + '/')) {
      request = join(ROOT, target + request.slice(alias.length));
      break;
    }
  }
  return resolve.call(this, request, ...rest);
};
require('ts-node').register({ transpileOnly: true, project: join(ROOT, 'tsconfig.json') });
require(join(ROOT, 'src/main.ts'));
