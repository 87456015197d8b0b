// What the real-agent suite talks to: the platform's API, the simulated cluster's API server (through the
// kubeconfig the platform writes), and the agent processes on this machine (pid files under <home>/agents, /proc).
import fs from 'node:fs';
import path from 'node:path';

const need = (name) => process.env[name] || (() => { throw new Error(`${name} is required (see local/e2e.sh)`); })();
const baseUrl = need('LAUNCHPAD_URL');
const apiKey = need('LAUNCHPAD_API_KEY');
const home = need('LAUNCHPAD_HOME');

async function send(url, method, headers, body) {
  const answer = await fetch(url, { method, headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(60000) });
  const text = await answer.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: answer.status, body: parsed };
}

export const platform = {
  call: (method, route, body) => send(`${baseUrl}${route}`, method, { 'X-API-Key': apiKey }, body),
};

function kubeconfig() {
  const text = fs.readFileSync(path.join(home, 'kubeconfig'), 'utf8');
  const server = /^\s*server:\s*(\S+)/m.exec(text)?.[1];
  const token = /^\s*token:\s*(\S+)/m.exec(text)?.[1];
  if (!server) throw new Error(`no server in ${home}/kubeconfig`);
  return { server: server.replace(/\/$/, ''), headers: token ? { Authorization: `Bearer ${token}` } : {} };
}

async function kube(method, apiPath, body, extraHeaders = {}) {
  const { server, headers } = kubeconfig();
  return send(`${server}${apiPath}`, method, { ...headers, ...extraHeaders }, body);
}

const ready = (pod) => pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp
  && (pod.status?.conditions || []).some((c) => c.type === 'Ready' && c.status === 'True');

export const cluster = {
  async pods(agentId) {
    const answer = await kube('GET', `/api/v1/pods?labelSelector=${encodeURIComponent(`agent-id=${agentId}`)}`);
    if (answer.status !== 200) throw new Error(`listing pods: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.items || [];
  },
  async readyPods(agentId) {
    return (await this.pods(agentId)).filter(ready);
  },
  /** The agent's ELIZA_SERVER_AUTH_TOKEN from its Secret (null when it has none). */
  async agentToken(namespace, agentId) {
    const answer = await kube('GET', `/api/v1/namespaces/${namespace}/secrets/${agentId}-credentials`);
    if (answer.status !== 200) throw new Error(`reading the Secret: ${answer.status}`);
    const value = answer.body.data?.ELIZA_SERVER_AUTH_TOKEN;
    return value ? Buffer.from(value, 'base64').toString('utf8') : answer.body.stringData?.ELIZA_SERVER_AUTH_TOKEN ?? null;
  },
  /** A call to the agent's own HTTP API through the API server's service proxy, as the platform makes it. */
  proxy(namespace, agentId, method, agentPath, { token, body } = {}) {
    return kube(method, `/api/v1/namespaces/${namespace}/services/${agentId}:http/proxy${agentPath}`, body,
      token ? { 'X-API-KEY': token } : {});
  },
};

export const processes = {
  directory: (namespace, agentId) => path.join(home, 'agents', namespace, agentId),
  /** The pid the runtime recorded for a pod (its pid file: "<pid> <start time>"); null before it started one. */
  pid(pod) {
    const file = path.join(this.directory(pod.metadata.namespace, pod.metadata.labels['agent-id']), pod.metadata.name, 'pid');
    try {
      return Number(fs.readFileSync(file, 'utf8').trim().split(/\s+/)[0]) || null;
    } catch {
      return null;
    }
  },
  alive(pid) {
    if (!pid) return false;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return !/^\d+ \(.*\) Z/.test(stat); // a zombie has exited
    } catch {
      return false;
    }
  },
  commandLine: (pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '),
  rssBytes(pid) {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb) * 1024;
  },
  agentDirectoryExists(namespace, agentId) {
    return fs.existsSync(this.directory(namespace, agentId));
  },
};

/** Polls `probe` every half second until it returns something truthy (returned), for at most `seconds`. */
export async function eventually(what, seconds, probe) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
      last = null;
    } catch (error) {
      if (error instanceof Fatal) throw error;
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what}: not within ${seconds} s${last ? ` (last: ${last.message})` : ''}`);
}

/** Thrown from a probe of {@link eventually} to stop waiting at once (e.g. the agent FAILED). */
export class Fatal extends Error {}

/** The API reference's creation example (a Discord bot with a placeholder token), under a fresh name. */
export function seedAgent(agentName) {
  return {
    agentName,
    description: 'Community Discord bot',
    personality: { system: 'You are a helpful community moderator.', bio: ['I help manage Discord communities'],
      adjectives: ['helpful', 'friendly', 'professional'] },
    selectedPlugins: ['@elizaos/plugin-discord'],
    resources: { memory: '512Mi', cpu: '250m' },
    platforms: { discord: { token: 'your-discord-token' } },
  };
}
