import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JumioMetrics } from '../jumio/jumio-metrics';

/** Why a callback was refused, from the status the callback route answered. */
const REJECTION_REASONS: Record<number, string> = {
  400: 'INVALID_FORM',
  403: 'SOURCE_NOT_ALLOWED',
  404: 'UNKNOWN_TOKEN',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Counts callbacks received and refused (by reason) at the callback route; works on both adapters. */
export function callbackMetricsMiddleware(metrics: JumioMetrics) {
  return (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    metrics.callbackReceived();
    response.once('finish', () => {
      const status = response.statusCode;
      if (status < 400) return;
      metrics.callbackRejected(
        REJECTION_REASONS[status] ?? (status >= 500 ? 'SERVER_ERROR' : `HTTP_${status}`),
      );
    });
    next();
  };
}
