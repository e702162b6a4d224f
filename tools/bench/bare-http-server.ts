// The machine baseline's server: node:http answering every request at once with a small JSON body and doing no
// other work, so its rate is the most any one service process could answer with this load generator on these cores.
import { createServer } from 'node:http';

const body = JSON.stringify({ status: 'ok' });
createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env['PORT']), '127.0.0.1');
