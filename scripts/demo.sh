#!/usr/bin/env bash
# `make demo`: set up if needed, build, start a seeded local EC2 (moto) and the console on 127.0.0.1:3000.
# Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/env.sh"
START=$(date +%s)
bash "$ROOT/scripts/setup.sh"
source "$ROOT/scripts/serve.sh"
cd "$ROOT"
log "building the console (quick build: server at opt-level 1, WASM without wasm-opt)"
quick_build
build_site
STATE=$ROOT/.run/demo
mkdir -p "$STATE"
CONSOLE_PID=""
trap 'stop_all "$STATE"; echo "demo stopped"' EXIT
trap 'exit 0' INT TERM
log "starting the local EC2 (moto) and seeding the sample estate"
ENDPOINT=$("$ROOT/.venv/bin/python" "$ROOT/scripts/local_ec2.py" start --state-dir "$STATE" --auth)
user() { "$ROOT/.venv/bin/python" -c "import json,sys; print(json.load(open('$STATE/users.json'))['$1']['$2'])"; }
ADDR=${DEMO_ADDR:-127.0.0.1:3000}
start_console "$ADDR" "$ENDPOINT" "$STATE/console.log"
log "demo ready $(( $(date +%s) - START )) s after \`make demo\` began (set-up included)"
cat <<MSG

  EC2 Console demo is running:   http://$ADDR/instances
  Local EC2 (moto) endpoint:     $ENDPOINT   (regions us-east-1 and eu-west-1 are seeded)
  Sign in as alice (full access): access key ID  $(user alice access_key_id)
                                 secret access key  $(user alice secret_access_key)
  or as bob (may not launch or terminate instances):
                                 access key ID  $(user bob access_key_id)
                                 secret access key  $(user bob secret_access_key)
  or as carol (full access, in another AWS account: sees none of the others' views or audit):
                                 access key ID  $(user carol access_key_id)
                                 secret access key  $(user carol secret_access_key)
  Console log:                   $STATE/console.log

  Press Ctrl-C to stop.
MSG
wait "$CONSOLE_PID"
