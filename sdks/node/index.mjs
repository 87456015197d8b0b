// The ESM entry: the same classes as the CommonJS build, so `instanceof` holds whichever way they are loaded.
import sdk from './lib/index.js';

export const {
  AgentLaunchpadClient, Paginator, LOG_CURSOR, VERSION, AgentLaunchpadError, ValidationError, AuthenticationError,
  PermissionError, NotFoundError, ConflictError, RateLimitError, ServerError, ConnectionError, TimeoutError,
  DeploymentFailedError,
} = sdk;
export default sdk;
