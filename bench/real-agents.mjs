// Real agents on the local platform: create -> DEPLOYED against the agent's own start (spawn -> /health 200), how
// late a status wait (?waitFor=DEPLOYED) answers after a 100 ms poll first sees DEPLOYED, and the platform's resident
// memory idle and with 3 real agents. `./launchpad bench real-agents [rounds]`; results in
// bench/results/real-agents.{json,txt}. Starts its own platform (LAUNCHPAD_AGENT_RUNTIME=real) on a free port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] || 10);
const jar = process.env.LAUNCHPAD_BENCH_JAR || path.join(repo, 'local/platform/target/local-platform.jar');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];
const cleanup = () => children.forEach((c) => { try { c.kill('SIGTERM'); } catch { /* gone */ } });
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const rssBytes = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return 0;
  }
};
const descendants = (pid) => {
  const kids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try { return fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid); } catch { return false; }
  }).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
};
const commandOf = (pid) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '); } catch { return ''; } };
const mb = (bytes) => Math.round(bytes / 1048576);
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function startPlatform() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-real-agents-'));
  const port = await freePort();
  const env = { ...process.env, LAUNCHPAD_HOME: home, LAUNCHPAD_PORT: String(port), LAUNCHPAD_AGENT_RUNTIME: 'real',
    LAUNCHPAD_AGENT_TEST_MODEL: 'true', LAUNCHPAD_QUOTAS_ADMIN: 'agents=1000,replicas=10,cpu=1000,memory=4Ti',
    // Polling status every 100 ms is above the admin key's rate limit: a throttled poll would be counted as deploy time.
    LAUNCHPAD_RATE_LIMITS_ADMIN: '100000,100000', LAUNCHPAD_USAGE_PLANS_ADMIN: 'rate=1000,burst=1000,quota=1000000' };
  const java = spawn('java', ['-Xss1m', '-XX:+UseSerialGC', '-Dorg.jboss.logging.provider=jdk', '-jar', jar],
    { cwd: repo, env, stdio: ['ignore', fs.openSync(path.join(home, 'platform.log'), 'w'), 'inherit'] });
  children.push(java);
  for (let i = 0; i < 240 && !fs.existsSync(path.join(home, 'admin-api-key')); i++) await sleep(500);
  await sleep(2000);
  const key = fs.readFileSync(path.join(home, 'admin-api-key'), 'utf8').trim();
  const call = async (method, route, body) => {
    const answer = await fetch(`http://127.0.0.1:${port}${route}`, { method, body: body && JSON.stringify(body),
      headers: { 'X-API-Key': key, ...(body ? { 'Content-Type': 'application/json' } : {}) } });
    return { status: answer.status, body: await answer.json().catch(() => null) };
  };
  return { home, java, call };
}

const agentBody = (name) => ({ agentName: name, personality: { system: 'You are a benchmark agent.', bio: ['I am measured'] },
  selectedPlugins: ['@elizaos/plugin-bootstrap'], resources: { memory: '1Gi', cpu: '500m' } });

async function untilDeployed(p, agentId, started) {
  for (;;) {
    const answer = await p.call('GET', `/api/agents/${agentId}/status`);
    if (answer.status !== 200) throw new Error(`status of ${agentId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const status = answer.body;
    if (status?.status === 'DEPLOYED') return Date.now() - started;
    if (status?.status === 'FAILED') throw new Error(`${agentId} FAILED: ${status.reason}`);
    if (Date.now() - started > 180000) throw new Error(`${agentId} not DEPLOYED in 180 s`);
    await sleep(100);
  }
}

// The wait a client makes instead of polling: one request held until DEPLOYED (or 25 s, then asked again).
async function waitedUntilDeployed(p, agentId, started) {
  for (;;) {
    const answer = await p.call('GET', `/api/agents/${agentId}/status?waitFor=DEPLOYED&timeout=25s`);
    if (answer.status !== 200) throw new Error(`wait for ${agentId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.body?.status === 'DEPLOYED') return Date.now() - started;
    if (answer.body?.status === 'FAILED') throw new Error(`${agentId} FAILED: ${answer.body.reason}`);
    if (Date.now() - started > 180000) throw new Error(`${agentId} not DEPLOYED in 180 s (wait)`);
  }
}

async function untilGone(p, agentId) {
  await p.call('DELETE', `/api/agents/${agentId}`);
  for (let i = 0; i < 600 && (await p.call('GET', `/api/agents/${agentId}`)).status !== 404; i++) await sleep(200);
}

// The agent alone: start-agent.mjs spawned directly with the character the deployer would write.
async function ownStart(round) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-own-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'character.json'), JSON.stringify({ name: `own-${round}`, bio: ['I am measured'],
    system: 'You are a benchmark agent.', plugins: ['@elizaos/plugin-bootstrap'] }));
  const started = Date.now();
  const agent = spawn(process.execPath, [path.join(repo, 'agent-image/start-agent.mjs'), path.join(dir, 'character.json')], {
    env: { PATH: process.env.PATH, HOME: path.join(dir, 'home'), SERVER_PORT: String(port), SERVER_HOST: '127.0.0.1',
      PGLITE_DATA_DIR: path.join(dir, 'pglite'), ELIZA_UI_ENABLE: 'false', NODE_ENV: 'production',
      LAUNCHPAD_TEST_MODEL_PLUGIN: path.join(repo, 'agent-image/test-model/index.mjs') }, stdio: 'ignore' });
  children.push(agent);
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (agent.exitCode !== null || Date.now() - started > 120000) throw new Error('the agent alone did not start');
    await sleep(50);
  }
  const elapsed = Date.now() - started;
  const rss = rssBytes(agent.pid);
  agent.kill('SIGTERM');
  await new Promise((r) => agent.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
  return { elapsed, rss };
}

