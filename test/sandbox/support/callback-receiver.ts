import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
}

/** A real local HTTP server standing where the Jumio service's callback route would be. */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  /** Status the receiver answers with. */
  answerStatus = 200;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.received.push({
        path: req.url ?? '',
        headers: req.headers,
        body,
        form: new URLSearchParams(body),
      });
      res.writeHead(this.answerStatus).end();
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** A callback URL with a secret-looking path segment, as the Jumio service builds them. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/jumio/callback/secret-token-123`;
  }

  /** A URL where nobody listens. */
  static deadUrl(): string {
    return 'http://127.0.0.1:9/api/jumio/callback/nobody-home';
  }

  bodiesFor(reference: string): ReceivedCallback[] {
    return this.received.filter(
      (callback) =>
        callback.form.get('jumioIdScanReference') === reference ||
        callback.form.get('scanReference') === reference,
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
