#!/usr/bin/env node
// Folder-dependency check of libs/jumio/src (issue 13, run by `npm run lint` after eslint).
// Builds the graph "folder A imports folder B" from every import/export/require of the library's .ts files
// (type-only imports count: they are part of the design too), and fails on any cycle between folders
// and on any import against the documented uses direction (LAYERS),
// printing one offending import (file -> file) per edge of the cycle. Files at the root of src (the module,
// its definition and the two entry points) may import anything and nothing imports them.
// It also prints the folders each of the two main paths (WALKS: a web start, a callback to a decision)
// crosses, i.e. those of the files reachable from the path's entry files, and fails above MAX_WALK_FOLDERS.
//   node scripts/check-folder-deps.js           check (exit 1 on a cycle, an upward import or a long walk)
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

/**
 * The two main paths drawn in docs/architecture.md ("Two walks"), by their entry files. A walk's folders
 * are the folders of every library file reachable by imports (type-only ones included) from its entry
 * files, without the two foundations (`common`, `options`). At most MAX_WALK_FOLDERS each.
 */
const WALKS = [
  { name: 'web start (and status read)', entries: ['start/poi.controller.ts', 'start/poa.controller.ts'] },
  {
    name: 'callback to a decision',
    entries: ['callback/jumio-callback.controller.ts', 'callback/callback-confirmation.service.ts'],
  },
];
const FOUNDATIONS = ['common', 'options'];
const MAX_WALK_FOLDERS = 5;

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

/** Each library file to the library files it imports. */
function fileGraph() {
  const imports = new Map();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [];
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3] ?? match[4]);
      if (target) targets.push(target);
    }
    imports.set(file, targets);
  }
  return imports;
}

/** Map "A -> B" to the imports (file -> file) behind it. */
function folderGraph(files) {
  const edges = new Map();
  for (const [file, targets] of files) {
    for (const target of targets) {
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

/**
 * A walk's folders in the uses direction, each with the import chain (entry -> ... -> file) by which
 * the walk first reaches it (breadth first: a shortest chain).
 */
function walkFolders(files, entries) {
  const reachedBy = new Map(entries.map((entry) => [join(SRC, entry), null]));
  const queue = [...reachedBy.keys()];
  while (queue.length) {
    const file = queue.shift();
    for (const target of files.get(file) ?? []) {
      if (reachedBy.has(target)) continue;
      reachedBy.set(target, file);
      queue.push(target);
    }
  }
  const folders = new Map();
  for (const file of reachedBy.keys()) {
    const folder = folderOf(file);
    if (FOUNDATIONS.includes(folder) || folders.has(folder)) continue;
    const chain = [];
    for (let at = file; at; at = reachedBy.get(at)) chain.unshift(relative(SRC, at));
    folders.set(folder, chain);
  }
  return [...folders].sort(([a], [b]) => LAYERS.indexOf(a) - LAYERS.indexOf(b));
}

/** Prints each walk's folders; false when one crosses more than MAX_WALK_FOLDERS. */
function checkWalks(files) {
  let ok = true;
  for (const walk of WALKS) {
    const missing = walk.entries.filter((entry) => !files.has(join(SRC, entry)));
    if (missing.length) {
      ok = false;
      console.error(`walk "${walk.name}": entry file not found: ${missing.join(', ')} (update WALKS)`);
      continue;
    }
    const folders = walkFolders(files, walk.entries);
    const line = `walk "${walk.name}": ${folders.length} folders (max ${MAX_WALK_FOLDERS}, without ${FOUNDATIONS.join(', ')}): ${folders.map(([folder]) => folder).join(' -> ')}`;
    if (folders.length <= MAX_WALK_FOLDERS) {
      console.log(line);
      continue;
    }
    ok = false;
    console.error(line);
    for (const [folder, chain] of folders) console.error(`  ${folder}: ${chain.join(' -> ')}`);
  }
  return ok;
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
  const files = fileGraph();
  const edges = folderGraph(files);
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
  if (!checkWalks(files)) failed = true;
  if (failed) process.exit(1);
  console.log(`folder dependencies of libs/jumio/src: ${edges.size} edges, no cycle, all in the uses direction`);
}

main();
