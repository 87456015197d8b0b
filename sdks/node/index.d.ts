// Type declarations for @agent-launchpad/sdk. Response shapes follow openapi.yaml at the repository root.
// One file on purpose (over 300 lines): it is the package's single `types` entry and mirrors the API shape by shape.

export interface ClientOptions {
  /** Sent as X-API-Key. */
  apiKey?: string;
  /** A JWT, sent as Authorization: Bearer. */
  accessToken?: string;
  /** e.g. https://api.yourdomain.com or http://localhost:8080 */
  baseUrl: string;
  /** Milliseconds per call, retries included (default 30000; 0 for none). */
  timeout?: number;
  /** Retries of a retryable call on 429, 5xx and connection errors (default 3). */
  maxRetries?: number;
  /** First backoff step in ms when the API gives no Retry-After (default 500). */
  retryBaseDelay?: number;
  /** Cap on any single wait in ms (default 30000). */
  maxRetryDelay?: number;
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
}
export interface WriteOptions extends CallOptions {
  /** The agent's version; sent as If-Match: "<version>". */
  ifMatch?: number | string;
}
export interface CreateOptions extends CallOptions {
  /** Defaults to a UUID the SDK generates once per call and reuses across retries. */
  idempotencyKey?: string;
}

export interface ResponseMeta {
  status: number;
  headers: Record<string, string>;
  requestId?: string;
}
/** Every answer carries a non-enumerable $response. */
export type WithMeta<T> = T & { readonly $response?: ResponseMeta };

export type AgentStatusWord =
  | 'QUEUED' | 'DEPLOYING' | 'DEPLOYED' | 'UPDATING' | 'SCALING' | 'RESTARTING' | 'STOPPED' | 'FAILED' | 'DELETING';

export interface Personality {
  system?: string;
  bio: string | string[];
  adjectives?: string[];
  topics?: string[];
}
export interface Resources { memory?: string; cpu?: string; replicas?: number }
export interface Platforms {
  discord?: { token: string; applicationId?: string; guildId?: string; channelIds?: string };
  telegram?: { token: string; allowedChats?: string };
  twitter?: { apiKey: string; apiSecretKey: string; accessToken: string; accessTokenSecret: string; username?: string };
  /** The agent's own model-provider keys (sealed, never shown). */
  openai?: { apiKey: string };
  anthropic?: { apiKey: string };
  openrouter?: { apiKey: string };
}
export interface CreateAgentRequest {
  agentName: string;
  description?: string;
  personality?: Personality;
  selectedPlugins?: string[];
  resources?: Resources;
  platforms?: Platforms;
}
export interface UpdateAgentRequest {
  description?: string;
  personality?: Personality;
  selectedPlugins?: string[];
  resources?: Resources;
  platforms?: { [K in keyof Platforms]?: Platforms[K] | null };
}
export interface AgentCreated { agentId: string; status: AgentStatusWord; createdAt: string; estimatedDeployTime?: string }
export interface AgentListItem {
  agentId: string; name: string; status: AgentStatusWord; owner: string; createdAt: string; url?: string;
}
export interface AgentList { agents: AgentListItem[]; total: number; limit: number; offset: number; nextToken?: string }
export type HealthWord = 'PENDING' | 'HEALTHY' | 'DEGRADED' | 'UNHEALTHY' | 'STOPPED' | 'TERMINATING' | 'UNKNOWN';
export interface AgentStatus {
  agentId: string;
  status: AgentStatusWord;
  /** Why the agent FAILED. */
  reason?: string;
  url: string;
  health: {
    overall: HealthWord;
    kubernetes: { status: HealthWord; replicas: number; readyReplicas: number };
    /** uptime as `2h 15m`; responseTime as `45ms`, when measured. */
    application: { status: HealthWord; uptime?: string; responseTime?: string };
  };
  deployedAt?: string;
  lastUpdated: string;
}
export interface AgentDetail {
  agentId: string; name: string; description?: string; owner: string; status: AgentStatusWord; reason?: string;
  url?: string; personality?: Personality; selectedPlugins?: string[]; resources?: Resources;
  platforms?: Record<string, Record<string, string>>; generation?: number; version: number; createdAt: string;
  updatedAt?: string; deployedAt?: string;
}
export interface AgentScaled {
  agentId: string; currentReplicas: number; targetReplicas: number; status: AgentStatusWord; updatedAt?: string;
}
export interface RevisionAuthor { userId: string; keyId?: string | null }
export interface RevisionSummary {
  revision: number;
  kind: 'CREATE' | 'UPDATE' | 'SCALE' | 'RESTART' | 'ROLLBACK';
  createdAt: string;
  createdBy: RevisionAuthor;
  requestId?: string | null;
  rolledBackFrom?: number | null;
  /** Field paths, never values: a changed secret shows as its path. */
  changes: string[];
}
export interface RevisionList {
  agentId: string; currentRevision: number; deployedRevision?: number | null; revisions: RevisionSummary[];
  limit: number; nextToken?: string | null;
}
export interface RevisionDetail extends RevisionSummary {
  agentId: string;
  spec: { name: string; description?: string | null; personality?: Record<string, unknown>; selectedPlugins?: string[];
    resources: Record<string, unknown>; platforms?: Record<string, Record<string, string>> | null };
}
export interface AgentOperation { agentId: string; status: AgentStatusWord; message?: string; timestamp?: string }
/** `limit` and `percentage` are left out when a container has no limit. */
export interface Usage { usage: number; limit?: number; percentage?: number }
/**
 * Where traffic figures came from: 'prometheus', or 'unavailable' with `reason`. A figure the source does not have
 * is left out (never a made-up zero).
 */
