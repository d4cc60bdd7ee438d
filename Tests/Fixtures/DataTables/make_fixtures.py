"""Writes the small Arrow fixtures used by DataTablesTests (run with pyarrow installed:
`python3 make_fixtures.py` in this folder). The files are committed, so the tests need no Python."""
import pyarrow as pa
import pyarrow.ipc as ipc

schema = pa.schema([
    ("label", pa.dictionary(pa.int8(), pa.string())),
    ("count", pa.int32()),
    ("flag", pa.bool_()),
    ("ratio", pa.float32()),
    ("small", pa.uint8()),
    ("big", pa.uint64()),
    ("text", pa.large_string()),
    ("wide", pa.int64()),
])

labels = pa.array(["b", "a", "c"], type=pa.string())


def batch(indices, counts, flags, ratios, small, big, texts, wide):
    return pa.record_batch([
        pa.DictionaryArray.from_arrays(pa.array(indices, type=pa.int8()), labels),
        pa.array(counts, type=pa.int32()),
        pa.array(flags, type=pa.bool_()),
        pa.array(ratios, type=pa.float32()),
        pa.array(small, type=pa.uint8()),
        pa.array(big, type=pa.uint64()),
        pa.array(texts, type=pa.large_string()),
        pa.array(wide, type=pa.int64()),
    ], schema=schema)


batches = [
    batch([0, 1, None], [1, None, 3], [True, False, None], [0.5, 1.25, None], [0, 255, 7],
          [0, 2**63 - 1, 5], ["x", None, "ünï"], [-2**63, 0, 2**63 - 1]),
    batch([2, 2], [40, -5], [True, True], [-2.0, 3.0], [1, 2], [9, 10], ["", "z"], [1, 2]),
    batch([1], [None], [False], [7.75], [3], [11], ["last"], [3]),
]

with ipc.new_file("multibatch.arrow", schema) as writer:
    for b in batches:
        writer.write_batch(b)

plain = pa.table({"x": pa.array([1.5, 2.5, 3.5]), "s": pa.array(["p", "q", "r"])})
with ipc.new_file("lz4.arrow", plain.schema,
                  options=ipc.IpcWriteOptions(compression="lz4")) as writer:
    writer.write_table(plain)

with ipc.new_stream("stream.arrows", plain.schema) as writer:
    writer.write_table(plain)

nested = pa.table({"l": pa.array([[1, 2], [3]], type=pa.list_(pa.int32()))})
with ipc.new_file("nested.arrow", nested.schema) as writer:
    writer.write_table(nested)
