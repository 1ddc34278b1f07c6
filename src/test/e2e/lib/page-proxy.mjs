// A same-origin front for the Majlis jar used by the browser tests: every HTTP request and
// WebSocket upgrade goes through to the jar unchanged (Host and Origin included, so the
// server's same-origin check still applies), except GET/HEAD of the page's own files, whose
// bodies come from the source folder. Their headers are the jar's answer for the same path
// (Content-Security-Policy, nosniff, ...), so the page is tested under the server's real
// policy. When the jar is down, requests get 502 and upgrades are dropped, as a browser would
// see with the server gone.

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

/**
 * @param {{port: number, backendPort: number, pageDir: string}} options
 * @returns {Promise<{close: () => Promise<void>}>}
 */
export function startPageProxy({ port, backendPort, pageDir }) {
  const sockets = new Set();

  const server = createServer((req, res) => {
    const file = (req.method === 'GET' || req.method === 'HEAD') ? pageFile(pageDir, req.url) : null;
    const headers = { ...req.headers };
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
    req.pipe(upstream);
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
