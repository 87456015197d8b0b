#!/usr/bin/env bash
# The API reference's "Complete Agent Creation Flow", command for command, against LAUNCHPAD_URL with
# LAUNCHPAD_API_KEY (the only changes: the host, the key, and the agent id the create answered). Skipped, saying
# so, without them. Exit status 0 when every step answers as the reference shows.
set -euo pipefail

if [ -z "${LAUNCHPAD_URL:-}" ] || [ -z "${LAUNCHPAD_API_KEY:-}" ]; then
  echo "# SKIPPED seed curl flow: set LAUNCHPAD_URL (e.g. http://localhost:8080) and LAUNCHPAD_API_KEY"
  exit 0
fi
base="${LAUNCHPAD_URL%/}"
key="$LAUNCHPAD_API_KEY"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# field FILE NAME: one top-level field of a JSON answer
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$1" "$2"; }
expect() { # expect WHAT ACTUAL WANTED
  if [ "$2" != "$3" ]; then echo "seed curl flow: $1 was '$2', expected '$3'; answer: $(cat "$out")" >&2; exit 1; fi
}

# 1. Create agent
code=$(curl -sS -o "$out" -w '%{http_code}' -X POST "$base/api/agents" \
  -H "X-API-Key: $key" \
  -H "Content-Type: application/json" \
  -d '{
    "agentName": "discord-bot",
    "description": "Community Discord bot",
    "personality": {
      "system": "You are a helpful community moderator.",
      "bio": ["I help manage Discord communities"],
      "adjectives": ["helpful", "friendly", "professional"]
    },
    "selectedPlugins": ["@elizaos/plugin-discord"],
    "resources": {
      "memory": "512Mi",
      "cpu": "250m"
    },
    "platforms": {
      "discord": {
        "token": "your-discord-token"
      }
    }
  }')
expect "create status" "$code" 202
expect "create .status" "$(field "$out" status)" QUEUED
agent=$(field "$out" agentId)
cleanup() { curl -sS -o /dev/null -X DELETE "$base/api/agents/$agent" -H "X-API-Key: $key" || true; rm -f "$out"; }
trap cleanup EXIT

# 2. Check status
code=$(curl -sS -o "$out" -w '%{http_code}' -H "X-API-Key: $key" \
  "$base/api/agents/$agent/status")
expect "status status" "$code" 200
expect "status .agentId" "$(field "$out" agentId)" "$agent"

# 3. Scale up
code=$(curl -sS -o "$out" -w '%{http_code}' -X POST "$base/api/agents/$agent/scale" \
  -H "X-API-Key: $key" \
  -H "Content-Type: application/json" \
  -d '{"replicas": 2}')
expect "scale status" "$code" 202
expect "scale .currentReplicas" "$(field "$out" currentReplicas)" 2
expect "scale .status" "$(field "$out" status)" SCALING

echo "seed curl flow: create, status and scale answered as the reference shows (agent $agent, now deleted)"
