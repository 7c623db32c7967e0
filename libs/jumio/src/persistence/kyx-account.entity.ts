import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The user's one Jumio KYX account (POST the first time, PUT for later workflows). No personal data. */
@Entity('jumio_kyx_account')
export class KyxAccount {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 255 })
  userId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