export interface MetricsSourced { source: 'prometheus' | 'unavailable' | (string & {}); reason?: string }
export interface AgentMetrics {
  agentId: string;
  metrics: {
    /** Cores. */
    cpu: Usage;
    /** Bytes. */
    memory: Usage;
    network: MetricsSourced & { bytesIn?: number; bytesOut?: number };
    /** rate: requests per second over 5 minutes. */
    requests: MetricsSourced & { total?: number; success?: number; errors?: number; rate?: number };
    /** How many pods were measured. */
    pods: number;
  };
  timestamp: string;
}
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
export interface LogLine { timestamp: string; level: LogLevel; message: string; pod: string }
export interface AgentLogs {
  agentId: string; logs: LogLine[]; totalLines: number; truncated: boolean; follow: boolean;
  /** Pass back as `cursor` to continue where this answer stopped. */
  cursor?: string;
}
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export interface ScanResults {
  passed: boolean;
  /** Empty when the scan FAILED. */
  vulnerabilities: { critical?: number; high?: number; medium?: number; low?: number };
  recommendations: string[];
  /** Why the image did not pass. */
  reason?: string;
}
export interface Scan {
  agentId: string;
  /** Opaque; `security.getScan(scanId)` reads the scan back. */
  scanId: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  /** repository@digest */
  image: string;
  /** Absent while IN_PROGRESS. */
  results?: ScanResults;
  scannedAt?: string;
}
export interface SecurityEvent {
  id: string; type: string; severity: Severity; agentId?: string; owner: string; message: string; timestamp: string;
  details: Record<string, unknown>;
  /** How many occurrences (within a minute) the event stands for. */
  count: number;
}
export interface SecurityEventList { events: SecurityEvent[]; total: number; limit: number; nextToken?: string }
export interface SecurityEventParams { limit?: number; severity?: Severity; since?: string; nextToken?: string }
export type ComponentStatus = 'HEALTHY' | 'DEGRADED' | 'UNHEALTHY';
export interface ComponentHealth { status: ComponentStatus; responseTime?: string; error?: string; [field: string]: unknown }
export interface SystemHealth {
  status: ComponentStatus;
  timestamp: string;
  version: string;
  components: {
    database: ComponentHealth & { table?: string; tableStatus?: string };
    queue: ComponentHealth & { depth?: number; inFlight?: number; dlqDepth?: number | null };
    kubernetes: ComponentHealth & { mode?: 'eks' | 'kubeconfig' | 'simulated'; nodes?: number; readyNodes?: number; pods?: number };
    registry: ComponentHealth & { available?: boolean; repository?: string; mode?: 'simulated'; images?: number };
    [component: string]: ComponentHealth;
  };
}
export interface Capacity { total: number; used: number; percentage: number }
export interface SystemMetrics {
  system: {
    totalAgents: number; runningAgents: number; failedAgents: number;
    deployments: { successful: number; failed: number; successRate: number };
  };
  /** cpu in cores; memory and storage (ephemeral) in bytes; used = requested by unfinished pods. */
  resources: { cpu: Capacity; memory: Capacity; storage: Capacity };
  timestamp: string;
}
export interface MessageParams {
  /** The end user of the conversation: 1..64 of A-Z a-z 0-9 . _ @ - (default: the caller's userId). */
  userId?: string;
}
export interface MessageListParams extends MessageParams {
  /** 1..100, default 20. */
  limit?: number;
}
export interface AgentReply {
  agentId: string;
  userId: string;
  reply: { text: string; actions: string[] };
  timestamp: string;
}
export interface ConversationMessage { role: 'user' | 'agent'; text: string; timestamp: string }
export interface Conversation {
  agentId: string;
  userId: string;
  /** Oldest first. */
  messages: ConversationMessage[];
}
export interface ListParams { limit?: number; offset?: number; status?: AgentStatusWord; owner?: string; nextToken?: string }
export interface LogParams { lines?: number; since?: string; follow?: boolean; cursor?: string }
export interface WaitOptions {
  /** ms, default 600000 */
  timeout?: number;
  /** ms between polls, default 5000 */
  interval?: number;
  onProgress?: (status: WithMeta<AgentStatus>) => unknown;
  /** Each new entry of the rollout's timeline, oldest first. */
  onEvent?: (entry: TimelineEntry) => unknown;
  signal?: AbortSignal;
}

