"""Unit tests of scripts/pack_chunks.py (`python3 -m unittest discover -s scripts`)."""

import json
import tempfile
import unittest
from pathlib import Path

import pack_chunks

LOADER = """import { initSync } from "./ec2-console.js";

const __chunk_9 = makeLoad(() => {
    const src = fetch(new URL("./chunk_9.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_a_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_a_1.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_9]));
"""


class PackChunks(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.pkg = Path(self.dir.name)
        self.chunks = {"chunk_9": b"\0asm nine", "split_a_1": b"\0asm a", "split_b_1": b"\0asm b\xff"}
        for name, data in self.chunks.items():
            (self.pkg / f"{name}.wasm").write_bytes(data)
        self.groups = {"a_1": ["split_a_1", "chunk_9"], "b_1": ["split_b_1", "chunk_9"]}
        (self.pkg / pack_chunks.MANIFEST).write_text(json.dumps(self.groups))
        (self.pkg / "__wasm_split.______________________.js").write_text(LOADER)

    def tearDown(self):
        self.dir.cleanup()

    def outputs(self):
        return {p.name: p.read_bytes() for p in sorted(self.pkg.iterdir())}

    def test_each_group_gets_one_pack_holding_its_chunks_in_order(self):
        pack_chunks.main(self.pkg)
        for group, chunks in self.groups.items():
            parts = pack_chunks.unpack((self.pkg / f"pack_{group}.wasm").read_bytes())
            self.assertEqual(parts, [(c, self.chunks[c]) for c in chunks])

    def test_the_manifest_names_the_packs_and_the_chunk_lists_are_kept(self):
        pack_chunks.main(self.pkg)
        manifest = json.loads((self.pkg / pack_chunks.MANIFEST).read_text())
        self.assertEqual(manifest, {"a_1": ["pack_a_1"], "b_1": ["pack_b_1"]})
        self.assertEqual(json.loads((self.pkg / pack_chunks.CHUNK_LISTS).read_text()), self.groups)

    def test_every_chunk_fetch_goes_through_the_packs(self):
        pack_chunks.main(self.pkg)
        js = (self.pkg / "__wasm_split.______________________.js").read_text()
        self.assertNotIn("= fetch(new URL", js)
        self.assertIn('__fetchChunk("chunk_9", new URL("./chunk_9.wasm", import.meta.url))', js)
        self.assertIn('__fetchChunk("split_a_1", new URL("./split_a_1.wasm", import.meta.url))', js)
        self.assertTrue(js.startswith('import { initSync } from "./ec2-console.js";\n' + pack_chunks.MARKER))

    def test_a_second_run_over_its_own_output_changes_nothing(self):
        pack_chunks.main(self.pkg)
        first = self.outputs()
        pack_chunks.main(self.pkg)
        self.assertEqual(self.outputs(), first)

    def test_a_rebuilt_chunk_reaches_the_pack_on_the_next_run(self):
        pack_chunks.main(self.pkg)
        (self.pkg / "chunk_9.wasm").write_bytes(b"\0asm rebuilt")
        pack_chunks.main(self.pkg)
        parts = dict(pack_chunks.unpack((self.pkg / "pack_b_1.wasm").read_bytes()))
        self.assertEqual(parts["chunk_9"], b"\0asm rebuilt")

    def test_the_pack_of_a_group_no_longer_built_is_removed(self):
        (self.pkg / "pack_gone_1.wasm").write_bytes(b"old")
        (self.pkg / "pack_gone_1.wasm.gz").write_bytes(b"old")
        pack_chunks.main(self.pkg)
        self.assertEqual(sorted(p.name for p in self.pkg.glob("pack_*")), ["pack_a_1.wasm", "pack_b_1.wasm"])

    def test_a_loader_in_an_unknown_form_stops_the_build(self):
        (self.pkg / "__wasm_split.______________________.js").write_text('import x from "./y.js";\nload("chunk_9");\n')
        with self.assertRaises(SystemExit):
            pack_chunks.main(self.pkg)


if __name__ == "__main__":
    unittest.main()