const p = await startPlatform();
const results = { rounds, when: new Date().toISOString(), machine: `${os.cpus().length} cores, ${mb(os.totalmem())} MiB`,
  node: process.version, deploy: [], own: [], waitLate: [] };
for (let round = 1; round <= rounds; round++) {
  const started = Date.now();
  const created = await p.call('POST', '/api/agents', agentBody(`bench-real-${round}-${started.toString(36)}`));
  if (created.status !== 202) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const [deploy, waited] = await Promise.all([untilDeployed(p, created.body.agentId, started),
    waitedUntilDeployed(p, created.body.agentId, started)]);
  await untilGone(p, created.body.agentId);
  const own = await ownStart(round);
  results.deploy.push(deploy);
  results.own.push(own.elapsed);
  results.waitLate.push(waited - deploy);
  console.log(`round ${round}: create -> DEPLOYED ${deploy} ms (the wait answered ${waited - deploy} ms after the poll saw it);`
    + ` the agent alone, spawn -> /health 200 ${own.elapsed} ms`);
}

const platformRss = () => {
  const pids = [p.java.pid, ...descendants(p.java.pid)].filter((pid) => !/start-agent\.mjs/.test(commandOf(pid)));
  return { jvm: rssBytes(p.java.pid), withEmulators: pids.reduce((sum, pid) => sum + rssBytes(pid), 0) };
};
await sleep(5000);
results.idle = platformRss();
const three = [];
for (let i = 1; i <= 3; i++) {
  const created = await p.call('POST', '/api/agents', agentBody(`bench-mem-${i}-${Date.now().toString(36)}`));
  await untilDeployed(p, created.body.agentId, Date.now());
  three.push(created.body.agentId);
}
await sleep(10000);
results.withThree = platformRss();
results.agentRss = descendants(p.java.pid).filter((pid) => /start-agent\.mjs/.test(commandOf(pid))).map(rssBytes);
for (const id of three) await untilGone(p, id);

const summary = (values) => ({ p50: percentile(values, 50), p99: percentile(values, 99), min: Math.min(...values), max: Math.max(...values) });
results.summary = { deploy: summary(results.deploy), own: summary(results.own), waitLate: summary(results.waitLate),
  overheadP50: percentile(results.deploy, 50) - percentile(results.own, 50) };
const text = [
  `Real agents on the local platform (${results.machine}, Node ${results.node}, ${results.when}), ${rounds} rounds:`,
  `  create -> DEPLOYED      p50 ${results.summary.deploy.p50} ms  p99 ${results.summary.deploy.p99} ms  (min ${results.summary.deploy.min}, max ${results.summary.deploy.max})`,
  `  agent alone -> /health  p50 ${results.summary.own.p50} ms  p99 ${results.summary.own.p99} ms  (min ${results.summary.own.min}, max ${results.summary.own.max})`,
  `  platform overhead (p50 - p50): ${results.summary.overheadP50} ms`,
  `  status wait answers after the 100 ms poll saw DEPLOYED: p50 ${results.summary.waitLate.p50} ms  p99 ${results.summary.waitLate.p99} ms (negative: before it)`,
  `Resident memory: platform idle ${mb(results.idle.jvm)} MiB JVM (${mb(results.idle.withEmulators)} MiB with its emulators);`,
  `  with 3 real agents ${mb(results.withThree.jvm)} MiB JVM (${mb(results.withThree.withEmulators)} MiB with its emulators);`,
  `  each agent: ${results.agentRss.map((r) => `${mb(r)} MiB`).join(', ')}`,
].join('\n');
console.log(text);
fs.mkdirSync(path.join(repo, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(repo, 'bench/results/real-agents.json'), JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(repo, 'bench/results/real-agents.txt'), `${text}\n`);
p.java.kill('SIGTERM');
await new Promise((r) => p.java.once('exit', r));
fs.rmSync(p.home, { recursive: true, force: true });
