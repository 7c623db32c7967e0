import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { JumioMetrics } from '../jumio/jumio-metrics';

/** One scrape at most this often reaches the database; a GROUP BY over every transaction is not free. */
const CACHE_MS = 15_000;

interface StateRow {
  type: string;
  channel: string | null;
  status: string;
  decision: string | null;
  count: string | number;
}

/**
 * `jumio_scan_transactions{type,channel,status,decision}`: how many transactions are in each state now,
 * read from the database at scrape time. The database is the only state (several instances share it), so
 * every instance reports the same cluster-wide numbers: aggregate with `max`, not `sum`.
 */
@Injectable()
export class TransactionStateGauge {
  private cached?: { at: number; rows: StateRow[] };

  constructor(metrics: JumioMetrics, dataSource: DataSource) {
    const read = () => this.read(dataSource);
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

  private async read(dataSource: DataSource): Promise<StateRow[]> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.rows;
    const rows = await dataSource.query<StateRow[]>(
      `SELECT "type", "channel", "status", "decision", count(*) AS "count"
       FROM "jumio_scan_transaction" GROUP BY "type", "channel", "status", "decision"`,
    );
    this.cached = { at: Date.now(), rows };
    return rows;
  }
}
