import type { Provider } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository';
import { CALLBACK_INBOX_REPOSITORY_PROVIDER } from './callback-inbox.repository';
import { JumioDatabase } from './database-engine';
import { ErasureRequestRepository } from './erasure-request.repository';
import { KyxAccountRepository } from './kyx-account.repository';
import { KyxScanRepository } from './kyx-scan.repository';
import { ManualReviewRepository } from './manual-review.repository';
import { OUTBOX_REPOSITORY_PROVIDER } from './outbox.repository';
import { ScanTransactionRepository } from './scan-transaction.repository';
import { StartClaimRepository } from './start-claim.repository';
import { VerificationResultRepository } from './verification-result.repository';

/** The repositories of the request paths and the database handle services get instead of a DataSource. */
export const PERSISTENCE_PROVIDERS: Provider[] = [
  JumioDatabase,
  ScanTransactionRepository,
  VerificationResultRepository,
  ManualReviewRepository,
  StartClaimRepository,
  KyxAccountRepository,
  ErasureRequestRepository,
  AuditEventRepository,
  KyxScanRepository,
  OUTBOX_REPOSITORY_PROVIDER,
  CALLBACK_INBOX_REPOSITORY_PROVIDER,
];
