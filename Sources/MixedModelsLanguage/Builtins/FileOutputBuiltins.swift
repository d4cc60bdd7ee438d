/// `open(path, "w") do io … end`, `open(path, "w")`/`close(io)`, `write`, and `print`/`println`/`show`/`display`
/// into a file.
///
/// A block may write files only into the rendered site's folder, as `save("fig.svg", fig)` does: the path is
/// relative, without `..`, and the text is handed to the renderer with the block's result (`BlockResult.savedFigures`)
/// instead of touching the disk here. `check` therefore writes nothing.
final class FileStream: LanguageObject {
    let path: String
    private(set) var isOpen = true
    /// The text written so far (with what an appending stream found from earlier blocks).
    private(set) var contents: String
    private unowned let interpreter: Interpreter

    init(path: String, appending: Bool, interpreter: Interpreter) {
        self.path = path
        self.interpreter = interpreter
        contents = appending ? interpreter.writtenFiles[path] ?? "" : ""
        publish()
    }

    var typeName: String { "IOStream" }
    func display() -> String { "IOStream(<file \(path)>)" }

    func write(_ text: String) throws {
        guard isOpen else { throw LanguageError("ArgumentError: write failed, IOStream is not writeable") }
        try Memory.reserve(contents.utf8.count + text.utf8.count, bytes: 1)
        contents += text
        publish()
    }

    func close() { isOpen = false }

    /// Records the current contents as the file the block wrote (one entry per path: the last write wins).
    private func publish() {
        interpreter.writtenFiles[path] = contents
        let file = SavedFigure(name: path, svg: contents)
        if let i = interpreter.figures.saved.firstIndex(where: { $0.name == path }) {
            interpreter.figures.saved[i] = file
        } else {
            interpreter.figures.saved.append(file)
        }
    }
}

extension BuiltinLibrary {
    mutating func registerFileOutput() {
        add("open", keywords: ["write", "append", "create", "truncate", "read"]) { c in
            var arguments = c.positional
            var body: Value?
            if case .function? = arguments.first, arguments.count >= 2 {
                body = arguments.removeFirst()
            }
            guard let first = arguments.first, case .string(let path) = first, arguments.count <= 2 else {
                throw LanguageError("open takes a file name and a mode: open(\"out.txt\", \"w\") do io … end")
            }
            var mode = "r"
            if arguments.count == 2 {
                guard case .string(let m) = arguments[1] else { throw c.wrongType(1, expected: "a mode string") }
                mode = m
            } else if c.keyword("append").map({ if case .bool(true) = $0 { true } else { false } }) == true {
                mode = "a"
            } else if c.keyword("write").map({ if case .bool(true) = $0 { true } else { false } }) == true {
                mode = "w"
            }
            guard ["w", "a", "w+", "a+"].contains(mode) else {
                throw LanguageError("open(\(Display.quoted(path)), \(Display.quoted(mode))): blocks open files for "
                                    + "reading (\"r\") or writing (\"w\" or \"a\")")
            }
            try OutputFiles.checkTextName(path, writer: "open")
            let stream = FileStream(path: path, appending: mode.hasPrefix("a"), interpreter: c.interpreter)
            guard let body else { return .object(stream) }
            defer { stream.close() }
            return try c.interpreter.call(body, [.object(stream)])
        }
        add("close") { c in
            try c.expectCount(1, "close(io)")
            guard case .object(let stream as FileStream) = c.positional[0] else {
                throw c.wrongType(0, expected: "a file opened with open(…)")
            }
            stream.close()
            return .nothing
        }
        add("isopen") { c in
            try c.expectCount(1, "isopen(io)")
            guard case .object(let stream as FileStream) = c.positional[0] else {
                throw c.wrongType(0, expected: "a file opened with open(…)")
            }
            return .bool(stream.isOpen)
        }
        add("write") { c in
            try c.expectCount(2...Int.max, "write(io, x…) or write(\"file.txt\", text)")
            let text = c.positional.dropFirst().map(Display.printed).joined()
            switch c.positional[0] {
            case .object(let stream as FileStream):
                try stream.write(text)
            case .string(let path):
                try OutputFiles.checkTextName(path, writer: "write")
                try FileStream(path: path, appending: false, interpreter: c.interpreter).write(text)
            default:
                throw c.wrongType(0, expected: "a file opened with open(…) or a file name")
            }
            return .int(text.utf8.count)
        }
        for name in ["print", "println", "show", "display"] {
            extend(name) { c, previous in
                guard case .object(let stream as FileStream)? = c.positional.first else { return try previous(c) }
                // The printing builtins write to the block's output: capture what they write and move it to the file.
                let interpreter = c.interpreter
                let saved = interpreter.output
                interpreter.output = ""
                defer { interpreter.output = saved }
                let rest = Array(c.positional.dropFirst())
                _ = try previous(CallContext(name: c.name, positional: rest, keywords: c.keywords,
                                             interpreter: interpreter))
                try stream.write(interpreter.output)
                return .nothing
            }
        }
    }
}

/// The names under which blocks may write files: relative paths inside the rendered site's folder.
enum OutputFiles {
    /// Kinds of text a block may write. HTML, scripts, stylesheets and SVG are excluded: a browser would run what
    /// they contain. Markdown is plain text to a browser; the site writer refuses a name that is one of its own pages.
    static let textSuffixes = [".txt", ".md", ".csv", ".tsv", ".json", ".tex", ".dat", ".log"]

    /// `checkName`, and the name ends in one of `textSuffixes`.
    static func checkTextName(_ name: String, writer: String) throws {
        try checkName(name, writer: writer)
        guard textSuffixes.contains(where: { name.hasSuffix($0) && name.count > $0.count }) else {
            throw LanguageError("\(writer) refuses \(Display.quoted(name)): blocks write only text files, named "
                                + "with one of \(textSuffixes.joined(separator: ", ")) (HTML pages, scripts and SVG "
                                + "cannot be written)")
        }
    }

    /// Refuses absolute paths, `..`, `.`, empty components and backslashes, naming the function that was refused.
    static func checkName(_ name: String, writer: String, suffix: String? = nil,
                          subject: String = "blocks write files", example: String = "out.txt") throws {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let suffixMatches = suffix.map { name.hasSuffix($0) && name.count > $0.count } ?? true
        guard !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0"),
              !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }), suffixMatches else {
            let ending = suffix.map { "ending in \($0) " } ?? ""
            throw LanguageError("\(writer) refuses \(Display.quoted(name)): \(subject) only into the rendered "
                                + "site's folder, as a relative name \(ending)without `..` (e.g. "
                                + "\(Display.quoted(example)))")
        }
    }
}
