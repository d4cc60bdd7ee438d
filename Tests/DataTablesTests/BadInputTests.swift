import Foundation
import Testing
@testable import DataTables

private func dyestuffBytes() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Datasets.directory() + "/dyestuff.arrow")))
}

func errorText(_ body: () throws -> Any) -> String {
    do {
        _ = try body()
        return ""
    } catch {
        return "\(error)"
    }
}

private func putInt32(_ value: Int32, at offset: Int, in bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { for (k, b) in $0.enumerated() { bytes[offset + k] = b } }
}

private func putInt64(_ value: Int64, at offset: Int, in bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { for (k, b) in $0.enumerated() { bytes[offset + k] = b } }
}

/// Offset of the first record batch block in the footer of `bytes`, found by decoding the real footer.
private func firstRecordBatchBlockOffset(_ bytes: [UInt8]) throws -> Int {
    try bytes.withUnsafeBytes { raw in
        let file = ByteView(raw)
        let footerLength = Int(try file.load(Int32.self, at: raw.count - 10))
        let footerStart = raw.count - 10 - footerLength
        let footer = try FlatTable.root(of: try file.slice(offset: footerStart, length: footerLength, "footer"))
        let blocks = try #require(try footer.vector(3, elementSize: 24))
        return footerStart + blocks.start
    }
}

@Suite struct ArrowBadInputTests {
    @Test func missingFileNamesThePath() {
        let text = errorText { try readArrow(path: "/nonexistent/data.arrow") }
        #expect(text == "file not found: /nonexistent/data.arrow")
    }

    @Test func wrongMagic() throws {
        var bytes = try dyestuffBytes()
        bytes[0] = UInt8(ascii: "X")
        #expect(errorText { try readArrow(data: bytes, name: "bad.arrow") }
                == "invalid Arrow file bad.arrow: not an Arrow file (it does not start with ARROW1)")
        #expect(errorText { try readArrow(data: [], name: "empty.arrow") }.contains("empty.arrow"))
    }

    @Test func truncatedFile() throws {
        let bytes = try dyestuffBytes()
        let text = errorText { try readArrow(data: Array(bytes.prefix(bytes.count - 40)), name: "cut.arrow") }
        #expect(text == "invalid Arrow file cut.arrow: the file is truncated (no closing ARROW1 magic)")
    }

    @Test func footerLengthOutOfBounds() throws {
        var bytes = try dyestuffBytes()
        putInt32(1_000_000, at: bytes.count - 10, in: &bytes)
        #expect(errorText { try readArrow(data: bytes, name: "f.arrow") }.contains("footer length 1000000 does not fit"))
        putInt32(-8, at: bytes.count - 10, in: &bytes)
        #expect(errorText { try readArrow(data: bytes, name: "f.arrow") }.contains("footer length -8"))
    }

    @Test func negativeAndOutOfBoundsBlockOffsets() throws {
        let original = try dyestuffBytes()
        let block = try firstRecordBatchBlockOffset(original)
        var bytes = original
        putInt64(-16, at: block, in: &bytes)
        #expect(errorText { try readArrow(data: bytes, name: "neg.arrow") }.contains("negative or impossible offset"))
        bytes = original
        putInt64(Int64(original.count + 100), at: block, in: &bytes)
        #expect(errorText { try readArrow(data: bytes, name: "far.arrow") }.contains("far.arrow"))
        bytes = original
        putInt64(-1, at: block + 16, in: &bytes)
        #expect(errorText { try readArrow(data: bytes, name: "body.arrow") }.contains("negative or impossible"))
    }

    @Test func originalStillLoads() throws {
        #expect(try readArrow(data: try dyestuffBytes()).rowCount == 30)
    }
}

@Suite struct CSVTests {
    @Test func quotingDelimitersAndNewlines() throws {
        let t = try readCSV(text: "name,note,n\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\",3\nplain,,NA\n")
        #expect(t.rowCount == 2)
        #expect(try t.column("name").values == .string(["Smith, J", "plain"]))
        let note = try t.column("note")
        #expect(note.values == .string(["said \"hi\"\nthen left", ""]))
        #expect(note.missing == [false, true])
        let n = try t.column("n")
        #expect(n.elementType == .int64 && n.missing == [false, true])
    }

    @Test func typeInference() throws {
        let t = try readCSV(text: "i;x;b;s;e\r\n1;1.5;true;a;1e3\r\n-2;2;false;1;NA\r\n", delimiter: ";")
        #expect(t.columns.map(\.elementType) == [.int64, .float64, .bool, .string, .float64])
        #expect(try t.column("x").values == .float([1.5, 2]))
        #expect(try t.column("s").values == .string(["a", "1"]))
        #expect(try t.column("e").values == .float([1000, 0]))
    }

    @Test func wrongFieldCountNamesTheLine() {
        let text = errorText { try readCSV(text: "a,b\n1,2\n3\n4,5\n", name: "short.csv") }
        #expect(text == "short.csv, line 3: expected 2 fields, found 1")
        let quoted = errorText { try readCSV(text: "a,b\n\"x\ny\",2\n1,2,3\n", name: "q.csv") }
        #expect(quoted == "q.csv, line 4: expected 2 fields, found 3")
    }

    @Test func invalidUTF8IsAnError() {
        let bytes = Array("a,b\n1,".utf8) + [0xFF, 0x41] + Array("\n".utf8)
        #expect(errorText { try readCSV(data: bytes, name: "latin1.csv") }
                == "latin1.csv: invalid UTF-8 at byte 6 (line 2); only UTF-8 text is supported")
    }

    @Test func unclosedQuoteAndStrayQuote() {
        #expect(errorText { try readCSV(text: "a\n\"open\n", name: "u.csv") }.contains("u.csv, line 2: a quoted field is not closed"))
        #expect(errorText { try readCSV(text: "a\n\"x\"y\n", name: "s.csv") }.contains("s.csv, line 2: unexpected character"))
    }

    @Test func missingFileAndBadDelimiter() {
        #expect(errorText { try readCSV(path: "/no/such.csv") } == "file not found: /no/such.csv")
        #expect(errorText { try readCSV(text: "a\n1\n", delimiter: "\"") }.contains("delimiter"))
    }
}
