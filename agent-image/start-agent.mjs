#!/usr/bin/env node
// The agent image's entrypoint: node /app/start-agent.mjs /etc/elizaos/character.json
//
// Runs one ElizaOS 1.7.2 AgentServer for one character, and refuses clearly instead of half-working:
//   exit 64  usage (no character file given)
//   exit 78  configuration: unreadable or invalid character, a plugin not installed in this image, bad SERVER_PORT
//   exit 75  SERVER_PORT is taken (ElizaOS would silently move to the next free port; the probes would miss it)
//   exit 70  ElizaOS failed to start
//   exit 0   stopped by SIGTERM/SIGINT, or because the parent process went away
// Everything it needs comes from the environment the Deployment (or the local runtime) sets: see README.md.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const EXIT_USAGE = 64;
const EXIT_SOFTWARE = 70;
const EXIT_PORT_TAKEN = 75;
const EXIT_CONFIG = 78;
const SHUTDOWN_GRACE_MS = 8000;
const PARENT_POLL_MS = 1000;

function refuse(code, message) {
  process.stderr.write(`ERROR [start-agent] ${message}\n`);
  process.exit(code);
}

function info(message) {
  process.stdout.write(`INFO [start-agent] ${message}\n`);
}

let stopping = false;
function stop(reason) {
  if (stopping) return;
  stopping = true;
  info(`stopping: ${reason}`);
  // AgentServer's own SIGTERM handler stops the agents, closes PGlite and the HTTP server, then exits;
  // this timer only guarantees the process is gone if that hangs.
  // Still starting: nothing is serving yet, and ElizaOS's handler cannot stop a half-initialised server.
  if (!serving) process.exit(0);
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
}

// The local runtime runs agents as children of the platform's JVM: they must not outlive it, even when the JVM is
// SIGKILLed (no chance to stop its children). Re-parenting (ppid changes) or LAUNCHPAD_PARENT_PID vanishing both
// mean the parent is gone. Installed first, so a process stuck in start-up is covered too.
function guardParent() {
  const startPpid = process.ppid;
  const watchedPid = Number(process.env.LAUNCHPAD_PARENT_PID || 0);
  const parentGone = () => {
    if (startPpid > 1 && process.ppid !== startPpid) return `parent ${startPpid} is gone (re-parented to ${process.ppid})`;
    if (watchedPid > 0) {
      try {
        process.kill(watchedPid, 0);
      } catch (error) {
        if (error.code === 'ESRCH') return `LAUNCHPAD_PARENT_PID ${watchedPid} is gone`;
      }
    }
    return null;
  };
  setInterval(() => {
    const reason = parentGone();
    if (reason) {
      stop(reason);
      process.kill(process.pid, 'SIGTERM'); // ElizaOS's own handler stops the agent and closes PGlite
    }
  }, PARENT_POLL_MS).unref();
}

function readCharacter(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    refuse(EXIT_CONFIG, `cannot read the character file ${file}: ${error.message}`);
  }
  let character;
  try {
    character = JSON.parse(text);
  } catch (error) {
    refuse(EXIT_CONFIG, `the character file ${file} is not JSON: ${error.message}`);
  }
  if (!character || typeof character !== 'object' || Array.isArray(character)) {
    refuse(EXIT_CONFIG, `the character file ${file} must hold a JSON object`);
  }
  if (character.plugins !== undefined
      && (!Array.isArray(character.plugins) || character.plugins.some((p) => typeof p !== 'string' || !p))) {
    refuse(EXIT_CONFIG, 'character.plugins must be an array of package names');
  }
  return character;
}

async function validateCharacter(character, file) {
  const { validateCharacter: validate } = await import('@elizaos/core');
  const result = validate(character);
  if (!result.success) {
    const issues = (result.error.issues || []).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    refuse(EXIT_CONFIG, `the character in ${file} is not a valid ElizaOS character: ${issues.join('; ') || result.error.message}`);
  }
}

function pluginFrom(module, name) {
  const expected = `${name.replace(/^@elizaos\/plugin-/, '').replace(/^@elizaos\//, '').replace(/-./g, (m) => m[1].toUpperCase())}Plugin`;
  const isPlugin = (p) => p && typeof p === 'object' && typeof p.name === 'string';
  return [module[expected], module.default, ...Object.values(module)].find(isPlugin);
}

