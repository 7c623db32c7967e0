import { Inject, Injectable, Optional } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import { JumioError, JumioErrorCode } from '../common/jumio.error';
import { JUMIO_SETTINGS, type JumioSettings } from '../options/jumio-settings';
import { JumioMetrics } from './jumio-metrics';
import { JumioCallPolicies } from './resilience/jumio-call-policies';
import { JumioPacing } from './resilience/jumio-pacing';
import type {
  DocumentAcquisitionRequest,
  DocumentAcquisitionResponse,
  DocumentDataResponse,
  DocumentStatusResponse,
  NetverifyInitiateRequest,
  NetverifyInitiateResponse,
  NetverifyScanDataResponse,
  NetverifyScanStatusResponse,
} from './jumio-api.types';
import type { JumioHosts } from '../options/platform-hosts';
import { jumioStatusError, jumioTransportError, type JumioErrorHints } from './jumio-http-errors';
import { isJumioReference, JUMIO_REFERENCE_SHAPE } from './jumio-reference';
import {
  readAcquisitionResponse,
  readDocumentDataResponse,
  readDocumentStatusResponse,
  readInitiateResponse,
  readScanDataResponse,
  readScanStatusResponse,
  ResponseShapeError,
  type ResponseReader,
} from './jumio-response.readers';

/** Jumio's JSON answers are small; anything bigger is not what the API documents. */
const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

const ERROR_HINTS: JumioErrorHints = {
  // §1.2: Jumio answers 403 for bad credentials and for missing or suspicious headers alike.
  auth: 'check the API token and secret, and the User-Agent',
  notFound: 'Jumio does not hold this reference (unknown or deleted)',
};

/** Which credential pair a call uses: the starting pair, or the Retrieval / Delete pair when configured. */
type CredentialScope = 'start' | 'administration';

interface JumioCall {
  method: 'GET' | 'POST' | 'DELETE';
  baseUrl: string;
  /** Path with a `:scanReference` placeholder; error messages show it instead of the reference. */
  pathTemplate: string;
  scanReference?: string;
  body?: object;
}

interface JumioAnswer {
  status: number;
  text: string;
}

/**
 * Thin typed wrapper over Jumio's legacy Netverify and Document Verification APIs: one method per
 * endpoint. Failures surface as `JumioError` whose messages name the call (method, host, path template)
 * and status, and never carry credentials, request bodies or response bodies (they may hold personal data).
 */
@Injectable()
export class JumioClient {
  private readonly http: AxiosInstance;
  private readonly hosts: JumioHosts;
  private readonly timeoutMs: number;
  private readonly policies: JumioCallPolicies;
  private readonly credentials: Record<CredentialScope, { username: string; password: string }>;
  private readonly pacing: JumioPacing;

