import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per web start in flight (see start/start-claims.ts): the primary key makes sure only
 * one start per user and type is talking to Jumio at a time, across instances. Rows live for the length of
 * one Jumio call; a row whose lease lapsed (its instance died) is taken over by the next start.
 */
export class CreateJumioStartClaim1764195000000 implements MigrationInterface {
  name = 'CreateJumioStartClaim1764195000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const ts = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.query(`
      CREATE TABLE "jumio_start_claim" (
        "claim_key" varchar(64) NOT NULL,
        "owner" varchar(36) NOT NULL,
        "request_fingerprint" varchar(64) NOT NULL,
        "claimed_until" ${ts} NOT NULL,
        CONSTRAINT "PK_jumio_start_claim" PRIMARY KEY ("claim_key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "jumio_start_claim"`);
  }
}
