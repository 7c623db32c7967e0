import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { preparedQuery, type DbSession, type PreparedQuery } from './database-engine';
import { KyxScan } from './kyx-scan.entity';

/** Every statement on jumio_kyx_scan (which transactions run on KYX, and their account). */
@Injectable()
export class KyxScanRepository {
  private readonly rows: Repository<KyxScan>;
  private readonly accountByReference: PreparedQuery<{ account_id: string }>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(KyxScan);
    // Asked before every retrieval (which platform a scan runs on): one named statement, one column.
    this.accountByReference = preparedQuery(
      dataSource,
      'jumio_kyx_scan_account',
      'SELECT account_id FROM jumio_kyx_scan WHERE workflow_execution_id = ?',
    );
  }

  /** The KYX account of a workflow execution (a Jumio reference); null for a legacy scan. */
  async accountOf(workflowExecutionId: string): Promise<{ accountId: string } | null> {
    const [row] = await this.accountByReference([workflowExecutionId]);
    return row ? { accountId: row.account_id } : null;
  }

  /** The KYX scan of a workflow execution or of a transaction; null for a legacy transaction. */
  find(
    where: { workflowExecutionId: string } | { scanTransactionId: string },
  ): Promise<KyxScan | null> {
    return this.rows.findOneBy(where);
  }

  async insert(session: DbSession, scan: KyxScan): Promise<void> {
    await session.getRepository(KyxScan).insert(scan);
  }
}
