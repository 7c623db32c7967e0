import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { JumioMetrics } from '../jumio/jumio-metrics';
import {
  ScanTransactionRepository,
  type TransactionStateCount,
} from '../persistence/scan-transaction.repository';

/** One scrape at most this often reaches the database; a GROUP BY over every transaction is not free. */
const CACHE_MS = 15_000;

/**
 * `jumio_scan_transactions{type,channel,status,decision}`: how many transactions are in each state now,
 * read from the database at scrape time. The database is the only state (several instances share it), so
 * every instance reports the same cluster-wide numbers: aggregate with `max`, not `sum`.
 */
@Injectable()
export class TransactionStateGauge {
  private cached?: { at: number; rows: TransactionStateCount[] };

  constructor(metrics: JumioMetrics, transactions: ScanTransactionRepository) {
    const read = () => this.read(transactions);
    new Gauge({
      name: 'jumio_scan_transactions',
      help: 'Scan transactions by type, channel, status and verification decision (cluster-wide, from the database)',
      labelNames: ['type', 'channel', 'status', 'decision'] as const,
      registers: [metrics.registry],
      async collect() {
        const rows = await read();
        this.reset();
        for (const row of rows) {
          this.set(
            {
              type: row.type,
              channel: row.channel ?? 'NONE',
              status: row.status,
              decision: row.decision ?? 'NONE',
            },
            Number(row.count),
          );
        }
      },
    });
  }

  private async read(transactions: ScanTransactionRepository): Promise<TransactionStateCount[]> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.rows;
    const rows = await transactions.countByState();
    this.cached = { at: Date.now(), rows };
    return rows;
  }
}
