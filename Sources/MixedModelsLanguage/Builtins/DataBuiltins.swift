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
            let name = try c.string(0)
            let bytes = try FileAccess.read(name, for: c.interpreter, reader: "read_csv")
            return .object(TableObject(try readCSV(data: bytes, name: name), kind: .dataFrame))
        }
        add("read_arrow") { c in
            try c.expectCount(1, "read_arrow(\"file.arrow\")")
            let name = try c.string(0)
            let bytes = try FileAccess.read(name, for: c.interpreter, reader: "read_arrow")
            return .object(TableObject(try readArrow(data: bytes, name: name), kind: .arrow))
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
    let files: [String]
    do {
        files = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
        throw LanguageError("cannot list the datasets folder \(directory): \(plainDescription(ofFileError: error))")
    }
    return files.filter { $0.hasSuffix(".arrow") }.map { String($0.dropLast(6)) }.sorted()
}

/// Keeps file reads inside the notebook's folder and the datasets folder: the path is placed below one of them
/// lexically, then read without following any symbolic link below that folder (see `readConfinedFile`).
enum FileAccess {
    /// The contents of `requested`: a text file an earlier statement of the session wrote (`write`, `open(…, "w")`),
    /// else a file relative to the notebook's folder; an error naming it as written, `missing` when there is none.
    static func read(_ requested: String, for interpreter: Interpreter, reader: String,
                     missing: ((String) -> Error)? = nil) throws -> [UInt8] {
        if let written = interpreter.writtenFiles[requested] { return Array(written.utf8) }
        let (root, below) = try locate(requested, for: interpreter, reader: reader)
        do {
            let bytes = try readConfinedFile(below, below: root, name: requested)
            // The notebook cache keys on every data file a run read.
            interpreter.recordRead(([root] + below).joined(separator: "/"))
            return bytes
        } catch let error as DataReadError {
            let quoted = Display.quoted(requested)
            switch error {
            case .fileNotFound: throw missing?(requested) ?? LanguageError("\(reader): no such file \(quoted)")
            case .refused(_, let reason): throw LanguageError("\(reader) refuses to read \(quoted): \(reason)")
            case .unreadable(_, let reason): throw LanguageError("\(reader) cannot read \(quoted): \(reason)")
            default: throw error
            }
        }
    }

    /// True when `requested` is a file `read` would return: one an earlier statement wrote, or a regular file below
    /// the allowed folders, tested without reading it.
    static func exists(_ requested: String, for interpreter: Interpreter) -> Bool {
        if interpreter.writtenFiles[requested] != nil { return true }
        guard let (root, below) = try? locate(requested, for: interpreter, reader: "isfile") else { return false }
        guard isConfinedFile(below, below: root) else { return false }
        interpreter.recordRead(([root] + below).joined(separator: "/"))
        return true
    }

    /// The allowed folder `requested` lies in and its path components below that folder, `.` and `..` resolved
    /// lexically (a `..` cannot climb through a link, as links below the folder are refused when reading).
    static func locate(_ requested: String, for interpreter: Interpreter,
                       reader: String) throws -> (root: String, below: [String]) {
        let base = absolute(interpreter.baseDirectory)
        let path = lexicalComponents(requested.hasPrefix("/") ? requested : base + "/" + requested)
        var roots = [base]
        if let datasets = interpreter.datasetsDirectory ?? (try? Datasets.directory()) { roots.append(absolute(datasets)) }
        for root in roots {
            // The folder may be named through links of its own: match its path as given and as resolved.
            for spelling in [root, realPath(root) ?? root] {
                let prefix = lexicalComponents(spelling)
                if path.count > prefix.count && Array(path.prefix(prefix.count)) == prefix {
                    return (root, Array(path.dropFirst(prefix.count)))
                }
            }
        }
        throw LanguageError("\(reader) refuses to read \(Display.quoted(requested)): only files below the "
                            + "notebook's folder or the datasets folder may be read")
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The components of an absolute path with empty and `.` components dropped and `..` applied.
    private static func lexicalComponents(_ path: String) -> [String] {
        var components: [String] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(String(part))
            }
        }
        return components
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
