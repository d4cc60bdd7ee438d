import Foundation

/// Reads a CSV file with a header row. Each column's type is inferred from its non-missing fields:
/// integer (Int64), else floating point (Float64), else `true`/`false` (Bool), else String.
/// Empty and `NA` fields are missing. Only UTF-8 input is accepted.
public func readCSV(path: String, delimiter: Character = ",") throws -> DataTable {
    try readCSV(data: try readFileBytes(path), delimiter: delimiter, name: path)
}

/// Reads CSV text; `name` identifies it in error messages.
public func readCSV(text: String, delimiter: Character = ",", name: String = "<text>") throws -> DataTable {
    try readCSV(data: Array(text.utf8), delimiter: delimiter, name: name)
}

/// Reads CSV bytes; `name` identifies them in error messages.
public func readCSV(data: [UInt8], delimiter: Character = ",", name: String = "<memory>") throws -> DataTable {
    guard let d = delimiter.asciiValue, d != UInt8(ascii: "\""), d != UInt8(ascii: "\n"), d != UInt8(ascii: "\r") else {
        throw DataReadError.csv(file: name, line: 1, message: "the delimiter must be one ASCII character other than a quote or newline")
    }
    let records: CSVRecords = try data.withUnsafeBytes { bytes in
        if let bad = firstInvalidUTF8Offset(bytes) {
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            throw DataReadError.invalidUTF8(file: name, byteOffset: bad, line: line)
        }
        return try CSVTokenizer(bytes: bytes, delimiter: d, name: name).tokenize()
    }
    let columns = records.header.indices.map { j in
        inferColumn(name: records.header[j], fields: records.columns[j], missing: records.missing[j])
    }
    do {
        return try DataTable(columns: columns)
    } catch {
        throw DataReadError.csv(file: name, line: 1, message: "\(error)")
    }
}

/// The narrowest of integer → float → bool → string that holds every non-missing field.
private func inferColumn(name: String, fields: [String], missing: [Bool]) -> Column {
    let present = fields.indices.filter { !missing[$0] }
    let mask = missing.contains(true) ? missing : nil
    if !present.isEmpty {
        if present.allSatisfy({ Int64(fields[$0]) != nil }) {
            return Column(name: name, integers: fields.indices.map { missing[$0] ? 0 : Int64(fields[$0]) ?? 0 }, missing: mask)
        }
        if present.allSatisfy({ parseCSVFloat(fields[$0]) != nil }) {
            return Column(name: name, doubles: fields.indices.map { missing[$0] ? 0 : parseCSVFloat(fields[$0]) ?? 0 }, missing: mask)
        }
        if present.allSatisfy({ fields[$0] == "true" || fields[$0] == "false" }) {
            return Column(name: name, bools: fields.map { $0 == "true" }, missing: mask)
        }
    }
    return Column(name: name, strings: fields.indices.map { missing[$0] ? "" : fields[$0] }, missing: mask)
}

/// Decimal or scientific notation, `Inf`, `-Inf` or `NaN` (no hexadecimal floats, no spaces).
private func parseCSVFloat(_ s: String) -> Double? {
    switch s {
    case "Inf", "+Inf": return .infinity
    case "-Inf": return -.infinity
    case "NaN": return .nan
    default: break
    }
    guard s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 101 || $0 == 69 }),
          s.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return nil }
    return Double(s)
}
