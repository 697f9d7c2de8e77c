#!/usr/bin/env bash
# The daemon part of `make demo`: a scratch bare repository made from the bundled workflows
# (this repository is never written to), `runnel serve` watching it, a valid push activated,
# an invalid one refused while the old version keeps running, a revert, a run through the API;
# it ends by printing the dashboard's URL (and keeps serving until Ctrl-C on a terminal).
set -euo pipefail
RUNNEL="$(cd "$(dirname "$0")/.." && pwd)/.build/debug/runnel"
SRC="$(cd "$(dirname "$0")/.." && pwd)/workflows"
SCRATCH="$(mktemp -d /tmp/runnel-demo-XXXXXX)"
PORT="${RUNNEL_DEMO_PORT:-18080}"
git_() { git -c user.name="Runnel demo" -c user.email=demo@runnel.invalid -c init.defaultBranch=main "$@"; }
trap 'kill "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true' EXIT

git_ init -q --bare "$SCRATCH/origin.git"
git_ clone -q "$SCRATCH/origin.git" "$SCRATCH/clone" 2>/dev/null
cp -R "$SRC" "$SCRATCH/clone/workflows"
(cd "$SCRATCH/clone" && git_ add -A && git_ commit -qm "Add the example workflows" && git_ push -q origin HEAD:main)

"$RUNNEL" serve --repo "$SCRATCH/origin.git" --state "$SCRATCH/state" --no-auth --listen "127.0.0.1:$PORT" > "$SCRATCH/serve.log" 2>&1 &
SERVE=$!
for _ in $(seq 50); do grep -q "API on" "$SCRATCH/serve.log" 2>/dev/null && break; sleep 0.1; done

echo "== pushed the examples; the daemon activated them:"
"$RUNNEL" status --state "$SCRATCH/state" || true

echo; echo "== a push that breaks local/disk-report is refused; its last valid version keeps running:"
(cd "$SCRATCH/clone" && sed -i 's/depends_on: \[measure\]/depends_on: [mesure]/' workflows/local/disk-report.yaml \
  && git_ commit -qam "Typo in a dependency" && git_ push -q origin HEAD:main)
sleep 1
"$RUNNEL" status --state "$SCRATCH/state" | grep -E "disk-report|depends on" || true

echo; echo "== git revert restores it:"
(cd "$SCRATCH/clone" && git_ revert --no-edit HEAD > /dev/null && git_ push -q origin HEAD:main)
sleep 1
"$RUNNEL" status --state "$SCRATCH/state" | grep -E "disk-report" || true

if command -v python3 > /dev/null; then
  echo; echo "== a run through the API (POST /api/workflows/local%2Fdisk-report/run, then GET /api/runs/ID):"
  python3 - "$PORT" <<'PY'
import json, sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
request = urllib.request.Request(base + "/api/workflows/local%2Fdisk-report/run", data=b'{"input_data": {"threshold_mb": 100}}', method="POST",
                                 headers={"Content-Type": "application/json"})
run_id = json.load(urllib.request.urlopen(request))["run_id"]
for _ in range(100):
    record = json.load(urllib.request.urlopen(f"{base}/api/runs/{run_id}"))
    if record["status"] in ("completed", "failed", "cancelled"):
        break
    time.sleep(0.1)
print(f"run {run_id}: {record['status']}; outputs {json.dumps(record.get('outputs'))}")
PY
fi

echo; echo "== the daemon's log:"
grep -v "Hummingbird" "$SCRATCH/serve.log"
echo; echo "The API answered on http://127.0.0.1:$PORT (try /api/workflows, /openapi.yaml, /metrics with"
echo "'runnel serve' yourself; docs/daemon.md). Scratch files are in $SCRATCH."
echo; echo "Dashboard: http://127.0.0.1:$PORT/dashboard (docs/dashboard.md; --no-auth here, so no sign-in)"
# RUNNEL_DEMO_KEEP=1 (or an interactive terminal with RUNNEL_DEMO_KEEP unset) keeps it serving until Ctrl-C.
if [ "${RUNNEL_DEMO_KEEP:-}" = 1 ] || { [ -z "${RUNNEL_DEMO_KEEP+x}" ] && [ -t 0 ] && [ -t 1 ]; }; then
  echo "Serving until Ctrl-C."
  trap 'exit 0' INT TERM
  wait "$SERVE" || true
fi
