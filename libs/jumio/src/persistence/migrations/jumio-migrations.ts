import { CreateJumioTables1764150000000 } from './1764150000000-create-jumio-tables';
import { AddJumioReconciliationAndOutbox1764170000000 } from './1764170000000-add-jumio-reconciliation-and-outbox';
import { CreateDataProtectionTables1764180000000 } from './1764180000000-create-data-protection-tables';
import { AddJumioCallbackInboxClaims1764190000000 } from './1764190000000-add-jumio-callback-inbox-claims';
import { CreateJumioStartClaim1764195000000 } from './1764195000000-create-jumio-start-claim';
import { AddJumioReconciliationResetIndexes1764200000000 } from './1764200000000-add-jumio-reconciliation-reset-indexes';
import { AddJumioManualReview1764300000000 } from './1764300000000-add-jumio-manual-review';
import { CreateJumioKyxTables1764400000000 } from './1764400000000-create-jumio-kyx-tables';

/** Pass to the host's DataSource (`migrations`, with `migrationsRun: true`). Order matters: oldest first. */
export const JUMIO_MIGRATIONS = [
  CreateJumioTables1764150000000,
  AddJumioReconciliationAndOutbox1764170000000,
  CreateDataProtectionTables1764180000000,
  AddJumioCallbackInboxClaims1764190000000,
  CreateJumioStartClaim1764195000000,
  AddJumioReconciliationResetIndexes1764200000000,
  AddJumioManualReview1764300000000,
  CreateJumioKyxTables1764400000000,
];
