import { spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../support/free-port';
import { packedTarballs } from './support/host-fixture';

/** `npx jumio-sandbox` from the package listens where the demo's variable says. */
describe('the packaged sandbox command', () => {
  it('listens on JUMIO_SANDBOX_PORT, the demo app’s variable', async () => {
    packedTarballs();
    const port = await freePort();
    const command = join(__dirname, '..', '..', 'dist', 'packages', 'sandbox', 'dist', 'main.js');
    const child = spawn(process.execPath, [command], {
      env: { PATH: process.env.PATH, JUMIO_SANDBOX_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes(`listening on http://127.0.0.1:${port}`)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
      });
      const answer = await request(`http://127.0.0.1:${port}`).get('/').expect(200);
      expect(answer.headers['x-jumio-sandbox']).toBe('true');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
