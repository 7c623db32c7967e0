import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { currentRequestId } from './request-context';
import { requestIdMiddleware } from './request-id.middleware';

function exchange(requestId?: string) {
  const request = new IncomingMessage(new Socket());
  if (requestId) request.headers['x-request-id'] = requestId;
  return { request, response: new ServerResponse(request) };
}

describe('requestIdMiddleware', () => {
  it('echoes the id and makes it current for what follows when the logs show it', () => {
    const { request, response } = exchange('trace-1');
    let seen: string | undefined;
    requestIdMiddleware({ accessLog: false, requestIdInLogs: true })(request, response, () => {
      seen = currentRequestId();
    });
    expect(response.getHeader('X-Request-Id')).toBe('trace-1');
    expect(seen).toBe('trace-1');
  });

  it('still echoes (or makes) the id without entering its context otherwise', () => {
    const { request, response } = exchange('bad id');
    let seen: string | undefined = 'unset';
    requestIdMiddleware({ accessLog: false, requestIdInLogs: false })(request, response, () => {
      seen = currentRequestId();
    });
    expect(response.getHeader('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.headers['x-request-id']).toBe(response.getHeader('X-Request-Id'));
    expect(seen).toBeUndefined();
  });
});
