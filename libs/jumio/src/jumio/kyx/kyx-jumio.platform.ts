import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import type { JumioProduct, JumioResult } from '../../persistence/verification.types';
import type {
  JumioPlatform,
  PlatformCallback,
  PlatformStart,
  PlatformWebStart,
  ScanReferences,
  StartedScan,
} from '../jumio-platform';
import type { KyxAccountRequest, KyxCredentialDefinition } from './kyx-api.types';
import { readKyxCallback } from './kyx-callback.reader';
import { KYX_UNFINISHED_STATUSES, KyxResultShapeError, mapKyxDetails } from './kyx-result.mapper';
import type { KyxClient } from './kyx.client';

export interface KyxPlatformSettings {
  poiWorkflowKey: number;
  poaWorkflowKey: number;
}

/**
 * KYX behind the platform boundary: one Jumio account per user (POST the first time, PUT for later
 * workflows), the workflow execution id as Jumio reference, JSON callbacks, status then details,
 * delete of the whole account.
 */
export class KyxJumioPlatform implements JumioPlatform {
  readonly name = 'kyx' as const;

  constructor(
    private readonly kyx: KyxClient,
    private readonly settings: KyxPlatformSettings,
  ) {}

  startWeb(start: PlatformWebStart): Promise<StartedScan> {
    return this.start(start, { successUrl: start.successUrl, errorUrl: start.errorUrl });
  }

  startMobile(start: PlatformStart): Promise<StartedScan> {
    return this.start(start, undefined);
  }

  /** SDK 4.x reports the workflow execution id; it must be the one this transaction created. */
  linkMobileResult(reported: string, known: { jumioReference: string | null }): string {
    if (known.jumioReference !== reported) {
      throw new JumioError(
        JumioErrorCode.INVALID_STATE,
        "This scanReference is not this transaction's workflow execution",
      );
    }
    return reported;
  }

  readCallback(body: Record<string, unknown>): PlatformCallback {
    const callback = readKyxCallback(body);
    const key = callback.definitionKey;
    const product =
      key === String(this.settings.poiWorkflowKey)
        ? 'NETVERIFY'
        : key === String(this.settings.poaWorkflowKey)
          ? 'DOCUMENT'
          : null;
    return { product, jumioReference: callback.workflowExecutionId, accountId: callback.accountId };
  }

  /** Status first; the details only once Jumio finished (RET best practice). */
  async retrieve(product: JumioProduct, references: ScanReferences): Promise<JumioResult> {
    const accountId = requireAccount(references);
    const context = { product, requireSelfie: product === 'NETVERIFY' };
    const status = await this.kyx.getWorkflowStatus(accountId, references.jumioReference);
    const current = status.workflowExecution.status;
    const details = KYX_UNFINISHED_STATUSES.includes(current)
      ? { workflow: { id: references.jumioReference, status: current } }
      : await this.kyx.getWorkflowDetails(accountId, references.jumioReference);
    try {
      return mapKyxDetails(details, context);
    } catch (error) {
      if (!(error instanceof KyxResultShapeError)) throw error;
      throw new JumioError(
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `Jumio KYX details: ${error.message}`,
      );
    }
  }

  async delete(_product: JumioProduct, references: ScanReferences): Promise<void> {
    await this.kyx.deleteAccount(requireAccount(references));
  }

  private async start(start: PlatformStart, web: KyxAccountRequest['web']): Promise<StartedScan> {
    const body = this.accountRequest(start, web);
    let answer;
    if (start.accountId) {
      try {
        answer = await this.kyx.updateAccount(start.accountId, body);
      } catch (error) {
        // The account is gone at Jumio (deleted by an erasure, or by Jumio's retention): start a new one.
        if (!(error instanceof JumioError) || error.code !== JumioErrorCode.JUMIO_NOT_FOUND)
          throw error;
        answer = await this.kyx.createAccount(body);
      }
    } else {
      answer = await this.kyx.createAccount(body);
    }
    return {
      jumioReference: answer.workflowExecution.id,
      redirectUrl: answer.web?.href ?? null,
      accountId: answer.account.id,
      sdkToken: answer.sdk?.token ?? null,
    };
  }

  private accountRequest(start: PlatformStart, web: KyxAccountRequest['web']): KyxAccountRequest {
    const poa = start.type === 'POA';
    const credentials: KyxCredentialDefinition[] = [];
    if (poa) {
      credentials.push({
        category: 'DOCUMENT',
        country: { predefinedType: 'DEFINED', values: [start.country ?? ''] },
        type: { predefinedType: 'DEFINED', values: [start.documentType ?? ''] },
      });
    } else if (start.country && start.documentType) {
      credentials.push({
        category: 'ID',
        country: { predefinedType: 'DEFINED', values: [start.country] },
        type: { predefinedType: 'DEFINED', values: [start.documentType] },
      });
    }
    return {
      customerInternalReference: start.customerInternalReference,
      userReference: start.userReference,
      callbackUrl: start.callbackUrl,
      tokenLifetime: `${Math.round(start.tokenLifetimeMs / 60_000)}m`,
      workflowDefinition: {
        key: poa ? this.settings.poaWorkflowKey : this.settings.poiWorkflowKey,
        ...(credentials.length > 0 && { credentials }),
      },
      ...(web && { web: { ...web, ...(start.locale && { locale: start.locale }) } }),
    };
  }
}

function requireAccount(references: ScanReferences): string {
  if (!references.accountId) {
    throw new JumioError(JumioErrorCode.INVALID_STATE, 'A KYX scan needs its Jumio account id');
  }
  return references.accountId;
}
