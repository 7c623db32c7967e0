import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The demo's `npm start` as package.json has it: `node <flags> dist/src/main.js`. */
function startScript(): { flags: string[]; entry: string } {
  const { scripts } = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as { scripts: Record<string, string> };
  const [command, ...words] = scripts.start.split(/\s+/);
  expect(command).toBe('node');
  return {
    flags: words.filter((word) => word.startsWith('--')),
    entry: words.filter((word) => !word.startsWith('--')).join(' '),
  };
}

describe("the demo's npm start", () => {
  // V8 grows its old generation up to 4× the live heap between major GCs: ~45 MB live held 290 MB of
  // RSS in the soak. 1.5× keeps it under 200 MB for the same CPU (bench/README.md, 2026-12-07).
  it('runs the built demo with a heap growing factor of 1.5', () => {
    const { flags, entry } = startScript();
    expect(entry).toBe('dist/src/main.js');
    expect(flags).toContain('--heap-growing-percent=50');
  });

  it('uses only flags this Node accepts (an unknown V8 flag stops node before the app starts)', () => {
    const { flags } = startScript();
    const run = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
