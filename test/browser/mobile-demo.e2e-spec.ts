import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startBrowserDemo, uniqueUser, type BrowserDemo } from './support/browser-demo';
import { OnboardingPage } from './support/onboarding-page';

const ROOT = join(__dirname, '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run mobile-demo -- <args>` the way the npm script does: ts-node, transpile only. */
function runMobileDemo(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('ts-node/dist/bin'), '--transpile-only', 'scripts/mobile-demo.ts', ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the mobile flow walker (npm run mobile-demo)', () => {
  let env: BrowserDemo;

  beforeAll(async () => {
    env = await startBrowserDemo();
  });

  afterAll(async () => {
    await env?.close();
  });

  const targets = () => [
    '--url',
    env.demo.url,
    '--sandbox-url',
    env.sandbox.url,
    '--timeout',
    '20',
  ];

  it('walks the POI mobile flow to an approval, and the web page shows it', async () => {
    const user = uniqueUser('mobile-poi');

    const run = await runMobileDemo([
      ...[
        '--user',
        user,
        '--type',
        'poi',
        '--outcome',
        'APPROVED_VERIFIED',
        '--expect',
        'APPROVED',
      ],
      ...targets(),
    ]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1. status before: step NOT_STARTED_YET');
    expect(run.stdout).toMatch(/3\. sandbox SDK \(APPROVED_VERIFIED\): scanReference \S+/);
    expect(run.stdout).toMatch(/Final: step SUCCESS, attempts 1, decision APPROVED/);

    const onboarding = await OnboardingPage.open(env.browser, env.demo.url, user);
    try {
      await onboarding.waitForState('poi', 'approved');
      expect(await onboarding.page.textContent('[data-testid="poi-status"]')).toContain('MOBILE');
      expect(await onboarding.text('mobile-command')).toContain(`--user ${user}`);
      await onboarding.screenshot('mobile-poi-approved');
    } finally {
      await onboarding.close();
    }
  });

  it('walks the POA mobile flow with a document type and country, after the POI one', async () => {
    const user = uniqueUser('mobile-poa');
    const poi = await runMobileDemo([
      ...[
        '--user',
        user,
        '--type',
        'poi',
        '--outcome',
        'APPROVED_VERIFIED',
        '--expect',
        'APPROVED',
      ],
      ...targets(),
    ]);
    expect(poi.code).toBe(0);

    const run = await runMobileDemo([
      ...['--user', user, '--type', 'poa', '--outcome', 'EXTRACTED'],
      ...['--document-type', 'UB', '--country', 'deu'],
      ...targets(),
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Final: step SUCCESS, attempts 1, decision APPROVED \(EXTRACTED\)/);
  });

  it('exits 1 with the reason when the decision is not the expected one', async () => {
    const run = await runMobileDemo([
      ...['--user', uniqueUser('mobile-fraud'), '--type', 'poi', '--outcome', 'DENIED_FRAUD'],
      ...['--expect', 'APPROVED'],
      ...targets(),
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/decision REJECTED/);
    expect(run.stderr).toContain('Expected decision APPROVED, got REJECTED');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const run = await runMobileDemo(['--type', 'poi', '--outcome', 'MAYBE', '--user', 'someone']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--outcome for poi must be one of APPROVED_VERIFIED');
    expect(run.stderr).toContain('Usage: npm run mobile-demo');
  });
});
