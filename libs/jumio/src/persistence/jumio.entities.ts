import { CallbackInboxEntry } from './callback-inbox.entity';
import { AuditEvent } from './audit-event.entity';
import { ErasureRequest } from './erasure-request.entity';
import { KyxAccount } from './kyx-account.entity';
import { KyxScan } from './kyx-scan.entity';
import { ScanTransaction } from './scan-transaction.entity';
import { VerificationResult } from './verification-result.entity';
import { ManualReview } from './manual-review.entity';

/** Pass to the host's DataSource (`entities`); the module registers them with `forFeature`. */
export const JUMIO_ENTITIES = [
  ScanTransaction,
  VerificationResult,
  CallbackInboxEntry,
  AuditEvent,
  ErasureRequest,
  ManualReview,
  KyxAccount,
  KyxScan,
];
