import { Injectable, Logger } from '@nestjs/common';
import { JumioPlatforms } from '../jumio/jumio-platforms';
import { productOf } from '../transaction/scan-transaction.rules';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { ERASURE_BACKOFF, nextTryAt } from '../common/backoff';
import { ErasureRequestRepository } from '../persistence/erasure-request.repository';
import { AuditEventRepository } from '../persistence/audit-event.repository';
import { JumioDatabase } from '../persistence/database-engine';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import { ScanTransactionRepository } from '../persistence/scan-transaction.repository';
import { recordAuditEvent } from '../persistence/audit-trail';
import type { ErasureRequest } from '../persistence/erasure-request.entity';
import { PersonalDataPurger } from './personal-data.purger';

/** What the host (or the admin route) is told about an erasure. Carries no personal data. */
export interface ErasureStatus {
  requestId: string;
  /** COMPLETED: erased here and at Jumio. PENDING: erased here; deletion at Jumio is being retried. */
  state: 'COMPLETED' | 'PENDING';
  requestedAt: string;
  completedAt: string | null;
  attempts: number;
  scansDeleted: number;
  scansTotal: number;
  /** JumioErrorCode of the last failed round, e.g. JUMIO_UNAVAILABLE. */
  lastErrorCode: string | null;
  nextAttemptAt: string | null;
}

const MAX_USER_ID_LENGTH = 255;

interface ScanToDelete {
  id: string;
  type: ScanTransaction['type'];
  jumioReference: string;
  status: ScanTransaction['status'];
  decision: ScanTransaction['decision'];
}