  constructor(
    @Inject(JUMIO_SETTINGS) settings: JumioSettings,
    @Optional() private readonly metrics?: JumioMetrics,
  ) {
    const { connection } = settings;
    this.hosts = connection.hosts;
    this.timeoutMs = connection.requestTimeoutMs;
    this.policies = new JumioCallPolicies(settings.resilience);
    this.pacing = new JumioPacing(settings.pacing);
    metrics?.watchCircuits(() => this.policies.circuits());
    this.credentials = {
      start: connection.startCredentials,
      // Least privilege: a separate pair for Retrieval and Delete when the bank created one.
      administration: connection.retrievalCredentials,
    };
    this.http = axios.create({
      headers: { Accept: 'application/json', 'User-Agent': connection.userAgent },
      timeout: this.timeoutMs,
      // Jumio's API does not redirect; following one could send our Basic credentials elsewhere.
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      // Statuses and JSON are interpreted in one place below, not by axios.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    });
  }

  /** Starts a Netverify web v4 transaction (POI, web). */
  initiateNetverify(body: NetverifyInitiateRequest): Promise<NetverifyInitiateResponse> {
    return this.requestJson(
      { method: 'POST', baseUrl: this.hosts.netverifyUrl, pathTemplate: '/api/v4/initiate', body },
      readInitiateResponse,
    );
  }

  /** Starts a Document Verification web acquisition (POA, web). */
  createAcquisition(body: DocumentAcquisitionRequest): Promise<DocumentAcquisitionResponse> {
    return this.requestJson(
      {
        method: 'POST',
        baseUrl: this.hosts.uploadUrl,
        pathTemplate: '/api/netverify/v2/acquisitions',
        body,
      },
      readAcquisitionResponse,
    );
  }

  /** Netverify transaction status: PENDING, DONE or FAILED. */
  getNetverifyScanStatus(scanReference: string): Promise<NetverifyScanStatusResponse> {
    return this.requestJson(
      this.netverifyScanCall('GET', '', scanReference),
      readScanStatusResponse,
    );
  }

  /** Netverify result details: document, transaction and verification. */
  getNetverifyScanData(scanReference: string): Promise<NetverifyScanDataResponse> {
    return this.requestJson(
      this.netverifyScanCall('GET', '/data', scanReference),
      readScanDataResponse,
    );
  }

  /** Document Verification transaction status: DONE or FAILED. */
  getDocumentStatus(scanReference: string): Promise<DocumentStatusResponse> {
    return this.requestJson(
      this.documentCall('GET', '', scanReference),
      readDocumentStatusResponse,
    );
  }

  /** Document Verification details: document (with extracted data) and transaction. */
  getDocumentData(scanReference: string): Promise<DocumentDataResponse> {
    return this.requestJson(
      this.documentCall('GET', '/data', scanReference),
      readDocumentDataResponse,
    );
  }

  /** Deletes a Netverify transaction's images and extracted data at Jumio. */
  async deleteNetverifyScan(scanReference: string): Promise<void> {
    await this.request(this.netverifyScanCall('DELETE', '', scanReference));
  }

  /** Deletes a Document Verification transaction's images and extracted data at Jumio. */
  async deleteDocument(scanReference: string): Promise<void> {
    await this.request(this.documentCall('DELETE', '', scanReference));
  }

  private netverifyScanCall(
    method: 'GET' | 'DELETE',
    suffix: string,
    scanReference: string,
  ): JumioCall {
    const pathTemplate = `/api/netverify/v2/scans/:scanReference${suffix}`;
    return { method, baseUrl: this.hosts.netverifyUrl, pathTemplate, scanReference };
  }

  private documentCall(method: 'GET' | 'DELETE', suffix: string, scanReference: string): JumioCall {
    const pathTemplate = `/api/netverify/v2/documents/:scanReference${suffix}`;
    return { method, baseUrl: this.hosts.retrievalUrl, pathTemplate, scanReference };
  }

  private async requestJson<T>(call: JumioCall, read: ResponseReader<T>): Promise<T> {
    const answer = await this.request(call);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      // The parser's message may quote the body: leave it out.
      throw this.error(
        call,
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `answered HTTP ${answer.status} with a body that is not JSON`,
        answer.status,
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw this.error(
        call,
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `answered HTTP ${answer.status} with JSON that is not an object`,
        answer.status,
      );
    }
    try {
      return read(body as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof ResponseShapeError)) throw error;
      throw this.error(
        call,
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `answered HTTP ${answer.status} but its ${error.message}`,
        answer.status,
      );
    }
  }

  /**
   * Every call goes through the policies (resilience/): an overall deadline, retries for the calls that
   * are safe to repeat (GET, DELETE; never a POST that could create a second billed transaction), a
   * circuit breaker per Jumio host, and pacing under Jumio's rate limits (starts and retrievals).
   */
  private request(call: JumioCall): Promise<JumioAnswer> {
    const url = call.baseUrl + this.resolvePath(call);
    const retrySafe = call.method === 'GET' || call.method === 'DELETE';
    return this.policies.execute(
      {
        baseUrl: call.baseUrl,
        endpointGroup: endpointGroupOf(call),
        retrySafe,
        description: this.describe(call),
      },
      async (deadline) => {
        // Every attempt, retries included, counts against Jumio's rate limit: each waits for its turn.
        const done = await this.pacing.take(
          { method: call.method, baseUrl: call.baseUrl, description: this.describe(call) },
          deadline,
        );
        try {
          return await this.observed(call, () => this.attempt(call, url, deadline));
        } finally {
          done();
        }
      },
    );
  }

  /** Times one attempt for the metrics (endpoint is the path template: no references in labels). */
  private async observed(
    call: JumioCall,
    attempt: () => Promise<JumioAnswer>,
  ): Promise<JumioAnswer> {
    const started = performance.now();
    const endpoint = `${call.method} ${call.pathTemplate}`;
    try {
      const answer = await attempt();
      this.metrics?.jumioCallEnded(endpoint, (performance.now() - started) / 1000);
      return answer;
    } catch (error) {
      const failure =
        error instanceof JumioError
          ? { code: error.code, status: error.upstreamStatus }
          : { code: 'UNEXPECTED' };
      this.metrics?.jumioCallEnded(endpoint, (performance.now() - started) / 1000, failure);
      throw error;
    }
  }

  /** The one place that talks HTTP: a single attempt with a hard timeout, any non-2xx mapped to a JumioError. */
  private async attempt(call: JumioCall, url: string, deadline: AbortSignal): Promise<JumioAnswer> {
    let status: number;
    let text: string;
    let retryAfter: unknown;
    try {
      const response = await this.http.request<string>({
        method: call.method,
        url,
        // Retrieval (GET) and Delete are Jumio's "transaction administration" APIs; POSTs start scans.
        auth: this.credentials[call.method === 'POST' ? 'start' : 'administration'],
        ...(call.body !== undefined && {
          data: JSON.stringify(call.body),
          headers: { 'Content-Type': 'application/json' },
        }),
        // `timeout` is an idle timeout on the socket; this bounds the whole exchange, and the call's
        // overall deadline aborts it too.
        signal: AbortSignal.any([deadline, AbortSignal.timeout(this.timeoutMs)]),
      });
      status = response.status;
      text = typeof response.data === 'string' ? response.data : '';
      retryAfter = response.headers['retry-after'];
    } catch (error) {
      throw jumioTransportError(this.describe(call), error, this.timeoutMs);
    }
    if (status >= 200 && status < 300) return { status, text };
    throw jumioStatusError(this.describe(call), status, retryAfter, ERROR_HINTS);
  }

  private resolvePath(call: JumioCall): string {
    if (call.scanReference === undefined) return call.pathTemplate;
    if (!isJumioReference(call.scanReference)) {
      throw new JumioError(
        JumioErrorCode.INVALID_INPUT,
        `scanReference is not a Jumio reference (${JUMIO_REFERENCE_SHAPE})`,
      );
    }
    return call.pathTemplate.replace(':scanReference', encodeURIComponent(call.scanReference));
  }

  private error(
    call: JumioCall,
    code: JumioErrorCode,
    what: string,
    status?: number,
    retryAfterSeconds?: number,
  ): JumioError {
    return new JumioError(code, `${this.describe(call)} ${what}`, status, retryAfterSeconds);
  }

  /** e.g. `Jumio GET https://netverify.com/api/netverify/v2/scans/:scanReference`; origin drops any userinfo. */
  private describe(call: JumioCall): string {
    let origin: string;
    try {
      origin = new URL(call.baseUrl).origin;
    } catch {
      origin = '(invalid base URL)';
    }
    return `Jumio ${call.method} ${origin}${call.pathTemplate}`;
  }
}

/** Circuits are per endpoint group: a failing start must not hide behind working status reads. */
function endpointGroupOf(call: JumioCall): string {
  if (call.method === 'DELETE') return 'delete';
  if (call.method === 'GET') return 'retrieval';
  return call.pathTemplate.endsWith('/acquisitions') ? 'acquisitions' : 'initiate';
}
