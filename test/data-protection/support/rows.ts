import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CallbackInboxEntry } from '@app/jumio/persistence/callback-inbox.entity';
import { ScanTransaction } from '@app/jumio/persistence/scan-transaction.entity';
import { VerificationResult } from '@app/jumio/persistence/verification-result.entity';
import type { PersonalDataCipher } from '@app/jumio/persistence/personal-data.cipher';
import type { ExtractedData } from '@app/jumio';

export const CANARY_FIRST = 'CANARYFIRST';
export const CANARY_DOCUMENT = 'CANARY123456';
export const CANARY_DATA: ExtractedData = {
  firstName: CANARY_FIRST,
  lastName: 'CANARYLAST',
  dateOfBirth: '1911-11-11',
  documentNumber: CANARY_DOCUMENT,
  address: { line1: 'CANARY LANE 7', city: 'CANARYTOWN' },
};

/** Stores a finished transaction with a result (and an inbox row), through the real entities. */
export async function insertFinishedScan(
  dataSource: DataSource,
  personalData: PersonalDataCipher,
  options: {
    userId: string;
    type?: 'POI' | 'POA';
    createdAt?: Date;
    jumioReference?: string;
    data?: ExtractedData;
  },
): Promise<{ transactionId: string; resultId: string; inboxId: string }> {
  const createdAt = options.createdAt ?? new Date();
  const transactionId = randomUUID();
  const resultId = randomUUID();
  const inboxId = randomUUID();
  await dataSource.getRepository(ScanTransaction).insert({
    id: transactionId,
    userId: options.userId,
    type: options.type ?? 'POI',
    channel: 'WEB',
    status: 'SUCCESS',
    jumioReference: options.jumioReference ?? randomUUID(),
    customerInternalReference: randomUUID(),
    userReference: randomUUID(),
    callbackTokenHash: randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
    requestFingerprint: null,
    redirectUrl: null,
    tokenExpiresAt: null,
    documentType: null,
    country: null,
    locale: null,
    errorCode: null,
    attempt: 1,
    decision: 'APPROVED',
    jumioStatus: 'APPROVED_VERIFIED',
    reasons: '[]',
    completedAt: createdAt,
    openKey: null,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  });
  await dataSource.getRepository(VerificationResult).insert({
    id: resultId,
    scanTransactionId: transactionId,
    source: 'CALLBACK',
    jumioStatus: 'APPROVED_VERIFIED',
    decision: 'APPROVED',
    reasons: '[]',
    extractedData: personalData.sealExtractedData(resultId, options.data ?? CANARY_DATA),
    reportedAt: createdAt,
    createdAt,
  });
  await dataSource.getRepository(CallbackInboxEntry).insert({
    id: inboxId,
    receivedAt: createdAt,
    jumioReference: null,
    scanTransactionId: transactionId,
    payload: personalData.sealCallbackPayload(inboxId, {
      idFirstName: CANARY_FIRST,
      idNumber: CANARY_DOCUMENT,
    }),
    processedAt: null,
    outcome: null,
    errorField: null,
  });
  return { transactionId, resultId, inboxId };
}
