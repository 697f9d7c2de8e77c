#!/usr/bin/env bash
# Checks that openapi.yaml matches the server: starts a real `runnel serve` (with API keys)
# on a scratch repository and runs schemathesis against it with every check (all enabled in
# scripts/schemathesis.toml, which says where and why one is relaxed), a bounded
# number of examples per operation and a fixed seed (reproducible, about a minute).
#   scripts/schemathesis.sh [RUNNEL_BINARY]
# Environment: SCHEMATHESIS (the command, default `schemathesis`), ST_EXAMPLES (default 8),
# ST_SEED (default 4242), ST_PORT (default: a free port), ST_PHASES (default examples,coverage,fuzzing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNNEL="${1:-$ROOT/.build/debug/runnel}"
SCHEMATHESIS="${SCHEMATHESIS:-schemathesis}"
EXAMPLES="${ST_EXAMPLES:-8}"
SEED="${ST_SEED:-4242}"
PHASES="${ST_PHASES:-examples,coverage,fuzzing}"
PORT="${ST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
SCRATCH="$(mktemp -d /tmp/runnel-schemathesis-XXXXXX)"
git_() { git -c user.name="Runnel schemathesis" -c user.email=st@runnel.invalid -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }
SERVE=""
cleanup() {
  if [ -n "$SERVE" ]; then kill "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

mkdir -p "$SCRATCH/repo/workflows"
cat > "$SCRATCH/repo/workflows/hello.yaml" <<'YAML'
name: Hello
description: A step that ends at once
inputs:
  who: {type: string, default: world}
on:
  webhook:
    - {id: plain}
steps:
  - id: say
    type: script
    config:
      env: {WHO: "${{ inputs.who }}"}
      run: 'echo "said=hello $WHO" >> "$RUNNEL_OUTPUT"'
outputs:
  said: ${{ steps.say.output.said }}
YAML
(cd "$SCRATCH/repo" && git_ init -q && git_ add -A && git_ commit -qm "Add hello")

KEY="$("$RUNNEL" keys create schemathesis --scopes admin --keys-file "$SCRATCH/keys.json")"
# Niced: the run shares the machine with the rest of the test suite, whose timing tests come first.
nice -n 10 "$RUNNEL" serve --repo "$SCRATCH/repo" --state "$SCRATCH/state" --keys-file "$SCRATCH/keys.json" \
  --listen "127.0.0.1:$PORT" > "$SCRATCH/serve.log" 2>&1 &
SERVE=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1 && break
  kill -0 "$SERVE" 2>/dev/null || { cat "$SCRATCH/serve.log" >&2; exit 1; }
  sleep 0.1
done

status=0
# Run from the scratch folder: schemathesis keeps its cache (.schemathesis/) in the working folder.
cd "$SCRATCH"
nice -n 10 "$SCHEMATHESIS" --config-file "$ROOT/scripts/schemathesis.toml" run "http://127.0.0.1:$PORT/openapi.yaml" \
  --max-examples "$EXAMPLES" --seed "$SEED" --phases "$PHASES" \
  --workers 1 --request-timeout 10 --no-shrink \
  -H "Authorization: Bearer $KEY" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- runnel serve log (last 40 lines)" >&2
  tail -40 "$SCRATCH/serve.log" >&2
fi
exit "$status"
