import { CallbackInboxEntry } from './callback/callback-inbox.entity';
import { AuditEvent } from './data-protection/audit-event.entity';
import { ErasureRequest } from './data-protection/erasure-request.entity';
import { KyxAccount } from './platform/kyx/kyx-account.entity';
import { KyxScan } from './platform/kyx/kyx-scan.entity';
import { ScanTransaction } from './scan-transaction/scan-transaction.entity';
import { VerificationResult } from './scan-transaction/verification-result.entity';
import { ManualReview } from './review/manual-review.entity';

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
