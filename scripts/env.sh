# Sourced by the project's scripts: where the persistent caches live and what every build needs.
# Caches sit outside the clone so repeat runs (and CI on a clean clone) stay fast.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export EC2C_CACHE_DIR=${EC2C_CACHE_DIR:-$HOME/.cache/ec2-console}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$EC2C_CACHE_DIR/target}
export TOOLS_DIR=$EC2C_CACHE_DIR/tools
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The same values cargo-leptos gives the build, so plain cargo commands reuse its artifacts.
export LEPTOS_OUTPUT_NAME=ec2-console
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_PKG_DIR=pkg
# Never let the AWS SDK probe the instance metadata service: only loopback is reachable here.
export AWS_EC2_METADATA_DISABLED=true
# Written by scripts/setup.sh: the WASM route (rustup or Debian) and its cargo-leptos arguments.
LEPTOS_LIB_ARGS=()
WASM_ROUTE=rustup
if [ -f "$EC2C_CACHE_DIR/route.sh" ]; then
  # shellcheck source=/dev/null
  source "$EC2C_CACHE_DIR/route.sh"
fi

# Every build of the console, shipped or quick, server and WASM alike, is in Leptos'
# `erase_components` mode: each component returns a type-erased view instead of one deeply nested
# type per view, so views are compiled once instead of once per use. The WASM a first visit
# downloads is up to a quarter smaller (the whole app almost a third; bench/RESULTS.md), and the
# app compiles in a fraction of the time. The server and the WASM must agree: an erased element
# marks the end of its children in the HTML, and hydration looks for that mark. clippy checks the
# typed mode (scripts/test.sh), whose nested view types the compiler checks more strictly.
ERASED="--cfg erase_components"
export CARGO_BUILD_RUSTFLAGS=$ERASED
# The WASM is built without `Debug` formatting and without panic locations: the browser never
# shows either, and they are a large share of its size (see bench/RESULTS.md). Both are unstable
# rustc options, so the WASM build alone runs with RUSTC_BOOTSTRAP=1; the server is built without
# it (flipping it would rebuild the server from its first dependency).
WASM_RUSTFLAGS="-Zfmt-debug=none -Zlocation-detail=none $ERASED"

# Runs cargo-leptos with the route's arguments for the WASM build. `--split` cuts the WASM at
# the app's lazy routes: each group of pages is its own chunk (see `page_groups!` in
# app/src/lib.rs).
leptos() {
  local sub=$1
  shift
  RUSTC_BOOTSTRAP=1 LEPTOS_BIN_CARGO_COMMAND="env -u RUSTC_BOOTSTRAP cargo" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_RUSTFLAGS" \
    cargo leptos "$sub" --split "$@" "${LEPTOS_LIB_ARGS[@]}"
}

# The release build of the site, then one first-visit pack per page group (scripts/pack_chunks.py:
# a first visit fetches its page's chunks as one file), then a gzip -9 and a brotli copy (quality
# $BROTLI_QUALITY: 11 unless the quick build lowers it) of each WASM, JS and CSS file beside it:
# the server sends `x.wasm.br` or `x.wasm.gz` to browsers that accept them
# (ServeDir::precompressed_br / precompressed_gzip).
# Skipped when nothing it builds from has changed since the last build of this clone with the same
# profile, and the server binary is the one that build made (a plain `cargo build --release`, as for
# `make bench`, replaces it); cargo-leptos would still re-run wasm-bindgen and wasm-opt over every
# chunk: minutes with the shipped wasm-opt.
build_site() {
  local stamp stamp_file=$CARGO_TARGET_DIR/release/.site-stamp server=$CARGO_TARGET_DIR/release/server
  stamp=$(site_stamp)
  if [ -f "$ROOT/target/site/pkg/ec2-console.wasm.br" ] && [ -x "$server" ] \
    && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp $(stat -c '%s-%Y' "$server")" ]; then
    log "site and server unchanged since their last build: skipping it"
    return 0
  fi
  rm -f "$stamp_file"
  leptos build --release
  python3 "$ROOT/scripts/pack_chunks.py" "$ROOT/target/site/pkg"
  find "$ROOT/target/site/pkg" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) \
    -exec gzip -9 -k -f {} + -exec brotli -q "${BROTLI_QUALITY:-11}" -k -f {} +
  echo "$stamp $(stat -c '%s-%Y' "$server")" > "$stamp_file"
}

# What a build of the site depends on: every source file's content (tracked or new), the
# manifests, this clone's path and the profile and flag settings in the environment.
site_stamp() {
  {
    echo "$ROOT $(command -v wasm-opt) ${BROTLI_QUALITY:-11} ${LEPTOS_LIB_ARGS[*]:-} $WASM_RUSTFLAGS ${CARGO_BUILD_RUSTFLAGS:-}"
    env | grep -E '^CARGO_PROFILE_' | sort
    (cd "$ROOT" && git ls-files -co --exclude-standard -- app server frontend style public scripts/pack_chunks.py Cargo.toml Cargo.lock \
      | sort | xargs -r sha256sum)
  } | sha256sum | cut -c1-32
}

# The demo and the tests need a working console, not the fastest one, and they rebuild after every
# change. Their build (kept apart from the opt-level 3, size-optimised one that `make bench` and
# production use; cargo keeps both sets of artifacts side by side):
# - the server and the test binaries at opt-level 1 (a fraction of the compile time), with
#   incremental compilation for the workspace's own crates (after a change to `app`, the server
#   rebuilds in about a minute instead of six; dependencies are unaffected);
# - the shipped WASM (the wasm-release profile: LTO, opt-level "z"), without wasm-opt: the
#   `wasm-opt` of scripts/quick/ leaves each file as wasm-bindgen wrote it (npm's, even without its
#   size passes, spent about half a second per file in Node, over ~90 files). The LTO build after a
#   change to the app takes about 1.5 min. A build at opt-level 1 without LTO was measured too: no
#   faster, a WASM almost twice the size, and no quicker browser tests. wasm-release inherits from
#   release, so it is kept non-incremental explicitly: with LTO there is nothing to reuse;
# - brotli at quality 5 instead of 11: half a second over the ~280 files instead of about 40 s.
#   Chromium does not ask for brotli over plain HTTP, so the tests read the gzip copies either way.
quick_build() {
  export BROTLI_QUALITY=5
  export CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_INCREMENTAL=true
  export CARGO_PROFILE_WASM_RELEASE_INCREMENTAL=false
  export PATH="$ROOT/scripts/quick:$PATH"
}

log() { printf '\n[%(%H:%M:%S)T] %s\n' -1 "$*"; }

# The shared target directory holds one copy of each workspace binary. After another clone built
# there, this clone's crates would still look fresh to cargo while the binaries are the other
# clone's: touch the crate roots so cargo rebuilds them (dependencies stay cached).
if [ "$(cat "$CARGO_TARGET_DIR/.last-root" 2>/dev/null)" != "$ROOT" ]; then
  touch "$ROOT/app/src/lib.rs" "$ROOT/server/src/main.rs" "$ROOT/server/src/lib.rs" \
    "$ROOT/frontend/src/lib.rs" "$ROOT/testkit/src/lib.rs"
  mkdir -p "$CARGO_TARGET_DIR"
  echo "$ROOT" > "$CARGO_TARGET_DIR/.last-root"
fi
