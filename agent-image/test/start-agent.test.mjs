// start-agent.mjs against real ElizaOS processes (about 500 MB and 5 s each, so few of them): `npm test` here.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const startAgent = path.join(here, '..', 'start-agent.mjs');
const testModel = path.join(here, '..', 'test-model', 'index.mjs');
const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
const children = new Set();

const dirs = [];
after(() => {
  children.forEach((c) => c.kill('SIGKILL'));
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function workDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-agent-test-'));
  dirs.push(dir);
  return dir;
}

function character(dir, fields = {}) {
  const file = path.join(dir, 'character.json');
  fs.writeFileSync(file, JSON.stringify({ name: 'tester', bio: ['I test things'], system: 'You are terse.',
    plugins: ['@elizaos/plugin-bootstrap'], ...fields }));
  return file;
}

function agentEnv(dir, port, extra = {}) {
  return { PATH: process.env.PATH, HOME: path.join(dir, 'home'), SERVER_PORT: String(port), SERVER_HOST: '127.0.0.1',
    PGLITE_DATA_DIR: path.join(dir, 'pglite'), ELIZA_UI_ENABLE: 'false', LOG_LEVEL: 'info', ...extra };
}

// Spawns start-agent.mjs (or any command), collecting its output; resolves `exited` with {code, signal}.
function run(args, env, command = process.execPath) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    children.delete(child);
    resolve({ code, signal });
  }));
  return { child, exited, output: () => output };
}

async function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function healthy(port, agent) {
  for (let i = 0; i < 240; i++) {
    const answer = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (answer?.status === 200) return answer.json();
    if (agent.child.exitCode !== null) throw new Error(`agent exited ${agent.child.exitCode}:\n${agent.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no /health 200 in 60 s:\n${agent.output()}`);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a plugin that is not installed is refused with exit 78 and one ERROR line naming it', async () => {
  const dir = workDir();
  const file = character(dir, { plugins: ['@elizaos/plugin-bootstrap', '@elizaos/plugin-not-there'] });
  const agent = run([startAgent, file], agentEnv(dir, await freePort()));
  const { code } = await within(20000, agent.exited, 'refusal');
  assert.equal(code, 78);
  const errors = agent.output().split('\n').filter((l) => l.startsWith('ERROR'));
  assert.equal(errors.length, 1, agent.output());
  assert.match(errors[0], /plugin @elizaos\/plugin-not-there is not installed/);
});

test('a character ElizaOS would reject is refused with exit 78 before starting', async () => {
  const dir = workDir();
  const agent = run([startAgent, character(dir, { personality: 'not an ElizaOS field' })], agentEnv(dir, await freePort()));
  assert.equal((await within(20000, agent.exited, 'refusal')).code, 78);
  assert.match(agent.output(), /ERROR \[start-agent\] the character .* is not a valid ElizaOS character/);
});

test('a taken SERVER_PORT is refused with exit 75 instead of moving to the next port', async () => {
  const dir = workDir();
  const taken = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => taken.once('listening', r));
  try {
    const agent = run([startAgent, character(dir)], agentEnv(dir, taken.address().port));
    assert.equal((await within(20000, agent.exited, 'refusal')).code, 75);
    assert.match(agent.output(), new RegExp(`SERVER_PORT ${taken.address().port} on 127.0.0.1 is taken`));
  } finally {
    taken.close();
  }
});

// One at a time: two agents migrating their PGlite at once on 2 busy cores each took over 30 s.
describe('running agents', () => {
  test('a LAUNCHPAD_PARENT_PID that is gone stops the agent', async () => {
    const dir = workDir();
    const parent = run(['-e', 'setTimeout(() => {}, 60000)'], process.env);
    const env = agentEnv(dir, await freePort(), { LAUNCHPAD_PARENT_PID: String(parent.child.pid) });
    const agent = run([startAgent, character(dir)], env);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(agent.child.exitCode, null, `the agent must run while its parent lives:\n${agent.output()}`);
    parent.child.kill('SIGKILL');
    await within(15000, agent.exited, 'exit after the parent died');
    assert.match(agent.output(), /stopping: LAUNCHPAD_PARENT_PID \d+ is gone/);
  });

  test('a running agent: /health, its /api only with the token, a message round trip, SIGTERM', async () => {
    const dir = workDir();
    const port = await freePort();
    const env = agentEnv(dir, port, { ELIZA_SERVER_AUTH_TOKEN: TOKEN, LAUNCHPAD_TEST_MODEL_PLUGIN: testModel });
    // No plugins named: the bootstrap plugin (the message pipeline) comes anyway, or the reply below has no message.
    const agent = run([startAgent, character(dir, { plugins: [] })], env);
    try {
      const health = await healthy(port, agent);
      assert.equal(health.agentCount, 1);
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/`)).status, 403, 'the web UI must be off with ELIZA_UI_ENABLE=false');
    assert.equal((await fetch(`${base}/api/agents`)).status, 401);
      assert.equal((await fetch(`${base}/api/agents`, { headers: { 'X-API-KEY': 'wrong' } })).status, 401);
      const headers = { 'X-API-KEY': TOKEN, 'Content-Type': 'application/json' };
      const agents = await (await fetch(`${base}/api/agents`, { headers })).json();
      const agentId = agents.data.agents[0].id;
      assert.equal(agents.data.agents[0].name, 'tester');

      const session = await (await fetch(`${base}/api/messaging/sessions`, { method: 'POST', headers,
        body: JSON.stringify({ agentId, userId: '0b7e3b1c-6f64-4f0e-9d53-3c1a2c9d6e01' }) })).json();
      const sent = await fetch(`${base}/api/messaging/sessions/${session.sessionId}/messages`, { method: 'POST', headers,
        body: JSON.stringify({ content: 'hello from the test', transport: 'http' }) });
      assert.equal(sent.status, 201, await sent.clone().text());
      assert.equal((await sent.json()).agentResponse.text, 'echo: hello from the test');
      assert.match(agent.output(), /test model plugin loaded/);
      assert.doesNotMatch(agent.output(), /sentry\.io/);
    } finally {
      agent.child.kill('SIGTERM');
    }
    const { code } = await within(10000, agent.exited, 'exit after SIGTERM');
    assert.equal(code, 0, agent.output());
    assert.match(agent.output(), /stopping: SIGTERM/);
  });

  test('an agent whose parent is killed (re-parented) stops within seconds', async () => {
    const dir = workDir();
    const port = await freePort();
    const pidFile = path.join(dir, 'agent.pid');
    // A shell stands for the platform JVM: SIGKILLed, it cannot stop its child; the agent must notice on its own.
    const script = `"${process.execPath}" "${startAgent}" "${character(dir)}" & echo $! > "${pidFile}"; wait`;
    const parent = run(['-c', script], agentEnv(dir, port), '/bin/sh');
    await healthy(port, { child: parent.child, output: parent.output });
    const agentPid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(pidAlive(agentPid));
    parent.child.kill('SIGKILL');
    const deadline = Date.now() + 12000;
    while (pidAlive(agentPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const alive = pidAlive(agentPid);
    if (alive) process.kill(agentPid, 'SIGKILL');
    assert.equal(alive, false, 'the agent outlived its parent');
  });
});
