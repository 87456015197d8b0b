#!/usr/bin/env bash
# End-to-end over real HTTP: starts the local platform as `./launchpad up` does (its own state directory and a free
# port), takes its first admin key, and runs every SDK's end-to-end suite, the seed's snippets and curl flow, and the
# OpenAPI response validation against it, on simulated pods (they create many agents). Then a second platform whose
# pods are real ElizaOS processes with the test model, for the real-agent suite (local/real-agents/). Stops the
# platforms whatever happens. Needs the build of `./mvnw verify` and agent-image/'s npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."

# Suites make hundreds of calls in seconds with one admin key: lift the per-key limits (the limits themselves are
# tested in the Maven build).
export LAUNCHPAD_RATE_LIMITS_ADMIN=100000,100000 LAUNCHPAD_RATE_LIMITS_USER=100000,100000
export LAUNCHPAD_QUOTAS_ADMIN=agents=1000,replicas=10,cpu=1000,memory=4Ti
export LAUNCHPAD_USAGE_PLANS_ADMIN=rate=1000,burst=1000,quota=1000000

pids=()
homes=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for home in "${homes[@]}"; do rm -rf "$home"; done
}
trap stop EXIT

# start_platform <runtime> [VAR=value...]: a fresh platform; sets LAUNCHPAD_URL, LAUNCHPAD_API_KEY, LAUNCHPAD_HOME.
start_platform() {
  local runtime=$1 home port log pid
  shift
  home=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  log="$home/platform.log"
  env "$@" LAUNCHPAD_AGENT_RUNTIME="$runtime" LAUNCHPAD_HOME="$home" LAUNCHPAD_PORT="$port" \
    java -Dorg.jboss.logging.provider=jdk -jar "${LAUNCHPAD_E2E_JAR:-local/platform/target/local-platform.jar}" \
    >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  homes+=("$home")
  for _ in $(seq 1 120); do
    grep -q "is ready at" "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "the local platform did not start:"; cat "$log"; exit 1; }
    sleep 0.5
  done
  grep -q "is ready at" "$log" || { echo "the local platform did not become ready in 60 s:"; cat "$log"; exit 1; }
  export LAUNCHPAD_URL="http://127.0.0.1:$port" LAUNCHPAD_HOME="$home"
  LAUNCHPAD_API_KEY=$(tr -d '\n' < "$home/admin-api-key")
  export LAUNCHPAD_API_KEY
  echo "local platform ($runtime agents) ready at $LAUNCHPAD_URL"
}

suites="${LAUNCHPAD_E2E_SUITES:-sdks,real}"

if [[ ",$suites," == *",sdks,"* ]]; then
  start_platform simulated
  bash sdks/test-all.sh
  ./mvnw -B -o -q -pl sdks/java test -Dtest=LivePlatformTest -Dsurefire.failIfNoSpecifiedTests=false
  echo "end-to-end suites passed against the local platform (simulated agents)"
  stop
  pids=()
  homes=()
fi

if [[ ",$suites," == *",real,"* ]]; then
  start_platform real LAUNCHPAD_AGENT_TEST_MODEL=true
  node --test --test-concurrency=1 local/real-agents/ || { echo "the real-agent suite failed; the platform's log:";
    tail -n 200 "$LAUNCHPAD_HOME/platform.log"; exit 1; }
  echo "real-agent suite passed against the local platform (ElizaOS processes)"
fi