/**
 * Erases one user's personal data: here at once (extracted data and raw callbacks, in one database
 * transaction, audited), then at Jumio through the Delete API (NV scans for POI, DV documents for POA).
 * Idempotent; if Jumio is down the request stays PENDING and the background job retries it with backoff
 * until Jumio confirms every scan. The decisions and timestamps stay: they are the bank's record.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly database: JumioDatabase,
    private readonly requests: ErasureRequestRepository,
    private readonly transactions: ScanTransactionRepository,
    private readonly audit: AuditEventRepository,
    private readonly purger: PersonalDataPurger,
    private readonly platforms: JumioPlatforms,
  ) {}

  async eraseUser(userId: string): Promise<ErasureStatus> {
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > MAX_USER_ID_LENGTH) {
      throw new JumioError(
        JumioErrorCode.INVALID_INPUT,
        `userId must be 1 to ${MAX_USER_ID_LENGTH} characters`,
      );
    }
    const request = await this.openRequest(userId);
    await this.purger.purgeResults({ userId }, 'ERASURE', 'PERSONAL_DATA_ERASED');
    await this.purger.purgeCallbackPayloads({ userId });
    await this.platforms.forgetAccount(userId);
    return toStatus(await this.deleteAtJumio(request.id, new Date()));
  }

  /** The latest erasure request of a user, if any. */
  async status(userId: string): Promise<ErasureStatus | null> {
    const request = await this.requests.latestOf(userId);
    return request ? toStatus(request) : null;
  }

  /** Background job: retries the Jumio deletions that are due. Returns how many requests completed. */
  async retryDue(now = new Date()): Promise<number> {
    const due = await this.requests.due(now, 20);
    let completed = 0;
    for (const id of due) {
      const request = await this.deleteAtJumio(id, now);
      if (request.completedAt) completed += 1;
    }
    return completed;
  }

  /**
   * The user's open request, or a new one. Concurrent calls meet on the UNIQUE open_key. A reused request
   * takes the new call's time as its `requestedAt`: Jumio deletes the scans created before it, so scans
   * started since the first call are erased too.
   */
  private openRequest(userId: string): Promise<ErasureRequest> {
    return this.requests.openFor(userId, new Date());
  }

  /**
   * One round of Delete API calls, if this instance wins the round's lease (a guarded UPDATE: it works the
   * same on PostgreSQL and SQLite, and the HTTP calls run outside any database transaction). Scans already deleted
   * carry a JUMIO_SCAN_DELETED audit event and are skipped.
   */
  private async deleteAtJumio(requestId: string, now: Date): Promise<ErasureRequest> {
    const leased = await this.requests.takeRound(requestId, now);
    const request = await this.requests.byId(requestId);
    if (!leased) return request;

    const scans = await this.scansToDelete(request);
    let lastErrorCode: string | null = null;
    for (const scan of scans.pending) {
      const errorCode = await this.deleteScan(scan);
      if (errorCode) lastErrorCode = errorCode;
      else await this.recordDeleted(scan);
    }
    // Re-read: a repeated erasure call meanwhile may have moved requestedAt on (see openRequest).
    const after = await this.scansToDelete(await this.requests.byId(requestId));
    const remaining = after.pending.length;
    const finishedAt = new Date();
    const done = remaining === 0;
    await this.requests.endRound(requestId, {
      completedAt: done ? finishedAt : null,
      openKey: done ? null : request.userId,
      nextAttemptAt: done
        ? null
        : nextTryAt(ERASURE_BACKOFF, { attempts: request.attempts }, finishedAt),
      lastErrorCode: done ? null : lastErrorCode,
      scansDeleted: after.total - remaining,
      scansTotal: after.total,
    });
    if (!done) {
      this.logger.warn(
        `Erasure ${requestId}: ${remaining} of ${after.total} Jumio scans not deleted yet (${lastErrorCode}); will retry`,
      );
    }
    return this.requests.byId(requestId);
  }

  /** The user's scans that Jumio may hold (created before the request), and those not yet deleted. */
  private async scansToDelete(
    request: ErasureRequest,
  ): Promise<{ total: number; pending: ScanToDelete[] }> {
    const scans = await this.transactions.jumioScansOf(request.userId, request.requestedAt);
    const deleted = await this.audit.transactionsWith(
      'JUMIO_SCAN_DELETED',
      scans.map((scan) => scan.id),
    );
    return {
      total: scans.length,
      pending: scans.filter((scan) => !deleted.has(scan.id)) as ScanToDelete[],
    };
  }

  /** Undefined when Jumio no longer holds the scan; otherwise the JumioErrorCode to retry on. */
  private async deleteScan(scan: ScanToDelete): Promise<string | undefined> {
    try {
      // KYX: the user's whole Jumio account; its other scans then answer 404 (already erased).
      await this.platforms.delete(productOf(scan.type), scan.jumioReference);
      return undefined;
    } catch (error) {
      // 404: unknown or already deleted (jumio-api.md §7): nothing left there to erase.
      if (error instanceof JumioError && error.code === JumioErrorCode.JUMIO_NOT_FOUND)
        return undefined;
      return error instanceof JumioError ? error.code : 'UNEXPECTED_ERROR';
    }
  }

  private recordDeleted(scan: ScanToDelete): Promise<void> {
    const state = { status: scan.status, decision: scan.decision };
    return this.database.transaction((session) =>
      recordAuditEvent(session, {
        scanTransactionId: scan.id,
        cause: 'ERASURE',
        action: 'JUMIO_SCAN_DELETED',
        previous: state,
        next: state,
      }),
    );
  }
}

function toStatus(request: ErasureRequest): ErasureStatus {
  return {
    requestId: request.id,
    state: request.completedAt ? 'COMPLETED' : 'PENDING',
    requestedAt: request.requestedAt.toISOString(),
    completedAt: request.completedAt?.toISOString() ?? null,
    attempts: request.attempts,
    scansDeleted: request.scansDeleted,
    scansTotal: request.scansTotal,
    lastErrorCode: request.lastErrorCode,
    nextAttemptAt: request.nextAttemptAt?.toISOString() ?? null,
  };
}
