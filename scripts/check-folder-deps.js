#!/usr/bin/env node
// Folder-dependency check of libs/jumio/src (issue 13, run by `npm run lint` after eslint).
// Builds the graph "folder A imports folder B" from every import/export/require of the library's .ts files
// (type-only imports count: they are part of the design too), and fails on any cycle between folders
// and on any import against the documented uses direction (LAYERS),
// printing one offending import (file -> file) per edge of the cycle. Files at the root of src (the module,
// its definition and the two entry points) may import anything and nothing imports them.
//   node scripts/check-folder-deps.js           check (exit 1 on a cycle)
//   node scripts/check-folder-deps.js --graph   also print every folder edge with its import count
'use strict';
const { readdirSync, readFileSync, existsSync, statSync } = require('node:fs');
const { join, dirname, relative, resolve, sep } = require('node:path');

const SRC = resolve(__dirname, '../libs/jumio/src');
const ALIAS = '@app/jumio/';

/**
 * The "uses" direction drawn in docs/architecture.md (Folders and the "uses" direction): a folder may
 * import only folders after it in this list. An import upwards fails even before it closes a cycle.
 */
const LAYERS = [
  'option-validation',
  'ops',
  'review',
  'reconciliation',
  'callback',
  'start',
  'results',
  'events',
  'data-protection',
  'jumio',
  'transaction',
  'jobs',
  'persistence',
  'common',
  'options',
];

/** Edges from a folder to one listed before it, or from/to an unlisted folder. */
function upwardEdges(edgeKeys) {
  return edgeKeys.filter((key) => {
    const [from, to] = key.split(' -> ');
    if (from === '(root)') return false;
    const a = LAYERS.indexOf(from);
    const b = LAYERS.indexOf(to);
    return a < 0 || b < 0 || b < a;
  });
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
  }
  return files;
}

const folderOf = (file) => {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : '(root)';
};

function resolveImport(from, specifier) {
  let target;
  if (specifier.startsWith('.')) target = resolve(dirname(from), specifier);
  else if (specifier.startsWith(ALIAS)) target = join(SRC, specifier.slice(ALIAS.length));
  else if (specifier === '@app/jumio') target = join(SRC, 'index');
  else return null;
  for (const candidate of [target + '.ts', join(target, 'index.ts'), target.replace(/\.js$/, '.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

/** Map "A -> B" to the imports (file -> file) behind it. */
function folderGraph() {
  const edges = new Map();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3] ?? match[4]);
      if (!target) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      if (!edges.has(key)) edges.set(key, []);
      edges.get(key).push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
    }
  }
  return edges;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(edgeKeys) {
  const next = new Map();
  for (const key of edgeKeys) {
    const [from, to] = key.split(' -> ');
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    next.get(from).push(to);
  }
  let index = 0;
  const order = new Map(), low = new Map(), stack = [], onStack = new Set(), groups = [];
  const visit = (node) => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)) {
      if (!order.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), order.get(to)));
    }
    if (low.get(node) === order.get(node)) {
      const group = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of next.keys()) if (!order.has(node)) visit(node);
  return groups;
}

/** The shortest cycle through the group's first folder, as a folder list that ends where it starts. */
function shortestCycle(group, edgeKeys) {
  const inGroup = edgeKeys.map((key) => key.split(' -> ')).filter(([a, b]) => group.includes(a) && group.includes(b));
  const start = group[0];
  const previous = new Map();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const [from, to] of inGroup) {
      if (from !== node) continue;
      if (to === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return group;
}

function main() {
  const edges = folderGraph();
  const checked = [...edges.keys()];
  const groups = cycles(checked);
  if (process.argv.includes('--graph')) {
    for (const key of checked.sort()) console.log(`${key} (${edges.get(key).length})`);
    console.log(`${edges.size} folder edges`);
  }
  let failed = false;
  for (const group of groups) {
    failed = true;
    const cycle = shortestCycle(group, checked);
    console.error(`folder cycle in libs/jumio/src: ${cycle.join(' -> ')}`);
    for (let i = 0; i + 1 < cycle.length; i++) {
      const imports = edges.get(`${cycle[i]} -> ${cycle[i + 1]}`);
      const more = imports.length > 3 ? ` (+${imports.length - 3} more)` : '';
      console.error(`  ${cycle[i]} -> ${cycle[i + 1]}: ${imports.slice(0, 3).join(', ')}${more}`);
    }
  }
  for (const key of upwardEdges(checked)) {
    failed = true;
    const imports = edges.get(key);
    console.error(
      `import against the uses direction (LAYERS; docs/architecture.md): ${key}: ${imports.slice(0, 3).join(', ')}`,
    );
  }
  if (failed) process.exit(1);
  console.log(`folder dependencies of libs/jumio/src: ${edges.size} edges, no cycle, all in the uses direction`);
}

main();
