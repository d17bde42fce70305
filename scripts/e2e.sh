#!/usr/bin/env bash
# Browser tests: a seeded moto and the release build of the console on free loopback ports,
# then Playwright in Debian's headless Chromium. Everything started here is stopped on exit.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/serve.sh"
cd "$ROOT"
STATE=$ROOT/.run/e2e
mkdir -p "$STATE"
CONSOLE_PID=""
PROXY_PID=""
trap 'stop_all "$STATE"; [ -z "$PROXY_PID" ] || kill "$PROXY_PID" 2>/dev/null' EXIT
rm -rf "$STATE/data"
ENDPOINT=$("$ROOT/.venv/bin/python" "$ROOT/scripts/local_ec2.py" start --state-dir "$STATE" --auth --e2e)
# The console reaches moto through the fault proxy, which the tests steer (a region that fails,
# an action denied on one instance): POST $FAULT_PROXY/__faults/...
# `make test` built it (testkit's tests run it); `make e2e` alone builds it when it is missing.
[ -x "$CARGO_TARGET_DIR/release/fault-proxy" ] \
  || (quick_build && cargo test --locked --release --no-run -p app -p server -p testkit -p bench --features app/ssr)
"$CARGO_TARGET_DIR/release/fault-proxy" "$ENDPOINT" > "$STATE/proxy.addr" &
PROXY_PID=$!
for _ in $(seq 1 100); do [ -s "$STATE/proxy.addr" ] && break; sleep 0.1; done
export FAULT_PROXY
FAULT_PROXY=$(head -n1 "$STATE/proxy.addr")
PORT=$("$ROOT/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The suite signs the same users in many times a minute: lift the sign-in rate limit for this run only.
export EC2C_SIGN_IN_PER_IP_PER_MIN=1000 EC2C_SIGN_IN_PER_KEY_PER_MIN=1000
start_console "127.0.0.1:$PORT" "$FAULT_PROXY" "$STATE/console.log"
export RUST_LOG="info,server=debug,app=debug,tower_http=debug"
playwright() { (cd end2end && USERS_FILE="$STATE/users.json" BASE_URL="http://127.0.0.1:$PORT" npx playwright test --pass-with-no-tests "$@"); }
# Most files in two browsers at once, then the files that must not share the estate, one at a time
# (projects in end2end/playwright.config.ts). Both runs always run; either failing fails the suite.
status=0
playwright --project=shared "$@" 2>&1 | tee "$STATE/shared.log" || status=$?
playwright --project=alone --workers=1 "$@" 2>&1 | tee "$STATE/alone.log" || status=$?
# The secrets scan's last part: no secret access key reached the server's log.
"$ROOT/.venv/bin/python" - "$STATE/users.json" "$STATE/console.log" <<'PY'
import json, sys
users = json.load(open(sys.argv[1]))
log = open(sys.argv[2], encoding="utf-8", errors="replace").read()
leaked = [name for name, u in users.items() if u["secret_access_key"] in log]
if leaked:
    sys.exit(f"secret access key of {leaked} found in the console log")
print(f"secrets scan: no secret in {len(log)} bytes of console log")
PY
# A failure's report, again at the very end, where a log's tail shows it: each failed test and
# the start of Playwright's account of why.
if [ "$status" != 0 ]; then
  echo "browser tests failed:"
  grep -h "✘" "$STATE/shared.log" "$STATE/alone.log" || true
  for run in shared alone; do
    awk '/^  1\) /{on=1} on{print; if (++n >= 40) exit}' "$STATE/$run.log"
  done
fi
exit "$status"
