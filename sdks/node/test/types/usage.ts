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
  return status.$response?.requestId;
}
main();
