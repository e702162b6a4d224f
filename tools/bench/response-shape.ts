import { request } from 'node:http';
import { autocannonRequest, type LoadSpec } from './autocannon-run';

/** One real response, as the ceiling server is to copy it. */
export interface ResponseShape {
  status: number;
  /** Name and value, in the order sent, as many as were sent. */
  headers: [string, string][];
  body: Buffer;
}

/** Sends the first request of a load spec once (the request autocannon would send) and keeps the answer byte for byte. */
export function captureResponse(spec: LoadSpec, url = spec.url): Promise<ResponseShape> {
  const { method, headers, body } = autocannonRequest(spec);
  const varied = spec.vary?.() ?? {};
  const target = new URL(varied.path ?? '', url);
  const payload = varied.body ?? body;
  return new Promise((resolve, reject) => {
    const req = request(target, { method, headers: { ...headers, ...(payload ? { 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
