import { ErasureService } from '@app/jumio';
import { PersonalDataCipher } from '@app/jumio/persistence/personal-data.cipher';
import { RetentionService } from '@app/jumio/data-protection/retention.service';
import { DATABASES } from '../support/create-test-app';
import { WEB_URLS } from '../support/jumio-test-kit';
import { FLOW_PLATFORMS } from '../support/platform-flows';
import { waitUntil } from '../trust/support/trust-kit';
import { ADMIN_HEADER, startDataProtectionApp, type DataProtectionApp } from './support/dp-app';
import { insertFinishedScan } from './support/rows';

const DAY_MS = 24 * 60 * 60_000;

const CASES = FLOW_PLATFORMS.flatMap((platform) =>
  DATABASES.map((database) => ({ platform, database })),
);

describe.each(CASES)(
  'erasure and retention ($platform.name, $database)',
  ({ platform, database: kind }) => {
    let dp: DataProtectionApp;
    let retention: RetentionService;

    beforeAll(async () => {
      // Jumio's circuit breaker opens while the Delete API fails; let it try again soon after it recovers.
      dp = await startDataProtectionApp(
        kind,
        {
          resilience: { breakerHalfOpenAfterMs: 100, retryInitialDelayMs: 5, retryMaxDelayMs: 10 },
        },
        platform.name,
      );
      retention = dp.app.get(RetentionService);
    });
    afterAll(async () => {
      await dp?.close();
    });

    const WEB_STEPS = [
      ['poi', 'initiate', WEB_URLS, 'approved'],
      ['poa', 'acquisitions', { ...WEB_URLS, documentType: 'UB', country: 'DEU' }, 'poaExtracted'],
    ] as const;

    /** A user with a decided web POI and POA (or the given steps); returns their Jumio references. */
    async function onboard(
      userId: string,
      steps: ReadonlyArray<(typeof WEB_STEPS)[number]> = WEB_STEPS,
    ): Promise<string[]> {
      const references: string[] = [];
      for (const [step, action, body, outcome] of steps) {
        const started = await dp.post(`/api/private/jumio/${step}/!${action}`, body, {
          'X-User-Id': userId,
        });
        expect(started.status).toBe(200);
        await platform.finishWeb(started.body.redirectUrl, outcome);
        const status = await waitUntil(`${userId} ${step} decided`, async () => {
          const answer = await dp.post(
            `/api/private/jumio/${step}/!getScanTransactionStatus`,
            undefined,
            {
              'X-User-Id': userId,
            },
          );
          const decision = answer.body.verification?.decision;
          return decision && decision !== 'PENDING' ? answer.body : null;
        });
        references.push(status.scanReference);
      }
      return references;
    }

    const extractedOf = async (userId: string) =>
      await dp.dataSource.query<Array<{ data: string | null }>>(
        `SELECT r.extracted_data AS data FROM jumio_verification_result r
       JOIN jumio_scan_transaction t ON t.id = r.scan_transaction_id WHERE t.user_id = '${userId}'`,
      );

    const auditOf = async (userId: string, action: string) =>
      await dp.dataSource.query<Array<{ cause: string }>>(
        `SELECT a.cause FROM jumio_audit_event a JOIN jumio_scan_transaction t ON t.id = a.scan_transaction_id
       WHERE t.user_id = '${userId}' AND a.action = '${action}'`,
      );

    const eraseOverHttp = (
      userId: string,
      headers: Record<string, string> = { [ADMIN_HEADER]: 'yes' },
    ) => dp.post('/api/private/jumio/admin/!eraseUser', { userId }, headers);

    it('erases here at once, survives Jumio being down, and completes at Jumio when the job retries', async () => {
      const references = await onboard('dp-erase');
      expect((await extractedOf('dp-erase')).every((row) => row.data?.startsWith('v1:'))).toBe(
        true,
      );

      // Only the host's admin authentication opens the route.
      expect((await eraseOverHttp('dp-erase', {})).status).toBe(403);

      dp.sandbox.control.setFault({ group: 'delete', kind: 503 });
      const first = await eraseOverHttp('dp-erase');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        state: 'PENDING',
        attempts: 1,
        scansDeleted: 0,
        scansTotal: 2,
        lastErrorCode: 'JUMIO_UNAVAILABLE',
        completedAt: null,
      });
      // Personal data is gone here already; the decisions stay.
      expect(await extractedOf('dp-erase')).toEqual([{ data: null }, { data: null }]);
      expect(await auditOf('dp-erase', 'PERSONAL_DATA_ERASED')).toEqual([
        { cause: 'ERASURE' },
        { cause: 'ERASURE' },
      ]);
      const poi = await dp.post('/api/private/jumio/poi/!getScanTransactionStatus', undefined, {
        'X-User-Id': 'dp-erase',
      });
      expect(poi.body.verification.decision).toBe('APPROVED');
      for (const reference of references)
        expect(platform.deletedAtJumio(dp.sandbox, reference)).toBe(false);

      // Idempotent: the same open request, not retried before its backoff.
      const again = await eraseOverHttp('dp-erase');
      expect(again.body).toMatchObject({
        requestId: first.body.requestId,
        state: 'PENDING',
        attempts: 1,
      });

      // Still down at the first retry: backoff grows, nothing is lost.
      expect((await retention.runOnce(new Date(Date.now() + 2 * 60_000))).erasuresCompleted).toBe(
        0,
      );
      const stillPending = await dp.app.get(ErasureService).status('dp-erase');
      expect(stillPending).toMatchObject({
        state: 'PENDING',
        attempts: 2,
        lastErrorCode: 'JUMIO_UNAVAILABLE',
      });

      dp.sandbox.control.clearFaults();
      await new Promise((resolve) => setTimeout(resolve, 150));
      const report = await retention.runOnce(new Date(Date.now() + 60 * 60_000));
      expect(report.erasuresCompleted).toBe(1);
      expect(await dp.app.get(ErasureService).status('dp-erase')).toMatchObject({
        requestId: first.body.requestId,
        state: 'COMPLETED',
        attempts: 3,
        scansDeleted: 2,
        scansTotal: 2,
        lastErrorCode: null,
        nextAttemptAt: null,
      });
      for (const reference of references)
        expect(platform.deletedAtJumio(dp.sandbox, reference)).toBe(true);
      expect(await auditOf('dp-erase', 'JUMIO_SCAN_DELETED')).toHaveLength(2);

      // A later request completes at once: each scan is deleted at Jumio once, recorded in the audit trail.
      const later = await eraseOverHttp('dp-erase');
      expect(later.body).toMatchObject({
        state: 'COMPLETED',
        scansDeleted: 2,
        scansTotal: 2,
        attempts: 1,
      });
      expect(later.body.requestId).not.toBe(first.body.requestId);
      expect(await auditOf('dp-erase', 'JUMIO_SCAN_DELETED')).toHaveLength(2);
    });

    it('a repeated erasure while one is pending also deletes the scans started in between', async () => {
      dp.sandbox.control.setFault({ group: 'delete', kind: 503 });
      const [before] = await onboard('dp-repeat', [WEB_STEPS[0]]);
      const first = await eraseOverHttp('dp-repeat');
      expect(first.body).toMatchObject({ state: 'PENDING', scansTotal: 1 });

      // The user scans again after the first request; the repeat request covers that scan too.
      const [between] = await onboard('dp-repeat', [WEB_STEPS[1]]);
      const again = await eraseOverHttp('dp-repeat');
      expect(again.body).toMatchObject({ requestId: first.body.requestId, state: 'PENDING' });

      dp.sandbox.control.clearFaults();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await retention.runOnce(new Date(Date.now() + 60 * 60_000));
      expect(await dp.app.get(ErasureService).status('dp-repeat')).toMatchObject({
        requestId: first.body.requestId,
        state: 'COMPLETED',
        scansDeleted: 2,
        scansTotal: 2,
      });
      for (const reference of [before, between])
        expect(platform.deletedAtJumio(dp.sandbox, reference)).toBe(true);
    });

    it('purges a result that arrives for an erased user after the erasure', async () => {
      const erasure = dp.app.get(ErasureService);
      await erasure.eraseUser('dp-late');
      const requestedAt = new Date((await erasure.status('dp-late'))!.requestedAt);
      const late = await insertFinishedScan(dp.dataSource, dp.app.get(PersonalDataCipher), {
        userId: 'dp-late',
        createdAt: new Date(requestedAt.getTime() - 1_000),
      });
      const report = await retention.runOnce();
      expect(report.lateErasedResults).toBe(1);
      const [row] = await dp.dataSource.query<Array<{ data: string | null }>>(
        `SELECT extracted_data AS data FROM jumio_verification_result WHERE id = '${late.resultId}'`,
      );
      expect(row.data).toBeNull();
    });

    it('purges personal data after the retention period, keeps decisions and times, and audits it once', async () => {
      await onboard('dp-retain');
      const cipher = dp.app.get(PersonalDataCipher);
      const recent = await insertFinishedScan(dp.dataSource, cipher, { userId: 'dp-recent' });

      // Not yet: 89 days on, nothing is due.
      expect((await retention.runOnce(new Date(Date.now() + 89 * DAY_MS))).expiredResults).toBe(0);
      const report = await retention.runOnce(new Date(Date.now() + 91 * DAY_MS));
      expect(report.expiredResults).toBeGreaterThanOrEqual(3);
      expect(await extractedOf('dp-retain')).toEqual([{ data: null }, { data: null }]);
      expect(await extractedOf('dp-recent')).toEqual([{ data: null }]);
      expect(await auditOf('dp-retain', 'PERSONAL_DATA_PURGED')).toEqual([
        { cause: 'RETENTION' },
        { cause: 'RETENTION' },
      ]);
      const [kept] = await dp.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT decision, jumio_status, reasons, created_at FROM jumio_verification_result WHERE id = '${recent.resultId}'`,
      );
      expect(kept).toMatchObject({
        decision: 'APPROVED',
        jumio_status: 'APPROVED_VERIFIED',
        reasons: '[]',
      });
      expect(kept.created_at).toBeTruthy();
      const status = await dp.post('/api/private/jumio/poa/!getScanTransactionStatus', undefined, {
        'X-User-Id': 'dp-retain',
      });
      expect(status.body.verification).toMatchObject({ decision: 'APPROVED' });

      // Re-running (or a second instance) finds nothing left and audits nothing twice.
      expect((await retention.runOnce(new Date(Date.now() + 91 * DAY_MS))).expiredResults).toBe(0);
      expect(await auditOf('dp-retain', 'PERSONAL_DATA_PURGED')).toHaveLength(2);
    });

    it('two instances purging at the same time purge and audit each row exactly once', async () => {
      const cipher = dp.app.get(PersonalDataCipher);
      for (let index = 0; index < 12; index += 1) {
        await insertFinishedScan(dp.dataSource, cipher, { userId: `dp-race-${index % 3}` });
      }
      const future = new Date(Date.now() + 200 * DAY_MS);
      const [a, b] = await Promise.all([retention.runOnce(future), retention.runOnce(future)]);
      expect(a.expiredResults + b.expiredResults).toBe(12);
      const [{ count }] = await dp.dataSource.query<Array<{ count: string | number }>>(
        `SELECT COUNT(*) AS count FROM jumio_audit_event a JOIN jumio_scan_transaction t ON t.id = a.scan_transaction_id
       WHERE t.user_id LIKE 'dp-race-%' AND a.action = 'PERSONAL_DATA_PURGED'`,
      );
      expect(Number(count)).toBe(12);
    });
  },
);
