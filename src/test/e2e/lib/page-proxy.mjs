// A same-origin front for the Majlis jar used by the browser tests: every HTTP request and
// WebSocket upgrade goes through to the jar unchanged (Host and Origin included, so the
// server's same-origin check still applies), except GET/HEAD of the page's own files, whose
// bodies come from the source folder. Their headers are the jar's answer for the same path
// (Content-Security-Policy, nosniff, ...), so the page is tested under the server's real
// policy. When the jar is down, requests get 502 and upgrades are dropped, as a browser would
// see with the server gone.
//
// Request bodies are announced with `Expect: 100-continue` and sent once the jar says go on.
// The jar refuses a body over its limit (413) from the request's headers alone and closes; a
// body sent regardless then fails to write, and Node's HTTP client reports that write error
// instead of the 413 already on its way (the browser would see 502 where the jar says 413).

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html;charset=UTF-8',
  '.js': 'text/javascript;charset=UTF-8',
  '.mjs': 'text/javascript;charset=UTF-8',
  '.css': 'text/css;charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

// Headers of the jar's answer that describe its own body, not ours.
const BODY_HEADERS = new Set([
  'content-length', 'content-type', 'etag', 'last-modified', 'cache-control', 'accept-ranges',
  'content-encoding', 'transfer-encoding', 'connection', 'keep-alive',
]);

// A server that never answers `Expect: 100-continue` gets the body anyway after this long.
const CONTINUE_WAIT_MS = 1000;

function pageFile(pageDir, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(pageDir, path));
  if (!file.startsWith(pageDir + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Sends the body once the jar answers 100 Continue; drops it when the jar answers first (413). */
function sendBodyWhenAsked(req, upstream) {
  let decided = false;
  const decide = (send) => {
    if (decided) return;
    decided = true;
    clearTimeout(timer);
    if (send) req.pipe(upstream);
    else req.resume(); // read and discard what the browser still sends
  };
  const timer = setTimeout(() => decide(true), CONTINUE_WAIT_MS);
  upstream.on('continue', () => decide(true));
  upstream.on('response', () => decide(false));
  upstream.on('error', () => decide(false));
}

/**
 * @param {{port: number, backendPort: number, pageDir: string}} options
 * @returns {Promise<{close: () => Promise<void>}>}
 */
export function startPageProxy({ port, backendPort, pageDir }) {
  const sockets = new Set();

  const server = createServer((req, res) => {
    const file = (req.method === 'GET' || req.method === 'HEAD') ? pageFile(pageDir, req.url) : null;
    const headers = { ...req.headers };
    const hasBody = Number(req.headers['content-length']) > 0 || 'transfer-encoding' in req.headers;
    if (hasBody) headers.expect = '100-continue';
    if (file) {
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
      delete headers.range;
    }
    const upstream = httpRequest({
      host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers, agent: false,
    }, (up) => {
      if (!file) {
        res.writeHead(up.statusCode, up.statusMessage, up.headers);
        up.pipe(res);
        return;
      }
      up.resume();
      const out = {};
      for (const [k, v] of Object.entries(up.headers)) if (!BODY_HEADERS.has(k)) out[k] = v;
      out['content-type'] = TYPES[extname(file)] || 'application/octet-stream';
      out['content-length'] = String(statSync(file).size);
      out['cache-control'] = 'no-store';
      res.writeHead(200, out);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('majlis server unavailable');
    });
    if (hasBody) sendBodyWhenAsked(req, upstream);
    else req.pipe(upstream);
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('upgrade', (req, client, head) => {
    const upstream = connect(backendPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('connect', () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head?.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        close: () => new Promise((done) => {
          server.close(() => done());
          for (const socket of sockets) socket.destroy();
          server.closeAllConnections?.();
        }),
      });
    });
  });
}
