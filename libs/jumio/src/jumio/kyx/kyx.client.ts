import axios, { type AxiosInstance } from 'axios';
import { isJumioReference, JUMIO_REFERENCE_SHAPE } from '../jumio-reference';
import { JumioError, JumioErrorCode } from '../../common/jumio.error';
import { jumioStatusError, jumioTransportError, type JumioErrorHints } from '../jumio-http-errors';
import type { JumioMetrics } from '../jumio-metrics';
import { JumioCallPolicies } from '../resilience/jumio-call-policies';
import { JumioPacing } from '../resilience/jumio-pacing';
import type { PacingSettings, ResilienceSettings } from '../../options/jumio-settings';
import { KyxAccessTokenCache } from './kyx-access-token';
import type {
  KyxAccountRequest,
  KyxAccountResponse,
  KyxStatusResponse,
  KyxWorkflowDetails,
} from './kyx-api.types';
import type { KyxHosts } from '../../options/platform-hosts';

const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
const ERROR_HINTS: JumioErrorHints = {
  auth: 'check kyx.clientId and kyx.clientSecret, and the User-Agent',
  notFound: 'Jumio does not hold this account or workflow execution (unknown or deleted)',
};

export interface KyxClientSettings {
  clientId: string;
  clientSecret: string;
  userAgent: string;
  hosts: KyxHosts;
  requestTimeoutMs: number;
  /** Resolved (`JumioSettings.resilience`, options' aliases applied); what is left out takes its default. */
  resilience?: Partial<ResilienceSettings>;
  /** The same pacing as legacy: account requests are billed starts, GETs retrievals. */
  pacing?: Partial<PacingSettings>;
  metrics?: JumioMetrics;
}

interface KyxCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  baseUrl: string;
  /** Path with `:accountId` / `:workflowExecutionId` placeholders; messages show it, not the ids. */
  pathTemplate: string;
  ids?: { accountId?: string; workflowExecutionId?: string };
  body?: object;
}

/**
 * Thin typed wrapper over the KYX endpoints the module needs: OAuth2 client credentials (one cached
 * token), account create / update, workflow status and details, account delete. Every API call carries
 * the bearer token and the User-Agent and is paced like legacy calls (jumio/resilience/jumio-pacing.ts; the
 * token request is not: it is cached and not billed); a 401 drops the cached token and the call is sent
 * once more with a fresh one. Failures are JumioErrors naming the call, never a token, secret or body.
 */
export class KyxClient {
  private readonly http: AxiosInstance;
  private readonly policies: JumioCallPolicies;
  private readonly tokens: KyxAccessTokenCache;
  private readonly pacing: JumioPacing;

  constructor(private readonly settings: KyxClientSettings) {
    this.policies = new JumioCallPolicies(settings.resilience);
    this.pacing = new JumioPacing(settings.pacing);
    this.tokens = new KyxAccessTokenCache(() => this.fetchToken());
    this.http = axios.create({
      headers: { Accept: 'application/json', 'User-Agent': settings.userAgent },
      timeout: settings.requestTimeoutMs,
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    });
  }

  /** A new Jumio account with its first workflow execution. */
  createAccount(body: KyxAccountRequest): Promise<KyxAccountResponse> {
    return this.json(
      {
        method: 'POST',
        baseUrl: this.settings.hosts.accountUrl,
        pathTemplate: '/api/v1/accounts',
        body,
      },
      readAccountResponse,
    );
  }

  /** A further workflow execution on the user's existing account. */
  updateAccount(accountId: string, body: KyxAccountRequest): Promise<KyxAccountResponse> {
    return this.json(
      {
        method: 'PUT',
        baseUrl: this.settings.hosts.accountUrl,
        pathTemplate: '/api/v1/accounts/:accountId',
        ids: { accountId },
        body,
      },
      readAccountResponse,
    );
  }

  getWorkflowStatus(accountId: string, workflowExecutionId: string): Promise<KyxStatusResponse> {
    return this.json(
      this.executionCall('/status', accountId, workflowExecutionId),
      readStatusResponse,
    );
  }

  getWorkflowDetails(accountId: string, workflowExecutionId: string): Promise<KyxWorkflowDetails> {
    return this.json(
      this.executionCall('', accountId, workflowExecutionId),
      (body) => body as KyxWorkflowDetails,
    );
  }

  /** Deletes the account and every workflow execution, images and extracted data at Jumio. */
  async deleteAccount(accountId: string): Promise<void> {
    await this.send({
      method: 'DELETE',
      baseUrl: this.settings.hosts.retrievalUrl,
      pathTemplate: '/api/v1/accounts/:accountId',
      ids: { accountId },
    });
  }

  private executionCall(suffix: string, accountId: string, workflowExecutionId: string): KyxCall {
    return {
      method: 'GET',
      baseUrl: this.settings.hosts.retrievalUrl,
      pathTemplate: `/api/v1/accounts/:accountId/workflow-executions/:workflowExecutionId${suffix}`,
      ids: { accountId, workflowExecutionId },
    };
  }

