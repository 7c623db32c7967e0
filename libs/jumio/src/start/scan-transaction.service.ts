import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CallbackUrlBuilder } from './callback-url.builder';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { JumioPlatforms, type PlatformStartSettings } from '../jumio/jumio-platforms';
import type { AcquirePoaDto } from './dto/acquire-poa.dto';
import type { InitiatePoiDto } from './dto/initiate-poi.dto';
import type { MobileHandoffResponse } from './dto/mobile-handoff.response';
import {
  toStatusResponse,
  type ScanTransactionStatusResponse,
} from '../results/scan-transaction-status.response';
import type { StatusFields } from '../persistence/latest-status.query';
import type { SetScanStatusDto } from './dto/set-scan-status.dto';
import type { StartPoaScanDto } from './dto/start-poa-scan.dto';
import type { StartPoiScanDto } from './dto/start-poi-scan.dto';
import type { WebRedirectResponse } from './dto/web-redirect.response';
import { normaliseLocale } from '../jumio/legacy/jumio-start.requests';
import { assertRedirectUrl } from './redirect-url.rules';
import {
  fingerprint,
  hashCallbackToken,
  newCallbackToken,
  newCustomerInternalReference,
  newUserReference,
} from '../common/scan-secrets';
import type { ScanTransaction } from '../persistence/scan-transaction.entity';
import {
  openKeyOf,
  planClientReport,
  planScanReference,
  planStart,
  type StartPlan,
  type StartRequest,
} from '../transaction/scan-transaction.rules';
import { ConcurrentChangeError, ScanTransactionStore } from '../results/scan-transaction.store';
import { StartClaims } from './start-claims';
import type { ScanChannel, ScanType } from '../persistence/scan-transaction.types';
import { isFinalDecision, pickUserVisible } from '../results/user-visible-extracted';
import type { ExtractedData } from '../options/extracted-data';
import { conflict, MAX_CONFLICT_RETRIES, retryOnConflict } from '../results/conflict-retry';

/** A KYX mobile start's claim names no request: no web start is ever "the same request" as it. */
const MOBILE_START_FINGERPRINT = 'mobile';

interface NewTransactionFields {
  channel: ScanChannel;
  documentType?: string | null;
  country?: string | null;
  locale?: string | null;
  requestFingerprint?: string | null;
}

/** A web start always fingerprints its request: an identical repeat reuses or waits for its answer. */
type WebStartFields = NewTransactionFields & { requestFingerprint: string };

/** Where Jumio's hosted page sends the user back to. */
interface WebStartUrls {
  successUrl: string;
  errorUrl: string;
}

/**
 * The scan lifecycle: starts (web and mobile), the client's reports, and Jumio's results. The state rules
 * themselves are the pure functions of scan-transaction.rules.ts; this service reads, decides, and writes
 * with guarded updates.
 */
