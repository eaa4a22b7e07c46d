import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface KeepAliveHttpOptions {
  /** Sockets kept open to the API host (one per request in flight at most); default 64. */
  maxSockets?: number;
  timeoutMs: number;
}

/** An answer's status and body text; a failure to connect, send or read throws. */
export type HttpAnswer = { status: number; text: string };

/**
 * Requests to one API host over kept-alive sockets with node:http: a worker sends thousands of small
 * JSON requests a minute to WeCom, and fetch's streams and abort signals cost more CPU per request than
 * the request itself. The timeout covers the whole request, as AbortSignal.timeout did.
 */
export function keepAliveHttp({ maxSockets = 64, timeoutMs }: KeepAliveHttpOptions) {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  const send = (
    method: 'GET' | 'POST',
    url: string,
    content?: { body: string | Uint8Array; type: string },
  ): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const https = url.startsWith('https:');
      const headers: Record<string, string | number> = {};
      if (content) {
        headers['content-type'] = content.type;
        headers['content-length'] =
          typeof content.body === 'string' ? Buffer.byteLength(content.body) : content.body.byteLength;
      }
      const req = (https ? httpsRequest : httpRequest)(
        url,
        { method, headers, agent: https ? agents.https : agents.http },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', fail);
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      function fail(err: Error) {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(content?.body);
    });
  return {
    send,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
