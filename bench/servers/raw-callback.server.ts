/**
 * Baseline for callback ingestion: raw fastify parses the urlencoded form, one `pg` INSERT stores it
 * durably in the callback inbox, and the answer is 200. No authenticity checks, no processing.
 */
import fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { parse } from 'node:querystring';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const INSERT = `
  INSERT INTO jumio_callback_inbox (id, received_at, jumio_reference, payload)
  VALUES ($1, now(), $2, $3)`;

const app = fastify();
app.addContentTypeParser(
  'application/x-www-form-urlencoded',
  { parseAs: 'string' },
  (_request, body, done) => done(null, parse(body as string)),
);

app.post('/api/jumio/callback/:token', async (request) => {
  const form = request.body as Record<string, string | string[] | undefined>;
  const reference = form.jumioIdScanReference ?? form.scanReference;
  await pool.query({
    name: 'inbox',
    text: INSERT,
    values: [randomUUID(), typeof reference === 'string' ? reference : null, JSON.stringify(form)],
  });
  return '';
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
