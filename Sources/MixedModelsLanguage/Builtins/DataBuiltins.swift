import DataTables
import Foundation

extension BuiltinLibrary {
    /// Data sets, tables, `describe` and the two file readers.
    mutating func registerData() {
        add("dataset") { c in
            try c.expectCount(1, "MixedModels.dataset(:name)")
            return .object(TableObject(try loadDataset(try c.name(0), c.interpreter), kind: .arrow))
        }
        add("datasets") { c in
            try c.expectCount(0)
            return .array(ArrayBox(try datasetNames(c.interpreter).map(Value.string), elementType: "String"))
        }
        add("DataFrame", isType: true) { c in
            try c.expectCount(1, "DataFrame(table)")
            switch c.positional[0] {
            case .object(let o as TableObject): return .object(TableObject(o.table, kind: .dataFrame))
            case .object(let o as LanguageObject & TableConvertible): return .object(TableObject(try o.dataTable(), kind: .dataFrame))
            default: throw c.wrongType(0, expected: "a table (an Arrow.Table, a DataFrame or a ranef table)")
            }
        }
        add("describe") { c in
            try c.expectCount(1, "describe(df)")
            guard case .object(let o as TableObject) = c.positional[0] else {
                throw c.wrongType(0, expected: "a table")
            }
            return .object(DescriptionObject(describe(o.table)))
        }
        add("nrow") { c in try c.expectCount(1); return .int(try table(c).rowCount) }
        add("ncol") { c in try c.expectCount(1); return .int(try table(c).columnCount) }
        add("names") { c in
            try c.expectCount(1)
            return .array(ArrayBox(try table(c).columnNames.map(Value.string), elementType: "String"))
        }
        add("read_csv") { c in
            try c.expectCount(1, "read_csv(\"file.csv\")")
            let path = try FileAccess.resolve(try c.string(0), for: c.interpreter, reader: "read_csv")
            c.interpreter.recordRead(path)
            return .object(TableObject(try readCSV(path: path), kind: .dataFrame))
        }
        add("read_arrow") { c in
            try c.expectCount(1, "read_arrow(\"file.arrow\")")
            let path = try FileAccess.resolve(try c.string(0), for: c.interpreter, reader: "read_arrow")
            c.interpreter.recordRead(path)
            return .object(TableObject(try readArrow(path: path), kind: .arrow))
        }
        extend("size") { c, next in
            guard c.count == 1, case .object(let o as TableObject) = c.positional[0] else { return try next(c) }
            return .tuple([.int(o.table.rowCount), .int(o.table.columnCount)])
        }
    }
}

/// Values that `DataFrame(x)` can turn into a table.
protocol TableConvertible {
    func dataTable() throws -> DataTable
}

private func table(_ c: CallContext) throws -> DataTable {
    guard case .object(let o as TableObject) = c.positional[0] else { throw c.wrongType(0, expected: "a table") }
    return o.table
}

private func loadDataset(_ name: String, _ interpreter: Interpreter) throws -> DataTable {
    guard let directory = interpreter.datasetsDirectory else {
        let table = try Datasets.load(name)
        interpreter.recordRead(try Datasets.directory() + "/" + name.lowercased() + ".arrow")
        return table
    }
    let available = try datasetNames(interpreter)
    let key = name.lowercased()
    guard available.contains(key) else {
        throw DataReadError.unknownDataset(name: name, available: available,
                                           suggestions: closeNames(to: key, among: available))
    }
    let path = (directory as NSString).appendingPathComponent("\(key).arrow")
    interpreter.recordRead(path)
    return try readArrow(path: path)
}

private func datasetNames(_ interpreter: Interpreter) throws -> [String] {
    guard let directory = interpreter.datasetsDirectory else { return Datasets.names() }
    let files = try FileManager.default.contentsOfDirectory(atPath: directory)
    return files.filter { $0.hasSuffix(".arrow") }.map { String($0.dropLast(6)) }.sorted()
}

/// Keeps file reads inside the notebook's folder and the datasets folder.
enum FileAccess {
    /// The real path of `requested` (relative to the notebook's folder), or an error when it lies elsewhere.
    static func resolve(_ requested: String, for interpreter: Interpreter, reader: String) throws -> String {
        let base = interpreter.baseDirectory
        let joined = requested.hasPrefix("/") ? requested : (base as NSString).appendingPathComponent(requested)
        var roots = [realPath(base) ?? (base as NSString).standardizingPath]
        if let datasets = interpreter.datasetsDirectory ?? (try? Datasets.directory()) {
            roots.append(realPath(datasets) ?? (datasets as NSString).standardizingPath)
        }
        let lexical = (joined as NSString).standardizingPath
        // Symlinks and `..` are resolved before the check, so neither can lead outside the allowed folders.
        // A missing file has no real path: resolve its folder, so the message says "no such file", not "refuses".
        let resolved = realPath(joined)
            ?? realPath((lexical as NSString).deletingLastPathComponent).map { $0 + "/" + (lexical as NSString).lastPathComponent }
            ?? lexical
        guard roots.contains(where: { resolved.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw LanguageError("\(reader) refuses to read \(Display.quoted(requested)): only files below the "
                                + "notebook's folder or the datasets folder may be read")
        }
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw LanguageError("\(reader): no such file \(Display.quoted(requested))")
        }
        return resolved
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
