import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A scan transaction that runs on KYX, with the account its workflow execution belongs to. A transaction
 * without a row here runs on the legacy platform: transactions remember their platform, so legacy ones
 * in flight still finish on legacy after a bank switches.
 */
@Entity('jumio_kyx_scan')
export class KyxScan {
  @PrimaryColumn({ name: 'scan_transaction_id', type: 'varchar', length: 36 })
  scanTransactionId: string;

  /** The workflow execution id (also the transaction's jumio_reference). */
  @Index('IDX_jumio_kyx_scan_reference', { unique: true })
  @Column({ name: 'workflow_execution_id', type: 'varchar', length: 36 })
  workflowExecutionId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
