// Compiled (not run) by sdks/test-all.sh against the packed package: the declarations cover the documented usage.
import { AgentLaunchpadClient, ValidationError, AgentStatus, WithMeta } from '@agent-launchpad/sdk';
async function main() {
  const client = new AgentLaunchpadClient({ apiKey: 'k', baseUrl: 'http://localhost:8080' });
  const agent = await client.agents.create({ agentName: 'my-bot', description: 'My AI bot' });
  const status: WithMeta<AgentStatus> = await client.agents.getStatus(agent.agentId);
  for await (const page of client.agents.list({ limit: 5 })) page.agents.forEach((a) => a.agentId);
  const first = await client.agents.list();
  first.total.toFixed();
  for await (const line of client.agents.logs(agent.agentId, { follow: true })) line.message.toUpperCase();
  const logs = await client.agents.logs(agent.agentId, { lines: 5 });
  logs.totalLines.toFixed();
  await client.agents.waitUntilDeployed(agent.agentId, { timeout: 1000, onProgress: (s) => s.status });
  try { await client.agents.scale(agent.agentId, 2, { ifMatch: 3, signal: AbortSignal.timeout(100) }); }
  catch (e) { if (e instanceof ValidationError) console.log(e.code, e.details, e.requestId, e.status); }
  const m = await client.agents.metrics(agent.agentId);
  if (m.metrics.network.source === 'unavailable') console.log(m.metrics.network.reason);
  console.log(m.metrics.cpu.usage.toFixed(2), m.metrics.memory.percentage?.toFixed(1), m.metrics.pods);
  logs.logs.forEach((l) => l.level === 'ERROR' && l.pod.length);
  const scan = await client.security.scan(agent.agentId);
  if (scan.status === 'IN_PROGRESS') await client.security.getScan(scan.scanId);
  else scan.results?.recommendations.forEach((r) => r.length);
  const events = await client.security.events({ severity: 'HIGH', since: '1h' });
  if (events.nextToken) await client.security.events({ severity: 'HIGH', since: '1h', nextToken: events.nextToken });
  events.events.forEach((e) => e.count + e.owner.length);
  const health = await client.system.health();
  console.log(health.components.queue.depth, health.components.database.status, health.version);
  const sys = await client.system.metrics();
  sys.resources.memory.used.toFixed();
  const said = await client.agents.sendMessage(agent.agentId, 'hello', { userId: 'user-1' }, { timeout: 25_000 });
  said.reply.actions.forEach((a) => a.length);
  const talk = await client.agents.listMessages(agent.agentId, { limit: 5 });
  talk.messages.forEach((m) => (m.role === 'agent' ? m.text.length : m.timestamp.length));
  const link = await client.identityLinks.link({ issuer: 'https://sso.example', subject: '00u1', username: 'dave' });
  for await (const l of client.identityLinks.list({ limit: 20 }).items()) l.linkId.length + l.userId.length;
  (await client.identityLinks.unlink(link.linkId)).unlinked;
  return status.$response?.requestId ?? status.health.overall;
}
main();
