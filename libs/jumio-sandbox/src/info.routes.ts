import { pageHtml, SANDBOX_BANNER } from './capture/page-layout.html';
import { sendHtml } from './http/http-io';
import type { Route } from './http/router';

/** `GET /`: says what this server is, so nobody mistakes it for Jumio. */
export function infoRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/',
      group: 'info',
      handle: ({ res }) =>
        sendHtml(
          res,
          200,
          pageHtml(
            SANDBOX_BANNER,
            `<h1>${SANDBOX_BANNER}</h1>
<p>A local stand-in for Jumio's legacy Netverify and Document Verification APIs, for tests and demos.
It never talks to Jumio and holds nothing real.</p>`,
          ),
        ),
    },
  ];
}
