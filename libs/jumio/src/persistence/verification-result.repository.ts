import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { DbSession } from './database-engine';
import { VerificationResult } from './verification-result.entity';

/** The sealed extracted data of a result and the id it is bound to. */
export type SealedExtractedData = Pick<VerificationResult, 'id' | 'extractedData'>;

/** Every statement of the request paths on jumio_verification_result (at most one row per transaction). */
@Injectable()
export class VerificationResultRepository {
  private readonly rows: Repository<VerificationResult>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(VerificationResult);
  }

  /** One read by the unique scan_transaction_id. */
  sealedExtractedDataOf(scanTransactionId: string): Promise<SealedExtractedData | null> {
    return this.rows.findOne({
      where: { scanTransactionId },
      select: { id: true, extractedData: true },
    });
  }

  existsFor(scanTransactionId: string): Promise<boolean> {
    return this.rows.existsBy({ scanTransactionId });
  }

  async insert(session: DbSession, row: VerificationResult): Promise<void> {
    await session.insert(VerificationResult, row);
  }
}
