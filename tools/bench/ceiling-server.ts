// The ceiling: node:http answering every request at once with the response it was last given (the real route's
// status, headers and body), doing no other work. Its rate under the same load is the most any service process could
// answer with those bytes, this load generator and these cores. PUT /__ceiling sets the response to copy.
import { createServer, type OutgoingHttpHeaders } from 'node:http';

/** Node writes these itself on every response; copying them would send them twice. */
const WRITTEN_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

let status = 200;
let headers: OutgoingHttpHeaders = { 'content-type': 'application/json' };
let body = Buffer.from('{}');

createServer((req, res) => {
  if (req.method === 'PUT' && req.url === '/__ceiling') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const shape = JSON.parse(Buffer.concat(chunks).toString()) as { status: number; headers: [string, string][]; body: string };
      status = shape.status;
      headers = {};
      for (const [name, value] of shape.headers) {
        const key = name.toLowerCase();
        if (WRITTEN_BY_NODE.has(key)) continue;
        const seen = headers[key];
        headers[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [String(seen)]), value];
      }
      body = Buffer.from(shape.body, 'base64');
      headers['content-length'] = body.length;
      res.writeHead(204).end();
    });
    return;
  }
  req.resume();
  res.writeHead(status, headers);
  res.end(body);
}).listen(Number(process.env['PORT']), '127.0.0.1');
