/**
 * Baseline for `!getScanTransactionStatus`: raw fastify + `pg`, one named prepared statement doing the
 * same indexed read as the module (newest open-first transaction of the user and type), mapped to the same
 * JSON. Same pool size as TypeORM's default (10).
 */
import fastify from 'fastify';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const LATEST = `
  SELECT id, status, channel, jumio_reference, attempt, decision, jumio_status, reasons, completed_at, updated_at
  FROM jumio_scan_transaction
  WHERE user_id = $1 AND type = $2
  ORDER BY CASE WHEN open_key IS NULL THEN 1 ELSE 0 END ASC, created_at DESC
  LIMIT 1`;

interface Row {
  id: string;
  status: string;
  channel: string | null;
  jumio_reference: string | null;
  attempt: number;
  decision: string | null;
  jumio_status: string | null;
  reasons: string | null;
  completed_at: Date | null;
  updated_at: Date;
}

const app = fastify();

app.get('/api/private/jumio/poi/!getScanTransactionStatus', async (request, reply) => {
  const userId = request.headers['x-user-id'];
  if (typeof userId !== 'string') return reply.code(401).send({ message: 'No authenticated user' });
  const { rows } = await pool.query<Row>({ name: 'latest', text: LATEST, values: [userId, 'POI'] });
  const tx = rows[0];
  if (!tx) {
    return {
      type: 'POI',
      status: 'NOT_STARTED_YET',
      transactionId: null,
      channel: null,
      scanReference: null,
      attempts: 0,
      verification: null,
      updatedAt: null,
    };
  }
  return {
    type: 'POI',
    status: tx.status,
    transactionId: tx.id,
    channel: tx.channel,
    scanReference: tx.jumio_reference,
    attempts: tx.attempt,
    verification: tx.decision
      ? {
          decision: tx.decision,
          jumioStatus: tx.jumio_status,
          reasons: tx.reasons ? (JSON.parse(tx.reasons) as string[]) : [],
          completedAt: tx.completed_at?.toISOString() ?? null,
        }
      : null,
    updatedAt: tx.updated_at.toISOString(),
  };
});

app.listen({ port: 0, host: '127.0.0.1' }).then(
  (url) => console.log(`LISTENING ${url}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
