import DataTables

extension BuiltinLibrary {
    /// CSV.jl's `CSV.read(path, DataFrame)`: the same confined reader as `read_csv` (files below the notebook's
    /// folder only), materialised into the sink, which must be `DataFrame` or `Table`.
    mutating func registerCSVReading() {
        qualifiedOnly["CSV", default: [:]]["read"] = Function("read", keywords: ["delim"]) { c in
            try c.expectCount(2, "CSV.read(\"file.csv\", DataFrame)")
            let name = try c.string(0)
            guard case .function(let sink) = c.positional[1], sink.isType, ["DataFrame", "Table"].contains(sink.name) else {
                throw LanguageError("CSV.read(\(Display.quoted(name)), sink): the sink must be DataFrame or Table, got "
                                    + c.positional[1].described)
            }
            let delimiter = try c.keyword("delim").map { v -> Character in
                guard case .string(let s) = v, s.count == 1, let ch = s.first else {
                    throw LanguageError("CSV.read: delim must be a one-character string, got \(v.described)")
                }
                return ch
            } ?? ","
            let bytes = try FileAccess.read(name, for: c.interpreter, reader: "CSV.read")
            let table = try readCSV(data: bytes, delimiter: delimiter, name: name)
            return sink.name == "Table" ? .object(ColumnTableObject(table)) : .object(TableObject(table, kind: .dataFrame))
        }
    }
}