export interface TimelineEntry {
  id: string;
  timestamp: string;
  /** The agent's generation the entry belongs to. */
  revision: number;
  type: 'QUEUED' | 'SCAN_STARTED' | 'SCAN_REUSED' | 'SCAN_PASSED' | 'SCAN_BLOCKED' | 'APPLIED' | 'PODS_SCHEDULED'
    | 'PODS_PULLING' | 'PODS_STARTED' | 'REPLICAS_READY' | 'DEPLOYED' | 'STOPPED' | 'FAILED' | 'DRIFT_REPAIRED'
    | 'DELETED';
  message: string;
}

export interface AgentTimeline {
  agentId: string;
  events: TimelineEntry[];
  limit: number;
  nextToken?: string | null;
}

export declare class Paginator<P, I> implements PromiseLike<WithMeta<P>>, AsyncIterable<WithMeta<P>> {
  then<R1 = WithMeta<P>, R2 = never>(
    onfulfilled?: ((value: WithMeta<P>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2>;
  [Symbol.asyncIterator](): AsyncIterator<WithMeta<P>>;
  items(): AsyncIterable<I>;
}

export declare class Agents {
  create(body: CreateAgentRequest, options?: CreateOptions): Promise<WithMeta<AgentCreated>>;
  list(params?: ListParams, options?: CallOptions): Paginator<AgentList, AgentListItem>;
  get(agentId: string, options?: CallOptions): Promise<WithMeta<AgentDetail>>;
  getStatus(agentId: string, options?: CallOptions): Promise<WithMeta<AgentStatus>>;
  update(agentId: string, changes: UpdateAgentRequest, options?: WriteOptions): Promise<WithMeta<AgentOperation>>;
  scale(agentId: string, replicas: number | { replicas: number }, options?: WriteOptions): Promise<WithMeta<AgentScaled>>;
  restart(agentId: string, options?: WriteOptions): Promise<WithMeta<AgentOperation>>;
  listRevisions(agentId: string, params?: { limit?: number; nextToken?: string }, options?: CallOptions): Paginator<RevisionList, RevisionSummary>;
  getRevision(agentId: string, revision: number, options?: CallOptions): Promise<WithMeta<RevisionDetail>>;
  rollback(agentId: string, revision: number, options?: WriteOptions): Promise<WithMeta<AgentOperation>>;
  delete(agentId: string, options?: WriteOptions): Promise<WithMeta<AgentOperation>>;
  metrics(agentId: string, options?: CallOptions): Promise<WithMeta<AgentMetrics>>;
  logs(agentId: string, params: LogParams & { follow: true }, options?: CallOptions): AsyncIterableIterator<LogLine>;
  logs(agentId: string, params?: LogParams & { follow?: false }, options?: CallOptions): Promise<WithMeta<AgentLogs>>;
  /**
   * Sends content (1..4000 characters, no control characters but \n \r \t) to the running agent; never retried.
   * ConflictError (CONFLICT) when the agent is not running, ServerError GATEWAY_TIMEOUT (504) with no reply in time.
   */
  sendMessage(agentId: string, content: string, params?: MessageParams, options?: CallOptions): Promise<WithMeta<AgentReply>>;
  listMessages(agentId: string, params?: MessageListParams, options?: CallOptions): Promise<WithMeta<Conversation>>;
  /** The agent's rollout timeline, newest first. */
  events(agentId: string, params?: { limit?: number; nextToken?: string }, options?: CallOptions):
    Promise<WithMeta<AgentTimeline>>;
  waitUntilDeployed(agentId: string, options?: WaitOptions): Promise<WithMeta<AgentStatus>>;
}
export declare class Auth {
  generateKey(body: { username: string; email: string; role: string }, options?: CallOptions):
    Promise<WithMeta<{ apiKey: string; keyId: string; expiresAt?: string }>>;
  listKeys(options?: CallOptions): Promise<WithMeta<{ keys: Array<Record<string, unknown> & { keyId: string }> }>>;
  revokeKey(keyId: string, options?: CallOptions): Promise<WithMeta<Record<string, unknown>>>;
}
export declare class Security {
  /** 200 with a COMPLETED or FAILED scan, 202 with an IN_PROGRESS one (see `$response.status`). */
  scan(agentId: string, options?: CallOptions): Promise<WithMeta<Scan>>;
  getScan(scanId: string, options?: CallOptions): Promise<WithMeta<Scan>>;
  events(params?: SecurityEventParams, options?: CallOptions): Promise<WithMeta<SecurityEventList>>;
}
export declare class System {
  /** HEALTHY or DEGRADED; an UNHEALTHY platform answers 503, raised as ServerError whose `body` is the report. */
  health(options?: CallOptions): Promise<WithMeta<SystemHealth>>;
  /** Admins only. */
  metrics(options?: CallOptions): Promise<WithMeta<SystemMetrics>>;
}
export declare class Users {
  getProfile(options?: CallOptions): Promise<WithMeta<Record<string, any>>>;
  updateProfile(changes: { email?: string; notifications?: Record<string, boolean> }, options?: CallOptions):
    Promise<WithMeta<Record<string, any>>>;
}

export declare class AgentLaunchpadClient {
  constructor(options: ClientOptions);
  readonly agents: Agents;
  readonly auth: Auth;
  readonly security: Security;
  readonly system: System;
  readonly users: Users;
}

export declare class AgentLaunchpadError extends Error {
  /** One of the API's error codes (VALIDATION_ERROR, AGENT_NOT_FOUND, ...). */
  code: string;
  status?: number;
  requestId?: string;
  /** For VALIDATION_ERROR: [{ field, message }]. */
  details?: unknown;
  headers?: Record<string, string>;
  /** The error body as the API sent it. */
  readonly body?: unknown;
}
export declare class ValidationError extends AgentLaunchpadError {}
export declare class AuthenticationError extends AgentLaunchpadError {}
export declare class PermissionError extends AgentLaunchpadError {}
export declare class NotFoundError extends AgentLaunchpadError {}
export declare class ConflictError extends AgentLaunchpadError {}
export declare class RateLimitError extends AgentLaunchpadError {}
export declare class ServerError extends AgentLaunchpadError {}
export declare class ConnectionError extends AgentLaunchpadError {}
export declare class TimeoutError extends AgentLaunchpadError {}
export declare class DeploymentFailedError extends AgentLaunchpadError {
  reason?: string;
  agentId?: string;
}
export declare const LOG_CURSOR: string;
export declare const VERSION: string;