// ElizaOS's message pipeline (its providers put the conversation and the character into the model's prompt, its
// actions reply) is @elizaos/plugin-bootstrap: the elizaos CLI's projects add it unless IGNORE_BOOTSTRAP is set,
// and without it an agent answers with no context at all. A character naming only e.g. plugin-discord gets it too.
function withBootstrap(names) {
  const bootstrap = '@elizaos/plugin-bootstrap';
  const ignore = ['true', '1'].includes(String(process.env.IGNORE_BOOTSTRAP).toLowerCase());
  return ignore || names.includes(bootstrap) ? names : [...names, bootstrap];
}

// Only what is installed in this image's node_modules: ElizaOS would otherwise try to install it at run time.
async function loadPlugins(names) {
  const plugins = [];
  for (const name of withBootstrap(names)) {
    if (name === '@elizaos/plugin-sql') continue; // the server always adds its own
    let module;
    try {
      import.meta.resolve(name);
    } catch {
      refuse(EXIT_CONFIG, `plugin ${name} is not installed in this agent image (${path.dirname(new URL(import.meta.url).pathname)}/node_modules); `
        + 'it cannot be loaded, refusing to start');
    }
    try {
      module = await import(name);
    } catch (error) {
      refuse(EXIT_CONFIG, `plugin ${name} failed to load: ${error.message}`);
    }
    const plugin = pluginFrom(module, name);
    if (!plugin) refuse(EXIT_CONFIG, `plugin ${name} exports no ElizaOS plugin`);
    plugins.push(plugin);
  }
  const testModel = process.env.LAUNCHPAD_TEST_MODEL_PLUGIN;
  if (testModel) {
    try {
      const module = await import(pathToFileURL(path.resolve(testModel)).href);
      plugins.push(module.default);
      info(`test model plugin loaded from ${testModel}`);
    } catch (error) {
      refuse(EXIT_CONFIG, `LAUNCHPAD_TEST_MODEL_PLUGIN ${testModel} failed to load: ${error.message}`);
    }
  }
  return plugins;
}

function requestedPort() {
  const raw = process.env.SERVER_PORT ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) refuse(EXIT_CONFIG, `SERVER_PORT must be a port number, got "${raw}"`);
  return port;
}

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.once('listening', () => probe.close(() => resolve(true)));
    probe.listen(port, host);
  });
}

// Safe defaults for what ElizaOS 1.7.2 otherwise turns on (see README.md): telemetry to elizaOS's Sentry, and
// installing missing plugins at run time. An operator's own SENTRY_DSN is kept. ElizaOS creates <cwd>/.eliza at
// start, and the working directory /app is read-only in the image: its data directory goes under HOME instead.
function applyDefaults() {
  if (!process.env.SENTRY_DSN?.trim()) process.env.SENTRY_DSN = 'off';
  process.env.ELIZA_DATA_DIR ??= path.join(os.homedir(), '.eliza');
  process.env.ELIZA_NO_AUTO_INSTALL ??= 'true';
  process.env.ELIZA_NO_PLUGIN_AUTO_INSTALL ??= 'true';
}

let server = null;
let serving = false;

async function main() {
  guardParent();
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const file = process.argv[2];
  if (!file) refuse(EXIT_USAGE, 'usage: node start-agent.mjs <character.json>');
  const character = readCharacter(file);
  applyDefaults();
  const port = requestedPort();
  const host = process.env.SERVER_HOST || '0.0.0.0';
  if (!(await portIsFree(port, host))) refuse(EXIT_PORT_TAKEN, `SERVER_PORT ${port} on ${host} is taken; refusing to start on another port`);
  await validateCharacter(character, file);
  const plugins = await loadPlugins(character.plugins || []);

  const { AgentServer } = await import('@elizaos/server');
  if (stopping) return;
  const started = Date.now();
  server = new AgentServer();
  await server.start({ port, dataDir: process.env.PGLITE_DATA_DIR, agents: [{ character, plugins }] });
  const bound = server.server?.address()?.port;
  if (bound !== port) refuse(EXIT_PORT_TAKEN, `ElizaOS bound port ${bound} instead of SERVER_PORT ${port}; refusing to run there`);
  serving = true;
  info(`agent "${character.name}" serving on ${host}:${port} (${Date.now() - started} ms)`);
}

main().catch((error) => refuse(EXIT_SOFTWARE, `ElizaOS failed to start: ${error?.stack || error}`));
