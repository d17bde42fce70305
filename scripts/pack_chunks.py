#!/usr/bin/env python3
"""First-visit packs: one file per lazily loaded page group instead of its 15-60 WASM chunks.

`cargo leptos build --split` cuts the WASM into a module per page group plus one chunk for every
combination of groups that shares code, and the split loader (`__wasm_split.*.js`) fetches each
chunk on its own: a first visit to a page fetched up to 60 files. Run over the site's `pkg`
directory after the build (scripts/env.sh `build_site`), this script:

- writes `pack_<group>.wasm` for each group in `__wasm_split_manifest.json`: a little-endian u32
  header length, a JSON index `{"chunk_9": [offset, length], ...}` (offsets from the end of the
  header), then the chunks' bytes;
- points the manifest at the packs, so the server's `<link rel="preload">` for the page being
  rendered names its one pack (the chunk lists are kept in `__wasm_split_chunks.json`);
- makes the loader take a chunk from a pack the page preloads, and fetch it on its own otherwise
  (a page reached by a link, or a pack that failed to arrive).

A first visit fetches the main module, its JS, the loader and one pack; later pages fetch only the
chunks not loaded yet. Running it again over its own output rewrites the packs and changes nothing
else.
"""

import json
import re
import struct
import sys
from pathlib import Path

MANIFEST = "__wasm_split_manifest.json"
CHUNK_LISTS = "__wasm_split_chunks.json"
MARKER = "/* first-visit packs (scripts/pack_chunks.py) */"
FETCH = re.compile(r'fetch\(new URL\("\./([A-Za-z0-9_]+)\.wasm", import\.meta\.url\)\)')

# The loader's additions. `__packParts` reads every pack the page preloads, once; a chunk in none
# of them (or any chunk, if a pack cannot be read, or one taken already by a load that failed) is
# fetched on its own, as before.
LOADER = MARKER + r"""
// Packs sit beside this loader, as the chunks do: a preload of `./pack_*` names one.
const __packPrefix = new URL("./pack_", import.meta.url).href;
const __packHrefs = Array.from(document.querySelectorAll('link[rel="preload"]'), (link) => link.href)
    .filter((href) => href.startsWith(__packPrefix));
let __packParts;
function __packPart(name) {
    if (__packParts === undefined) {
        __packParts = Promise.all(__packHrefs.map(async (href) => {
            const response = await fetch(href);
            if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`);
            const bytes = await response.arrayBuffer();
            const headerLength = new DataView(bytes).getUint32(0, true);
            const index = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, headerLength)));
            return Object.entries(index).map(([chunk, [offset, length]]) =>
                [chunk, new Uint8Array(bytes, 4 + headerLength + offset, length)]);
        })).then((packs) => new Map(packs.flat()), (error) => {
            console.error(error);
            return new Map();
        });
    }
    // Each chunk is taken once (the loader memoizes it), so the pack's memory goes with the last.
    return __packParts.then((parts) => {
        const bytes = parts.get(name);
        parts.delete(name);
        return bytes;
    });
}
function __fetchChunk(name, url) {
    if (__packHrefs.length === 0) return fetch(url);
    return __packPart(name).then((bytes) => bytes === undefined
        ? fetch(url)
        : new Response(bytes, { headers: { "Content-Type": "application/wasm" } }));
}
"""


def pack_name(group):
    """The pack's file name, without `.wasm`: what the manifest lists for `group`."""
    return f"pack_{group}"


def pack_bytes(parts):
    """A pack of `parts` (name, bytes) pairs: header length, JSON index, the bytes in order."""
    index, offset = {}, 0
    for name, data in parts:
        index[name] = [offset, len(data)]
        offset += len(data)
    header = json.dumps(index, separators=(",", ":")).encode()
    return struct.pack("<I", len(header)) + header + b"".join(data for _, data in parts)


def unpack(pack):
    """The (name, bytes) pairs of a pack, in order: the loader's reading, for the tests."""
    (length,) = struct.unpack_from("<I", pack)
    index = json.loads(pack[4 : 4 + length])
    body = pack[4 + length :]
    return [(name, body[off : off + size]) for name, (off, size) in index.items()]


def rewrite_loader(js):
    """The split loader with every chunk fetch going through `__fetchChunk`; unchanged if done."""
    if MARKER in js:
        return js
    if not js.startswith("import "):
        raise SystemExit("pack_chunks: the split loader does not start with its import")
    rewritten, count = FETCH.subn(
        lambda m: f'__fetchChunk("{m.group(1)}", new URL("./{m.group(1)}.wasm", import.meta.url))', js
    )
    if count == 0:
        raise SystemExit("pack_chunks: the split loader fetches no chunk in the form this script knows")
    first_line_end = rewritten.index("\n") + 1
    return rewritten[:first_line_end] + LOADER + rewritten[first_line_end:]


def chunk_lists(pkg):
    """Each group's chunk list: from the manifest, or from the copy kept when it was rewritten."""
    manifest = json.loads((pkg / MANIFEST).read_text())
    if all(chunks == [pack_name(group)] for group, chunks in manifest.items()):
        return json.loads((pkg / CHUNK_LISTS).read_text())
    return manifest


def main(pkg):
    pkg = Path(pkg)
    groups = chunk_lists(pkg)
    (pkg / CHUNK_LISTS).write_text(json.dumps(groups, indent=2))
    for group, chunks in groups.items():
        parts = [(chunk, (pkg / f"{chunk}.wasm").read_bytes()) for chunk in chunks]
        (pkg / f"{pack_name(group)}.wasm").write_bytes(pack_bytes(parts))
    packs = {pack_name(group) for group in groups}
    for stale in pkg.glob(f"{pack_name('*')}.wasm*"):
        if stale.name.split(".")[0] not in packs:
            stale.unlink()
    (pkg / MANIFEST).write_text(json.dumps({group: [pack_name(group)] for group in groups}, indent=2))
    for loader in pkg.glob("__wasm_split.*.js"):
        loader.write_text(rewrite_loader(loader.read_text()))
    return len(groups)


if __name__ == "__main__":
    PKG = sys.argv[1] if len(sys.argv) > 1 else "target/site/pkg"
    print(f"pack_chunks: {main(PKG)} first-visit packs in {PKG}")
