import Foundation
import Testing
@testable import DataTables

/// Fixtures written by Tests/Fixtures/DataTables/make_fixtures.py (pyarrow).
func fixturePath(_ name: String) -> String {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    return tests.appendingPathComponent("Fixtures/DataTables/\(name)").path
}

@Suite struct ArrowFixtureTests {
    @Test func multipleBatchesDictionaryValidityAndWidths() throws {
        let t = try readArrow(path: fixturePath("multibatch.arrow"))
        #expect(t.rowCount == 6)
        #expect(t.columnNames == ["label", "count", "flag", "ratio", "small", "big", "text", "wide"])
        #expect(t.columns.map(\.elementType) == [.string, .int32, .bool, .float32, .uint8, .uint64, .string, .int64])

        let label = try t.column("label")
        #expect(label.values == .string(["b", "a", "", "c", "c", "a"]))
        #expect(label.missing == [false, false, true, false, false, false])
        #expect(label.juliaTypeName == "Union{Missing, String}")

        let count = try t.column("count")
        #expect(count.values == .integer([1, 0, 3, 40, -5, 0]))
        #expect(count.missing == [false, true, false, false, false, true])

        let flag = try t.column("flag")
        #expect(flag.values == .bool([true, false, false, true, true, false]))
        #expect(flag.missing == [false, false, true, false, false, false])

        let ratio = try t.column("ratio")
        #expect(ratio.values == .float([0.5, 1.25, 0, -2, 3, 7.75]))
        #expect(ratio.missingCount == 1)

        #expect(try t.column("small").values == .integer([0, 255, 7, 1, 2, 3]))
        #expect(try t.column("big").values == .integer([0, Int64.max, 5, 9, 10, 11]))
        #expect(try t.column("wide").values == .integer([Int64.min, 0, Int64.max, 1, 2, 3]))

        let text = try t.column("text")
        #expect(text.values == .string(["x", "", "ünï", "", "z", "last"]))
        #expect(text.missing == [false, true, false, false, false, false])
    }

    @Test func compressedBuffersAreRejectedWithAClearMessage() {
        #expect(arrowError(fixturePath("lz4.arrow")).contains("LZ4/ZSTD-compressed Arrow buffers are not supported"))
    }

    @Test func streamFormatIsRecognised() {
        #expect(arrowError(fixturePath("stream.arrows")).contains("Arrow IPC stream, not an Arrow file"))
    }

    @Test func nestedTypesAreRejected() {
        #expect(arrowError(fixturePath("nested.arrow")).contains("column :l has Arrow type List, which is not supported"))
    }
}

/// The description of the error reading `path` throws, or "" when it loads.
func arrowError(_ path: String) -> String {
    do {
        _ = try readArrow(path: path)
        return ""
    } catch {
        return "\(error)"
    }
}
