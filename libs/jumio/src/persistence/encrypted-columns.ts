/** A text column whose values are encrypted with `FieldCipher`; `idColumn` names the row in the AAD. */
export interface EncryptedColumn {
  table: string;
  idColumn: string;
  column: string;
}

/** Every column holding personal data. Adding one here puts it under rotation as well. */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'jumio_verification_result', idColumn: 'id', column: 'extracted_data' },
  { table: 'jumio_callback_inbox', idColumn: 'id', column: 'payload' },
];
