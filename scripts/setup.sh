#!/usr/bin/env bash
# Takes a fresh Debian 12 machine of this kind (rustup stable, Node 20 + npm, Python 3, network only to
# the package registries) to everything `make demo` and `make test` need. Idempotent: every step checks
# first, so a second run changes nothing and takes seconds.
#
#   WASM route: rustup's wasm32-unknown-unknown when it can be installed, else Debian's rustc-web
#   with -Zbuild-std for the WASM build only (force one with WASM_ROUTE=rustup|debian).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

CARGO_LEPTOS_VERSION=0.3.11
WASM_ROUTE=${WASM_ROUTE_FORCE:-auto}
RUSTUP_ADD_TIMEOUT=${RUSTUP_ADD_TIMEOUT:-120}
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$EC2C_CACHE_DIR" "$TOOLS_DIR"

APT_UPDATED=0
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$APT_UPDATED" = 0 ]; then apt-get update -q; APT_UPDATED=1; fi
  log "apt: installing ${missing[*]}"
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }
rustc_release() { { "$@" -vV 2>/dev/null || true; } | sed -n 's/^release: //p'; }
# A file's content hash, to tell whether an install stamp is current.
stamp_of() { cat "$@" | sha256sum | cut -c1-16; }

command -v rustup >/dev/null || { echo "rustup not found (expected in ~/.cargo/bin)"; exit 1; }
command -v npm >/dev/null || { echo "npm not found"; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found"; exit 1; }

# ---------------------------------------------------------------- 1. the WASM target
rustup_has_wasm() { rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; }
ROUTE=""
if [ "$WASM_ROUTE" != debian ]; then
  if ! rustup_has_wasm; then
    log "rustup target add wasm32-unknown-unknown (timeout ${RUSTUP_ADD_TIMEOUT}s)"
    # It can finish its work and then linger: judge by the installed list, not the exit code.
    timeout "$RUSTUP_ADD_TIMEOUT" rustup target add wasm32-unknown-unknown || true
  fi
  if rustup_has_wasm; then
    ROUTE=rustup
  elif [ "$WASM_ROUTE" = rustup ]; then
    echo "rustup could not add wasm32-unknown-unknown and WASM_ROUTE_FORCE=rustup"; exit 1
  fi
fi
if [ -z "$ROUTE" ]; then
  log "falling back to Debian's rustc-web with -Zbuild-std for the WASM build"
  apt_install rustc-web rust-web-src libstd-rust-web-dev lld-19
  [ -d /usr/lib/rustlib/src/rust/library/std ] || { echo "rust-web-src is missing"; exit 1; }
  ROUTE=debian
fi
{
  echo "# written by scripts/setup.sh"
  echo "WASM_ROUTE=$ROUTE"
  if [ "$ROUTE" = debian ]; then
    echo "export RUSTC_BOOTSTRAP=1"
    echo "export LEPTOS_BIN_CARGO_COMMAND=\"env -u RUSTC_BOOTSTRAP cargo\""
    echo "LEPTOS_LIB_ARGS=(--lib-cargo-args=-Zbuild-std=std,panic_abort"
    echo "  \"--lib-cargo-args=--config=build.rustc='/usr/bin/rustc'\""
    echo "  \"--lib-cargo-args=--config=target.wasm32-unknown-unknown.linker='wasm-ld-19'\")"
  else
    echo "LEPTOS_LIB_ARGS=()"
  fi
} > "$EC2C_CACHE_DIR/route.sh.new"
cmp -s "$EC2C_CACHE_DIR/route.sh.new" "$EC2C_CACHE_DIR/route.sh" 2>/dev/null \
  && rm "$EC2C_CACHE_DIR/route.sh.new" || mv "$EC2C_CACHE_DIR/route.sh.new" "$EC2C_CACHE_DIR/route.sh"

# ---------------------------------------------------------------- 2. cargo-leptos and the wasm-bindgen CLI (once per machine)
# The two compile side by side in the background while the packages below install, each into its
# own log, and the set-up waits for them at its end (6.). Tools are built without LTO at opt-level
# 1, and cargo-leptos's dependencies at 0: a fraction of the compile time. The crates that cut the
# WASM at every build (wasm-split's parser, encoder, DWARF and regex crates) stay at 1; the others
# (the JS minifier, the CSS compiler, file watching, the CLI) handle a few small files a build.
# wasm-bindgen keeps opt-level 1 throughout: it rewrites every WASM file of every build.
tool_profile=(env -u CARGO_BUILD_RUSTFLAGS CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_STRIP=true)
lean_deps=(--config 'profile.release.package."*".opt-level=0')
for crate in wasm_split_cli_support wasmparser wasm-encoder gimli regex regex-automata regex-syntax memchr aho-corasick; do
  lean_deps+=(--config "profile.release.package.$crate.opt-level=1")
done
TOOL_LOGS=$EC2C_CACHE_DIR/tool-logs
mkdir -p "$TOOL_LOGS"
TOOL_JOBS=()
trap 'jobs -p | xargs -r kill 2>/dev/null' EXIT
# Runs `name command...` in the background, its output in $TOOL_LOGS/name.log.
tool_job() {
  local name=$1
  shift
  log "installing $name in the background (log: $TOOL_LOGS/$name.log)"
  "$@" > "$TOOL_LOGS/$name.log" 2>&1 &
  TOOL_JOBS+=("$name:$!")
}

if ! cargo leptos --version 2>/dev/null | grep -qx "cargo-leptos $CARGO_LEPTOS_VERSION"; then
  # Its Cargo.lock needs rustc >= 1.96: use whichever installed compiler is new enough.
  if version_ge "$(rustc_release rustc)" 1.96.0; then INSTALL=(cargo install)
  elif version_ge "$(rustc_release rustup run nightly rustc)" 1.96.0; then INSTALL=(cargo +nightly install)
  else
    apt_install rustc-web
    INSTALL=(env RUSTC=/usr/bin/rustc cargo install)
  fi
  tool_job cargo-leptos "${tool_profile[@]}" "${INSTALL[@]}" "${lean_deps[@]}" cargo-leptos \
    --version "$CARGO_LEPTOS_VERSION" --locked
fi

# The wasm-bindgen CLI must be the wasm-bindgen crate's version.
[ -f Cargo.lock ] || cargo generate-lockfile
WB_VER=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
[ -n "$WB_VER" ] || { echo "wasm-bindgen is not in Cargo.lock"; exit 1; }
install_wasm_bindgen() {
  "${tool_profile[@]}" cargo install wasm-bindgen-cli --version "$WB_VER" --locked --force \
    || "${tool_profile[@]}" cargo install wasm-bindgen-cli --version "$WB_VER" --force
}
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VER"; then
  tool_job wasm-bindgen-cli install_wasm_bindgen
fi

# ---------------------------------------------------------------- 3. wasm-opt from npm (no download at build time)
tools_stamp=$(stamp_of scripts/tools/package-lock.json)
if [ "$(cat "$TOOLS_DIR/.stamp" 2>/dev/null)" != "$tools_stamp" ]; then
  log "npm ci: wasm-opt (binaryen) into $TOOLS_DIR"
  cp scripts/tools/package.json scripts/tools/package-lock.json "$TOOLS_DIR/"
  (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund)
  echo "$tools_stamp" > "$TOOLS_DIR/.stamp"
fi

# ---------------------------------------------------------------- 4. Chromium and the browser tests' packages
apt_install chromium chromium-driver redis-server postgresql brotli
e2e_stamp=$(stamp_of end2end/package-lock.json)
if [ "$(cat end2end/node_modules/.stamp 2>/dev/null)" != "$e2e_stamp" ]; then
  log "npm ci in end2end (Playwright; no browser download)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  echo "$e2e_stamp" > end2end/node_modules/.stamp
fi

# ---------------------------------------------------------------- 5. moto in a project-local virtualenv
venv_stamp=$(stamp_of scripts/requirements.txt)
if [ "$(cat .venv/.stamp 2>/dev/null)" != "$venv_stamp" ]; then
  log "python venv .venv with moto"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements.txt
  echo "$venv_stamp" > .venv/.stamp
fi

# ---------------------------------------------------------------- 6. the tools compiling in the background (2.)
for job in "${TOOL_JOBS[@]}"; do
  name=${job%%:*}
  if ! wait "${job##*:}"; then
    tail -n 40 "$TOOL_LOGS/$name.log"
    echo "installing $name failed (the whole log: $TOOL_LOGS/$name.log)"
    exit 1
  fi
  log "$name installed"
done

log "setup complete (WASM route: $ROUTE; cargo-leptos $(cargo leptos --version | cut -d' ' -f2); wasm-bindgen $WB_VER; target dir $CARGO_TARGET_DIR)"