  private async json<T>(call: KyxCall, read: (body: Record<string, unknown>) => T): Promise<T> {
    const text = await this.send(call);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new JumioError(
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `${describe(call)} answered a body that is not JSON`,
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new JumioError(
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `${describe(call)} answered JSON that is not an object`,
      );
    }
    try {
      return read(body as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      throw new JumioError(
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `${describe(call)} answered without ${error.message}`,
      );
    }
  }

  /** Sends with the cached token; on 401 once more with a fresh one (the token was revoked or expired early). */
  private async send(call: KyxCall): Promise<string> {
    const url = call.baseUrl + resolvePath(call);
    const token = await this.tokens.get();
    try {
      return await this.sendWith(call, url, token);
    } catch (error) {
      if (!(error instanceof JumioError) || error.upstreamStatus !== 401) throw error;
      this.tokens.invalidate(token);
      return this.sendWith(call, url, await this.tokens.get());
    }
  }

  private sendWith(call: KyxCall, url: string, token: string): Promise<string> {
    const retrySafe = call.method === 'GET' || call.method === 'DELETE';
    return this.policies.execute(
      { baseUrl: call.baseUrl, retrySafe, description: describe(call) },
      async (deadline) => {
        // Every attempt, retries included, counts against Jumio's rate limit: each waits for its turn.
        const done = await this.pacing.take(
          { method: call.method, baseUrl: call.baseUrl, description: describe(call) },
          deadline,
        );
        try {
          return await this.observed(call, () =>
            this.attempt(call, deadline, {
              method: call.method,
              url,
              headers: {
                Authorization: `Bearer ${token}`,
                ...(call.body !== undefined && { 'Content-Type': 'application/json' }),
              },
              data: call.body === undefined ? undefined : JSON.stringify(call.body),
            }),
          );
        } finally {
          done();
        }
      },
    );
  }

  /** `POST {auth}/oauth2/token`: form body, HTTP Basic client credentials. */
  private async fetchToken(): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const call: KyxCall = {
      method: 'POST',
      baseUrl: this.settings.hosts.authUrl,
      pathTemplate: '/oauth2/token',
    };
    const text = await this.policies.execute(
      { baseUrl: call.baseUrl, retrySafe: true, description: describe(call) },
      (deadline) =>
        this.observed(call, () =>
          this.attempt(call, deadline, {
            method: 'POST',
            url: `${call.baseUrl}${call.pathTemplate}`,
            auth: { username: this.settings.clientId, password: this.settings.clientSecret },
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            data: 'grant_type=client_credentials',
          }),
        ),
    );
    let body: { access_token?: unknown; expires_in?: unknown; token_type?: unknown } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = undefined;
    }
    const expiresIn = Number(body?.expires_in);
    const tokenType =
      typeof body?.token_type === 'string' ? body.token_type.toLowerCase() : 'bearer';
    if (
      typeof body?.access_token !== 'string' ||
      body.access_token === '' ||
      !(expiresIn > 0) ||
      tokenType !== 'bearer'
    ) {
      throw new JumioError(
        JumioErrorCode.JUMIO_BAD_RESPONSE,
        `${describe(call)} answered without a bearer access_token and a positive expires_in`,
      );
    }
    return { accessToken: body.access_token, expiresInSeconds: expiresIn };
  }

  private async observed(call: KyxCall, attempt: () => Promise<string>): Promise<string> {
    const started = performance.now();
    const endpoint = `${call.method} ${call.pathTemplate}`;
    try {
      const text = await attempt();
      this.settings.metrics?.jumioCallEnded(endpoint, (performance.now() - started) / 1000);
      return text;
    } catch (error) {
      const failure =
        error instanceof JumioError
          ? { code: error.code, status: error.upstreamStatus }
          : { code: 'UNEXPECTED' };
      this.settings.metrics?.jumioCallEnded(
        endpoint,
        (performance.now() - started) / 1000,
        failure,
      );
      throw error;
    }
  }

  private async attempt(
    call: KyxCall,
    deadline: AbortSignal,
    request: Parameters<AxiosInstance['request']>[0],
  ): Promise<string> {
    let status: number;
    let text: string;
    let retryAfter: unknown;
    try {
      const response = await this.http.request<string>({
        ...request,
        signal: AbortSignal.any([deadline, AbortSignal.timeout(this.settings.requestTimeoutMs)]),
      });
      status = response.status;
      text = typeof response.data === 'string' ? response.data : '';
      retryAfter = response.headers['retry-after'];
    } catch (error) {
      throw jumioTransportError(describe(call), error, this.settings.requestTimeoutMs);
    }
    if (status >= 200 && status < 300) return text;
    throw jumioStatusError(describe(call), status, retryAfter, ERROR_HINTS);
  }
}

class ShapeError extends Error {}

function readAccountResponse(body: Record<string, unknown>): KyxAccountResponse {
  const account = body.account as { id?: unknown } | undefined;
  const execution = body.workflowExecution as { id?: unknown } | undefined;
  if (!isJumioReference(account?.id)) throw new ShapeError('account.id');
  if (!isJumioReference(execution?.id)) throw new ShapeError('workflowExecution.id');
  return body as unknown as KyxAccountResponse;
}

function readStatusResponse(body: Record<string, unknown>): KyxStatusResponse {
  const execution = body.workflowExecution as { status?: unknown } | undefined;
  if (typeof execution?.status !== 'string') throw new ShapeError('workflowExecution.status');
  return body as unknown as KyxStatusResponse;
}

function resolvePath(call: KyxCall): string {
  let path = call.pathTemplate;
  for (const [name, value] of Object.entries(call.ids ?? {})) {
    if (!isJumioReference(value)) {
      throw new JumioError(
        JumioErrorCode.INVALID_INPUT,
        `${name} is not a Jumio id (${JUMIO_REFERENCE_SHAPE})`,
      );
    }
    path = path.replace(`:${name}`, encodeURIComponent(value));
  }
  return path;
}

/** e.g. `Jumio KYX GET https://retrieval.emea-1.jumio.ai/api/v1/accounts/:accountId/...`. */
function describe(call: KyxCall): string {
  let origin: string;
  try {
    origin = new URL(call.baseUrl).origin;
  } catch {
    origin = '(invalid base URL)';
  }
  return `Jumio KYX ${call.method} ${origin}${call.pathTemplate}`;
}
