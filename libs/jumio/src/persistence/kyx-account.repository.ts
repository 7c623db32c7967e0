import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { DbSession } from './database-engine';
import { KyxAccount } from './kyx-account.entity';

/** Every statement on jumio_kyx_account (a user's one KYX account id; no personal data). */
@Injectable()
export class KyxAccountRepository {
  private readonly rows: Repository<KyxAccount>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(KyxAccount);
  }

  /** The user's KYX account id, or null when the user has none (yet, or since erasure). */
  async accountIdOf(userId: string): Promise<string | null> {
    return (await this.rows.findOneBy({ userId }))?.accountId ?? null;
  }

  /** Sets the user's account (new or replaced) within `session`. */
  async save(session: DbSession, userId: string, accountId: string, at: Date): Promise<void> {
    await session
      .getRepository(KyxAccount)
      .save({ userId, accountId, createdAt: at, updatedAt: at });
  }

  async forget(userId: string): Promise<void> {
    await this.rows.delete({ userId });
  }
}
