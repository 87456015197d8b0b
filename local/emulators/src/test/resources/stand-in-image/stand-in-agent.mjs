// A stand-in for the agent image's start script, for the process runtime's tests: serves /healthz at once and
// /health after STAND_IN_READY_MS, prints lines, and on request crashes, allocates memory or echoes the request.
import http from 'node:http';
import fs from 'node:fs';

const port = Number(process.env.SERVER_PORT || 3000);
const host = process.env.SERVER_HOST || '0.0.0.0';
const readyAt = Date.now() + Number(process.env.STAND_IN_READY_MS || 0);
const held = [];
console.log(`stand-in agent starting, character ${fs.readFileSync(process.argv[2], 'utf8').trim()}`);
console.log(`data dir ${process.env.PGLITE_DATA_DIR}`);
console.error('a line on stderr');
if (process.env.STAND_IN_EXIT_CODE) {
  setTimeout(() => process.exit(Number(process.env.STAND_IN_EXIT_CODE)), 200);
}
const parent = Number(process.env.LAUNCHPAD_PARENT_PID || 0);
setInterval(() => {
  if (parent) {
    try { process.kill(parent, 0); } catch { process.exit(0); }
  }
}, 300).unref();
setInterval(() => console.log(`heartbeat ${Date.now()}`), 500);

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (url.pathname === '/healthz') {
      res.end('{"status":"ok"}');
    } else if (url.pathname === '/health') {
      res.statusCode = Date.now() >= readyAt ? 200 : 503;
      res.end(res.statusCode === 200 ? '{"status":"OK"}' : '{"status":"DEGRADED"}');
    } else if (url.pathname === '/crash') {
      console.log('crashing on request');
      res.end('bye');
      setTimeout(() => process.exit(Number(url.searchParams.get('code') || 1)), 50);
    } else if (url.pathname === '/allocate') {
      const mb = Number(url.searchParams.get('mb') || 100);
      for (let i = 0; i < mb; i++) { held.push(Buffer.alloc(1024 * 1024, 1)); }
      res.end(`holding ${held.length} MiB`);
    } else if (url.pathname === '/slow') {
      setTimeout(() => res.end('slow'), Number(url.searchParams.get('ms') || 3000));
    } else if (url.pathname === '/env') {
      res.end(String(process.env[url.searchParams.get('name')] ?? ''));
    } else {
      res.setHeader('Content-Type', 'application/json');
      res.statusCode = url.pathname === '/teapot' ? 418 : 200;
      res.end(JSON.stringify({ method: req.method, path: url.pathname, query: url.search,
        contentType: req.headers['content-type'] ?? null, accept: req.headers['accept'] ?? null,
        apiKey: req.headers['x-api-key'] ?? null, body }));
    }
  });
}).listen(port, host, () => console.log(`listening on ${host}:${port}`));
