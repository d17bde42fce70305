# Sourced by e2e.sh and demo.sh: starts (and stops) the release server against a moto endpoint.
# start_console ADDR ENDPOINT LOGFILE -> sets CONSOLE_PID; waits for /healthz. Demo mode: the session key
# is generated under the log's folder (data/).
start_console() {
  local addr=$1 endpoint=$2 logfile=$3
  local bin="$CARGO_TARGET_DIR/release/server"
  [ -x "$bin" ] || { echo "no server binary at $bin: build first"; return 1; }
  # No AWS credentials for the server: every call is made with a signed-in person's own.
  env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
    LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="$addr" EC2C_LISTEN="$addr" \
    AWS_ENDPOINT_URL="$endpoint" EC2C_DEFAULT_REGION=us-east-1 \
    EC2C_DEMO=true EC2C_DATA_DIR="$(dirname "$logfile")/data" RUST_LOG="${RUST_LOG:-info}" \
    "$bin" > "$logfile" 2>&1 &
  CONSOLE_PID=$!
  local i
  for i in $(seq 1 100); do
    if curl -fsS "http://$addr/healthz" >/dev/null 2>&1; then return 0; fi
    kill -0 "$CONSOLE_PID" 2>/dev/null || { echo "the console exited; its log:"; cat "$logfile"; return 1; }
    sleep 0.2
  done
  echo "the console did not answer on $addr"; return 1
}

# stop_all STATE: stops the console started by start_console and the moto started in STATE.
stop_all() {
  if [ -n "${CONSOLE_PID:-}" ]; then
    kill "$CONSOLE_PID" 2>/dev/null && wait "$CONSOLE_PID" 2>/dev/null
  fi
  "$ROOT/.venv/bin/python" "$ROOT/scripts/local_ec2.py" stop --state-dir "$1"
}