@Injectable()
export class ScanTransactionService {
  private readonly webLinkLifetimeMs: number;
  private readonly startClaimLeaseMs: number;
  private readonly acceptedPoaDocumentTypes: readonly string[];
  private readonly userVisibleExtractedFields: readonly (keyof ExtractedData)[];
  private readonly settings: JumioSettings;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    private readonly store: ScanTransactionStore,
    private readonly platforms: JumioPlatforms,
    private readonly startClaims: StartClaims,
    private readonly callbackUrls: CallbackUrlBuilder,
  ) {
    this.settings = settings;
    const { scans, decisions } = settings;
    this.webLinkLifetimeMs = scans.webLinkLifetimeMs;
    this.startClaimLeaseMs = scans.startClaimLeaseMs;
    this.acceptedPoaDocumentTypes = decisions.poaRules.acceptedDocumentTypes;
    this.userVisibleExtractedFields = scans.userVisibleExtractedFields;
  }

  /** The busiest route of the module: one read, then the answer, with no await of its own in between. */
  getStatus(userId: string, type: ScanType): Promise<ScanTransactionStatusResponse> {
    return this.store.latestStatus(userId, type).then((tx) => this.statusResponse(type, tx));
  }

  /**
   * The status answer; with `userVisibleExtractedFields`, a final decision also carries those fields of what
   * Jumio read (one indexed read and a decrypt). Without the option, no read beyond the status row, and
   * the answer is returned as it is (not wrapped in another promise).
   */
  private statusResponse(
    type: ScanType,
    tx: StatusFields | null,
  ): ScanTransactionStatusResponse | Promise<ScanTransactionStatusResponse> {
    const response = toStatusResponse(type, tx);
    const fields = this.userVisibleExtractedFields;
    if (fields.length === 0 || !tx || !response.verification || !isFinalDecision(tx.decision)) {
      return response;
    }
    const verification = response.verification;
    return this.store.extractedDataOf(tx.id).then((data) => {
      verification.extracted = data && pickUserVisible(data, fields);
      return response;
    });
  }

  /**
   * Mobile start: a transaction and everything the SDK needs. Legacy SDK 3.x creates Jumio's scan itself,
   * so no Jumio call (and no start claim) here. KYX (SDK 4.x) needs the workflow execution first: that
   * start is billed, so it holds the step's start claim like a web start, and a concurrent start gets a
   * 409 (the SDK token is handed out once, there is no answer to share). A web start in flight would
   * replace this transaction as soon as Jumio answers it, leaving the app scanning for a closed one:
   * refused instead, the client tries again.
   */
  async startMobile(
    userId: string,
    type: ScanType,
    dto: StartPoiScanDto | StartPoaScanDto,
  ): Promise<MobileHandoffResponse> {
    const documentType = 'documentType' in dto ? dto.documentType : (dto.idType ?? null);
    if (type === 'POA') this.assertAcceptedPoaDocument(documentType);
    if (await this.startClaims.inFlight(userId, type)) throw startInProgress();
    const fields = { channel: 'MOBILE' as const, documentType, country: dto.country ?? null };
    if (!this.platforms.mobileStartCallsJumio) {
      return retryOnConflict(() => this.startMobileOnce(userId, type, fields));
    }
    const attempt = await this.startClaims.claim(
      userId,
      type,
      MOBILE_START_FINGERPRINT,
      new Date(),
      this.startClaimLeaseMs,
    );
    if (!attempt.won) throw startInProgress();
    try {
      // Jumio was paid for this workflow: a lost race is a 409, never a second workflow.
      return await this.startMobileOnce(userId, type, fields);
    } catch (error) {
      throw conflict(error);
    } finally {
      await this.startClaims.release(attempt.claim);
    }
  }

  /**
   * Jumio first where the platform calls it (so a failing Jumio leaves no transaction), then the
   * transaction; the app gets the SDK token (KYX) and the data centre, never a credential.
   */
  private async startMobileOnce(
    userId: string,
    type: ScanType,
    fields: NewTransactionFields,
  ): Promise<MobileHandoffResponse> {
    const now = new Date();
    const plan = planStart(
      await this.store.latest(userId, type),
      { channel: 'MOBILE', fingerprint: null },
      now,
    );
    const token = newCallbackToken();
    const draft = await this.draft(userId, type, token, now, fields);
    const started = await this.platforms.startMobile(draft, {
      callbackUrl: this.callbackUrls.urlFor(token),
      tokenLifetimeMs: this.webLinkLifetimeMs,
    });
    const tx = await this.store.insert(
      { ...draft, jumioReference: started.jumioReference },
      plan.kind === 'create' ? plan.replaces : null,
    );
    return {
      transactionId: tx.id,
      customerInternalReference: tx.customerInternalReference,
      userReference: tx.userReference,
      callbackUrl: this.callbackUrls.urlFor(token),
      dataCenter: this.settings.connection.dataCenter,
      sdkToken: started.sdkToken ?? undefined,
      documentType: tx.documentType,
      country: tx.country,
    };
  }

  /** Mobile: the scanReference the SDK returned. */
  setScanReference(
    userId: string,
    type: ScanType,
    scanReference: string,
  ): Promise<ScanTransactionStatusResponse> {
    return retryOnConflict(async () => {
      const tx = await this.store.latest(userId, type);
      const changes = planScanReference(tx, scanReference);
      if (!tx || !changes) return this.statusResponse(type, tx);
      await this.platforms.linkMobileResult(tx, scanReference);
      const owner = await this.store.findByJumioReference(scanReference);
      if (owner && owner.id !== tx.id) {
        throw new JumioError(
          JumioErrorCode.INVALID_STATE,
          'This scanReference belongs to another transaction',
        );
      }
      return this.statusResponse(type, await this.store.update(tx, changes, new Date()));
    });
  }

  /** The client reports how the capture journey ended. */
  setStatus(
    userId: string,
    type: ScanType,
    dto: SetScanStatusDto,
  ): Promise<ScanTransactionStatusResponse> {
    return retryOnConflict(async () => {
      const tx = await this.store.latest(userId, type);
      const changes = planClientReport(tx, dto.status, dto.errorCode ?? null);
      if (!tx || !changes) return this.statusResponse(type, tx);
      return this.statusResponse(type, await this.store.update(tx, changes, new Date()));
    });
  }

  /** Web POI: Jumio Netverify v4 initiate, or the open transaction again if it is still usable. */
  initiateWeb(userId: string, dto: InitiatePoiDto): Promise<WebRedirectResponse> {
    this.assertRedirectUrls(dto, 'no-jumio-params');
    const locale = normaliseLocale(dto.locale);
    return this.startWeb(
      userId,
      'POI',
      {
        channel: 'WEB',
        locale,
        requestFingerprint: fingerprint({ ...dto, locale: locale ?? undefined }),
      },
      dto,
    );
  }

  /** Web POA: Jumio Document Verification acquisition, or the open transaction again if still usable. */
  acquireWeb(userId: string, dto: AcquirePoaDto): Promise<WebRedirectResponse> {
    this.assertAcceptedPoaDocument(dto.documentType);
    this.assertRedirectUrls(dto, 'none');
    const locale = normaliseLocale(dto.locale);
    return this.startWeb(
      userId,
      'POA',
      {
        channel: 'WEB',
        documentType: dto.documentType,
        country: dto.country,
        locale,
        requestFingerprint: fingerprint({ ...dto, locale: locale ?? undefined }),
      },
      dto,
    );
  }

  /**
   * A web start pays Jumio, so only one start per user and type may be talking to Jumio at a time, on any
   * instance: the start first claims the step (StartClaims), and writes its transaction only once Jumio
   * answered, so a failing Jumio leaves nothing behind (the claim is deleted, or lapses if we crash).
   * An identical request meanwhile (double click, a client retrying on another instance) waits for the
   * start in flight and answers with the same transaction; a different request gets a 409 at once rather
   * than paying Jumio for a transaction that would replace one just handed out.
   *
   * While a start is in flight the step reads as it was before it: the claim is not a transaction, and
   * there is nothing the client could resume yet. So the status is NOT_STARTED_YET (or the previous
   * transaction, unchanged) until Jumio answered, and PENDING with the new transaction from then on.
   */
  private async startWeb(
    userId: string,
    type: ScanType,
    fields: WebStartFields,
    urls: WebStartUrls,
  ): Promise<WebRedirectResponse> {
    const request = { channel: 'WEB' as const, fingerprint: fields.requestFingerprint };
    // Long enough to see the start in flight end, or its claim lapse (`scans.startClaimLeaseMs`).
    const waitUntil = new Date(Date.now() + this.startClaimLeaseMs + 1000);
    for (let waited = false; ; waited = true) {
      const plan = planStart(await this.store.latest(userId, type), request, new Date());
      if (plan.kind === 'reuse') return toWebRedirect(plan.transaction);
      // The identical start we waited for left no transaction: it failed. Sharing its failure keeps a
      // double click (or a client retrying on another instance) from paying Jumio a second time.
      if (waited) throw startFailedMeanwhile();
      const attempt = await this.startClaims.claim(
        userId,
        type,
        request.fingerprint,
        new Date(),
        this.startClaimLeaseMs,
      );
      if (attempt.won) {
        try {
          return await this.startClaimed(userId, type, fields, request, urls);
        } finally {
          await this.startClaims.release(attempt.claim);
        }
      }
      const sameRequest =
        attempt.holderFingerprint === null || attempt.holderFingerprint === request.fingerprint;
      if (!sameRequest || !(await this.startClaims.waitUntilFree(userId, type, waitUntil))) {
        throw startInProgress();
      }
      // The start we waited for ended: its transaction fits this request, or it failed (see above).
    }
  }

  /** Starts at Jumio and stores the transaction; runs while holding the step's start claim. */
  private async startClaimed(
    userId: string,
    type: ScanType,
    fields: WebStartFields,
    request: StartRequest,
    urls: WebStartUrls,
  ): Promise<WebRedirectResponse> {
    const now = new Date();
    // Re-read under the claim: a start that ended just before we claimed may already fit this request.
    let plan: StartPlan = planStart(await this.store.latest(userId, type), request, now);
    if (plan.kind === 'reuse') return toWebRedirect(plan.transaction);

    const token = newCallbackToken();
    const draft = await this.draft(userId, type, token, now, fields);
    // Jumio first: if it fails, nothing has been written.
    const settings: PlatformStartSettings = {
      callbackUrl: this.callbackUrls.urlFor(token),
      tokenLifetimeMs: this.webLinkLifetimeMs,
    };
    const answer = await this.platforms.startWeb(draft, urls, settings);
    const tx: ScanTransaction = {
      ...draft,
      jumioReference: answer.jumioReference,
      redirectUrl: answer.redirectUrl,
      tokenExpiresAt: new Date(now.getTime() + this.webLinkLifetimeMs),
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return toWebRedirect(
          await this.store.insert(tx, plan.kind === 'create' ? plan.replaces : null),
        );
      } catch (error) {
        if (!(error instanceof ConcurrentChangeError) || attempt >= MAX_CONFLICT_RETRIES)
          throw conflict(error);
      }
      // Another change won (a mobile start, a client report): use it if it fits, else replace it.
      plan = planStart(await this.store.latest(userId, type), request, new Date());
      if (plan.kind === 'reuse') return toWebRedirect(plan.transaction);
    }
  }

  private async draft(
    userId: string,
    type: ScanType,
    token: string,
    now: Date,
    fields: NewTransactionFields,
  ): Promise<ScanTransaction> {
    const [retries, userReference] = await Promise.all([
      this.store.countRetries(userId, type),
      this.store.existingUserReference(userId),
    ]);
    return {
      id: randomUUID(),
      userId,
      type,
      channel: fields.channel,
      status: 'PENDING',
      jumioReference: null,
      customerInternalReference: newCustomerInternalReference(),
      userReference: userReference ?? newUserReference(),
      callbackTokenHash: hashCallbackToken(token),
      requestFingerprint: fields.requestFingerprint ?? null,
      redirectUrl: null,
      tokenExpiresAt: null,
      documentType: fields.documentType ?? null,
      country: fields.country ?? null,
      locale: fields.locale ?? null,
      errorCode: null,
      attempt: retries + 1,
      decision: null,
      jumioStatus: null,
      reasons: null,
      completedAt: null,
      openKey: openKeyOf(userId, type),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  private assertRedirectUrls(
    dto: { successUrl: string; errorUrl: string },
    query: 'none' | 'no-jumio-params',
  ) {
    const rule = { query, sandbox: this.settings.connection.sandbox };
    assertRedirectUrl('successUrl', dto.successUrl, rule);
    assertRedirectUrl('errorUrl', dto.errorUrl, rule);
  }

  /** A document the POA rules would refuse is refused before Jumio is paid to read it. */
  private assertAcceptedPoaDocument(documentType: string | null): void {
    if (documentType !== null && this.acceptedPoaDocumentTypes.includes(documentType)) return;
    throw new JumioError(
      JumioErrorCode.INVALID_INPUT,
      `documentType ${documentType} is not accepted for proof of address (accepted: ${this.acceptedPoaDocumentTypes.join(', ')})`,
    );
  }
}

function toWebRedirect(tx: ScanTransaction): WebRedirectResponse {
  return { transactionId: tx.id, redirectUrl: tx.redirectUrl ?? '' };
}

/** Another start of the step is talking to Jumio (see startWeb). */
function startInProgress(): JumioError {
  return new JumioError(
    JumioErrorCode.INVALID_STATE,
    'A start of this step is already in progress; try again when it has finished',
  );
}

/** An identical start in flight failed while this request waited for it. */
function startFailedMeanwhile(): JumioError {
  return new JumioError(
    JumioErrorCode.JUMIO_UNAVAILABLE,
    'The identical start in progress failed; try again',
  );
}
