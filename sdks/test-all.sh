#!/usr/bin/env bash
# Every SDK-side check in one command: lint openapi.yaml (Redocly CLI, pinned in sdks/package-lock.json), bundle it
# for the schema checks, the Node and Python SDK tests, `npm pack` of the Node SDK installed into a scratch
# project, and the seed's curl flow. End-to-end suites run only with LAUNCHPAD_URL and LAUNCHPAD_API_KEY; the
# summary says which were skipped. The Java SDK's tests run in the Maven build: ./mvnw -B -pl sdks/java -am verify.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*"; }

step "tooling (npm ci in sdks/)"
{ [ -x node_modules/.bin/redocly ] && [ -x node_modules/.bin/tsc ]; } || npm ci --no-audit --no-fund --loglevel=error

step "lint openapi.yaml (Redocly CLI, recommended-strict)"
npx --no-install redocly lint ../openapi.yaml --config redocly.yaml
npx --no-install redocly bundle ../openapi.yaml --dereferenced --ext json -o target/openapi.json

step "Node SDK tests (node --test)"
(cd node && npm test)

step "Node SDK package (npm pack, installed into a scratch project, loaded both ways)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd node && npm pack --silent --pack-destination "$scratch" >/dev/null)
(cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error ./agent-launchpad-sdk-*.tgz \
  && node -e "const { AgentLaunchpadClient } = require('@agent-launchpad/sdk'); new AgentLaunchpadClient({ apiKey: 'k', baseUrl: 'http://localhost:8080' })" \
  && node --input-type=module -e "import { AgentLaunchpadClient } from '@agent-launchpad/sdk'; new AgentLaunchpadClient({ apiKey: 'k', baseUrl: 'http://localhost:8080' })" \
  && test -f node_modules/@agent-launchpad/sdk/index.d.ts)
cp node/test/types/usage.ts "$scratch/usage.ts"
npx --no-install tsc --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 \
  --lib es2022,dom "$scratch/usage.ts"
echo "npm pack: installable, require and import both work, the declarations type-check the documented usage"

step "Python SDK tests (unittest)"
(cd python && python3 -m unittest discover -s tests -t .)

step "seed curl flow"
./seed-curl-flow.sh

step "summary"
if [ -n "${LAUNCHPAD_URL:-}" ] && [ -n "${LAUNCHPAD_API_KEY:-}" ]; then
  echo "end-to-end suites ran against $LAUNCHPAD_URL: Node (e2e, seed snippet), Python (e2e, seed snippet), seed curl flow"
else
  echo "SKIPPED end-to-end suites (LAUNCHPAD_URL/LAUNCHPAD_API_KEY unset): Node e2e + seed snippet, Python e2e + seed snippet, seed curl flow, Java LivePlatformTest (in ./mvnw verify)"
fi
echo "all checks passed"
