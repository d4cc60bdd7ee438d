/// Reading text back: `read(path, String)`, `readlines`, `readline`, `eachline`, `isfile`, and `open` for reading
/// (`open(f, path)`, `open(path) do io … end`).
///
/// A block reads what an earlier statement of the session wrote (the text `write`/`open(…, "w")` handed to the
/// renderer), else a file below the notebook's folder, with the same confinement as `CSV.read` and `read_csv`.
final class ReadStream: LanguageObject {
    let path: String
    private let text: String
    /// Position in `text`, in characters read so far.
    private var position: String.Index
    private(set) var isOpen = true

    init(path: String, text: String) {
        self.path = path
        self.text = text
        position = text.startIndex
    }

    var typeName: String { "IOStream" }
    func display() -> String { "IOStream(<file \(path)>)" }

    private func checkOpen() throws {
        guard isOpen else { throw JuliaException.argumentError("read failed, IOStream is not readable") }
    }

    /// The rest of the file.
    func readAll() throws -> String {
        try checkOpen()
        defer { position = text.endIndex }
        return String(text[position...])
    }

    /// The next line without its line break, nil at the end of the file.
    func readLine() throws -> String? {
        try checkOpen()
        guard position < text.endIndex else { return nil }
        let rest = text[position...]
        if let newline = rest.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            position = text.index(after: newline)
            return String(rest[..<newline])
        }
        position = text.endIndex
        return String(rest)
    }

    /// The remaining lines, as `readlines` gives them (no empty last line for a final line break).
    func readLines() throws -> [String] {
        var lines: [String] = []
        while let line = try readLine() {
            try Memory.reserve(lines.count + 1)
            lines.append(line)
        }
        return lines
    }

    var atEnd: Bool { position >= text.endIndex }

    func close() { isOpen = false }
}

/// `eachline(path)`: the lines of a file, iterated lazily as Julia's `Base.EachLine`.
final class EachLineObject: IterableObject {
    let path: String
    private let lines: [String]

    init(path: String, lines: [String]) {
        self.path = path
        self.lines = lines
    }

    var typeName: String { "Base.EachLine{IOStream}" }
    func display() -> String { "Base.EachLine{IOStream}(IOStream(<file \(path)>))" }
    var length: Int { lines.count }
    func element(at index: Int) throws -> Value { .string(lines[index]) }
}

extension BuiltinLibrary {
    mutating func registerFileInput() {
        types["SystemError"] = .type("SystemError")
        add("read") { c in
            try c.expectCount(1...2, "read(file, String)")
            guard c.count == 2, case .function(let type) = c.positional[1], type.name == "String" else {
                throw LanguageError("read(file, String) reads a file's text; bytes and other types are not supported")
            }
            switch c.positional[0] {
            case .string(let path): return .string(try fileText(path, c))
            case .object(let stream as ReadStream): return .string(try stream.readAll())
            default: throw c.wrongType(0, expected: "a file name or a file opened for reading")
            }
        }
        add("readlines") { c in
            try c.expectCount(1, "readlines(file)")
            return .array(ArrayBox(try stream(c).readLines().map(Value.string), elementType: "String"))
        }
        add("readline") { c in
            try c.expectCount(1, "readline(file)")
            return .string(try stream(c).readLine() ?? "")
        }
        add("eachline") { c in
            try c.expectCount(1, "eachline(file)")
            let source = try stream(c)
            return .object(EachLineObject(path: source.path, lines: try source.readLines()))
        }
        add("eof") { c in
            try c.expectCount(1, "eof(io)")
            guard case .object(let stream as ReadStream) = c.positional[0] else {
                throw c.wrongType(0, expected: "a file opened for reading")
            }
            return .bool(stream.atEnd)
        }
        add("isfile") { c in
            try c.expectCount(1, "isfile(path)")
            let path = try c.string(0)
            return .bool(FileAccess.exists(path, for: c.interpreter))
        }
        extend("close") { c, previous in
            guard c.count == 1, case .object(let stream as ReadStream) = c.positional[0] else { return try previous(c) }
            stream.close()
            return .nothing
        }
        extend("open") { c, previous in
            var arguments = c.positional
            var body: Value?
            if case .function? = arguments.first, arguments.count >= 2 { body = arguments.removeFirst() }
            guard let first = arguments.first, case .string(let path) = first, arguments.count <= 2 else {
                return try previous(c)
            }
            if arguments.count == 2 {
                guard case .string("r") = arguments[1] else { return try previous(c) }
            } else if !c.keywords.isEmpty {
                return try previous(c)
            }
            let stream = ReadStream(path: path, text: try fileText(path, c))
            guard let body else { return .object(stream) }
            defer { stream.close() }
            return try c.interpreter.call(body, [.object(stream)])
        }
    }
}

/// The text of a file the session wrote, or of a file below the notebook's folder; Julia's `SystemError` when
/// there is no such file.
private func fileText(_ path: String, _ c: CallContext) throws -> String {
    let bytes = try FileAccess.read(path, for: c.interpreter, reader: c.name) { name in
        LanguageError(exception: JuliaException("SystemError", fields: [("prefix", .string("opening file \(Display.quoted(name))")),
                                                                        ("errnum", .int(2))],
                                                message: "SystemError: opening file \(Display.quoted(name)): No such file or directory"))
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The stream a line reader works on: a file opened for reading, or a file name opened for the call.
private func stream(_ c: CallContext) throws -> ReadStream {
    switch c.positional[0] {
    case .object(let stream as ReadStream): return stream
    case .string(let path): return ReadStream(path: path, text: try fileText(path, c))
    default: throw c.wrongType(0, expected: "a file name or a file opened for reading")
    }
}
