#!/usr/bin/env bash
# `make test`: set up if needed, then format, lints (ssr and hydrate), the release build, unit and
# integration tests (against moto), and the browser tests (Chromium against the release build).
set -euo pipefail
source "$(dirname "$0")/env.sh"
# Every step's line says the time since `make test` began, set-up included.
START=$(date +%s)
step() { log "== $* ($(( $(date +%s) - START )) s elapsed)"; }
step "set-up (idempotent: seconds once done)"
bash "$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
# The run's temporary files (moto's, the databases', the browser's) in one folder, removed at the
# end; open to all, since PostgreSQL runs as its own account when the tests run as root.
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/ec2c-run.XXXXXX")
chmod 755 "$TMPDIR"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
LOGS=$ROOT/.run/test-logs
mkdir -p "$LOGS"

step "rustfmt"
cargo fmt --all --check

# clippy checks the typed views, not the erased ones the builds make (see ERASED in env.sh).
step "clippy, ssr feature set (server, app, tests)"
env -u CARGO_BUILD_RUSTFLAGS cargo clippy --locked -p app -p server -p testkit -p bench --features app/ssr --all-targets -- -D warnings

step "clippy, hydrate feature set (the WASM)"
HYDRATE_TARGET=()
[ "$WASM_ROUTE" = rustup ] && HYDRATE_TARGET=(--target wasm32-unknown-unknown)
env -u CARGO_BUILD_RUSTFLAGS cargo clippy --locked -p frontend -p app --features app/hydrate "${HYDRATE_TARGET[@]}" -- -D warnings

step "unit tests of the build scripts"
PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s scripts -p 'test_*.py' 2>&1 | tee "$LOGS/scripts-test.log"

step "release build (quick: server at opt-level 1, WASM without wasm-opt)"
quick_build
build_site

step "unit and integration tests (moto on loopback)"
cargo test --locked --release --no-fail-fast -p app -p server -p testkit -p bench --features app/ssr 2>&1 | tee "$LOGS/cargo-test.log"

step "browser tests (headless Chromium)"
bash scripts/e2e.sh 2>&1 | tee "$LOGS/e2e.log"

rust_passed=$(grep -oE 'test result: ok\. [0-9]+ passed' "$LOGS/cargo-test.log" | awk '{s+=$4} END {print s+0}')
browser_passed=$(grep -oE '^ *[0-9]+ passed' "$LOGS/e2e.log" | awk '{s+=$1} END {print s+0}')
scripts_passed=$(grep -oE '^Ran [0-9]+ tests?' "$LOGS/scripts-test.log" | awk '{s+=$2} END {print s+0}')
step "done: $rust_passed Rust tests, $scripts_passed script tests and $browser_passed browser tests passed"
echo "$(( rust_passed + scripts_passed + browser_passed )) passed, 0 failed"
