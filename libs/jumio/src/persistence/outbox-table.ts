/** The outbox table has no entity (it is written with SQL by results/outbox.writer.ts). */
export const OUTBOX_TABLE = 'jumio_outbox_event';
