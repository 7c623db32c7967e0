import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { DbSession } from './database-engine';
import { KyxScan } from './kyx-scan.entity';

/** Every statement on jumio_kyx_scan (which transactions run on KYX, and their account). */
@Injectable()
export class KyxScanRepository {
  private readonly rows: Repository<KyxScan>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(KyxScan);
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
