// RFC 4180 tokenizing: quoted fields may hold delimiters, doubled quotes and newlines.

/// The fields of a CSV file, column by column, with the line each record starts on.
struct CSVRecords {
    var header: [String] = []
    /// `columns[j][i]`: field `j` of data record `i`.
    var columns: [[String]] = []
    /// True where a field is missing: empty or `NA` and not quoted.
    var missing: [[Bool]] = []
    var rowCount = 0
}

struct CSVTokenizer {
    let bytes: UnsafeRawBufferPointer
    let delimiter: UInt8
    let name: String

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Splits the whole input; a record whose field count differs from the header's throws, naming its line.
    func tokenize() throws -> CSVRecords {
        var records = CSVRecords()
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var haveHeader = false
        while i < n {
            let startLine = line
            var fields: [String] = []
            var missing: [Bool] = []
            var endOfRecord = false
            while !endOfRecord {
                let (text, quoted, next, lines) = try readField(from: i, line: line)
                fields.append(text)
                missing.append(!quoted && (text.isEmpty || text == "NA"))
                line += lines
                i = next
                if i >= n {
                    endOfRecord = true
                } else if bytes[i] == delimiter {
                    i += 1
                    if i >= n { fields.append(""); missing.append(true); endOfRecord = true }
                } else {
                    if bytes[i] == Self.carriageReturn { i += 1 }
                    if i < n && bytes[i] == Self.newline { i += 1 }
                    line += 1
                    endOfRecord = true
                }
            }
            if fields.count == 1 && fields[0].isEmpty && missing[0] { continue }
            if !haveHeader {
                records.header = fields.enumerated().map { $1.isEmpty ? "Column\($0 + 1)" : $1 }
                records.columns = Array(repeating: [], count: fields.count)
                records.missing = Array(repeating: [], count: fields.count)
                haveHeader = true
                continue
            }
            guard fields.count == records.header.count else {
                throw DataReadError.csv(file: name, line: startLine,
                                        message: "expected \(records.header.count) fields, found \(fields.count)")
            }
            for j in fields.indices {
                records.columns[j].append(fields[j])
                records.missing[j].append(missing[j])
            }
            records.rowCount += 1
        }
        return records
    }

    /// One field starting at `start`: its text, whether it was quoted, the index after it and the newlines inside it.
    private func readField(from start: Int, line: Int) throws -> (String, Bool, Int, Int) {
        let n = bytes.count
        var i = start
        guard i < n, bytes[i] == Self.quote else {
            while i < n, bytes[i] != delimiter, bytes[i] != Self.newline, bytes[i] != Self.carriageReturn { i += 1 }
            return (String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self), false, i, 0)
        }
        i += 1
        var text: [UInt8] = []
        var newlines = 0
        while true {
            guard i < n else {
                throw DataReadError.csv(file: name, line: line, message: "a quoted field is not closed before the end of the file")
            }
            let b = bytes[i]
            if b == Self.quote {
                if i + 1 < n && bytes[i + 1] == Self.quote {
                    text.append(Self.quote)
                    i += 2
                    continue
                }
                i += 1
                break
            }
            if b == Self.newline { newlines += 1 }
            text.append(b)
            i += 1
        }
        guard i >= n || bytes[i] == delimiter || bytes[i] == Self.newline || bytes[i] == Self.carriageReturn else {
            throw DataReadError.csv(file: name, line: line + newlines,
                                    message: "unexpected character after a closing quote (quotes inside a field must be doubled)")
        }
        return (String(decoding: text, as: UTF8.self), true, i, newlines)
    }
}
