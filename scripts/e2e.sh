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
trap 'stop_all "$STATE"' EXIT
ENDPOINT=$("$ROOT/.venv/bin/python" "$ROOT/scripts/local_ec2.py" start --state-dir "$STATE")
PORT=$("$ROOT/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start_console "127.0.0.1:$PORT" "$ENDPOINT" "$STATE/console.log"
cd end2end
BASE_URL="http://127.0.0.1:$PORT" npx playwright test "$@"
