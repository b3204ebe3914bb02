// A tiny static file server for the browser tests, on loopback only.
//
// It serves one folder (`root`) under one URL prefix (`prefix`, e.g. "/portal/"),
// the way a plain web server would host the generated site under a sub-path:
//   - `/portal/a/b.css`         -> <root>/a/b.css with its content type
//   - `/portal/a/` (a folder)   -> <root>/a/index.html
//   - `/portal/a` (a folder)    -> 301 to `/portal/a/`
//   - anything else             -> <root>/404.html with status 404
// Nothing outside `root` is ever read (the path is resolved and checked).
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function fileStat(p) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

/**
 * Start the server. Resolves to { port, origin, baseUrl, close(), requests }.
 * `root` may be changed later through `server.setRoot(dir)` (the runner picks the
 * port first, then builds the site into the folder it serves).
 */
export async function startServer({ root, prefix = '/portal/', port = 0, log = false } = {}) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix must start and end with "/": ${prefix}`);
  let rootDir = path.resolve(root);
  const requests = [];

  async function send404(req, res) {
    const notFound = path.join(rootDir, '404.html');
    const st = await fileStat(notFound);
    res.statusCode = 404;
    res.setHeader('Cache-Control', 'no-store');
    if (st?.isFile()) {
      res.setHeader('Content-Type', TYPES['.html']);
      res.setHeader('Content-Length', st.size);
      if (req.method === 'HEAD') return res.end();
      createReadStream(notFound).pipe(res);
    } else {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('404 Not Found\n');
    }
  }

  const server = http.createServer(async (req, res) => {
    try {
      requests.push(req.url);
      if (log) console.error(`[server] ${req.method} ${req.url}`);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.statusCode = 405;
        res.setHeader('Allow', 'GET, HEAD');
        return res.end();
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send404(req, res);
      }
      if (pathname.includes('\0')) return send404(req, res);
      if (pathname + '/' === prefix) {
        res.statusCode = 301;
        res.setHeader('Location', prefix + url.search);
        return res.end();
      }
      if (!pathname.startsWith(prefix)) return send404(req, res);
      const rel = pathname.slice(prefix.length);
      let file = path.resolve(rootDir, '.' + path.posix.normalize('/' + rel));
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send404(req, res);
      let st = await fileStat(file);
      if (st?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.statusCode = 301;
          res.setHeader('Location', url.pathname + '/' + url.search);
          return res.end();
        }
        file = path.join(file, 'index.html');
        st = await fileStat(file);
      }
      if (!st?.isFile()) return send404(req, res);
      res.statusCode = 200;
      res.setHeader('Content-Type', contentType(file));
      res.setHeader('Content-Length', st.size);
      res.setHeader('Cache-Control', 'no-store');
      if (req.method === 'HEAD') return res.end();
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    port: actualPort,
    origin,
    baseUrl: origin + prefix,
    requests,
    setRoot(dir) {
      rootDir = path.resolve(dir);
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// `node lib/server.mjs DIR [PORT]` serves DIR under /portal/ until interrupted (handy by hand).
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = '.', port = '0'] = process.argv.slice(2);
  const s = await startServer({ root: dir, port: Number(port), log: true });
  console.log(`serving ${path.resolve(dir)} at ${s.baseUrl}`);
}
