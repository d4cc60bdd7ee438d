/// A Julia exception value: what `throw` raises and `catch e` binds (`ArgumentError("…")`, `DivideError()` …).
final class JuliaException: LanguageObject {
    /// `ArgumentError`, `ErrorException`, `BoundsError` …
    let typeName: String
    /// The fields, in Julia's order (`msg`, `key`, `var` …).
    let fields: [(name: String, value: Value)]
    /// Julia's `showerror` text, as the REPL prints after `ERROR: `.
    let message: String

    init(_ typeName: String, fields: [(name: String, value: Value)] = [], message: String) {
        self.typeName = typeName
        self.fields = fields
        self.message = message
    }

    /// An exception with one `msg` field whose `showerror` is `Type: msg` (`ErrorException` shows only `msg`).
    convenience init(_ typeName: String, msg: String) {
        self.init(typeName, fields: [("msg", .string(msg))],
                  message: typeName == "ErrorException" ? msg : "\(typeName): \(msg)")
    }

    /// `ArgumentError("bad")`, `DivideError()`, `KeyError(:a)`.
    func display() -> String {
        "\(typeName)(\(fields.map { Display.repr($0.value) }.joined(separator: ", ")))"
    }

    var propertyNames: [String] { fields.map(\.name) }

    func property(_ name: String) throws -> Value? {
        fields.first { $0.name == name }?.value
    }

    static func divideError() -> LanguageError {
        LanguageError(exception: JuliaException("DivideError", message: "DivideError: integer division error"))
    }

    static func outOfMemory() -> LanguageError {
        LanguageError(exception: JuliaException("OutOfMemoryError", message: "OutOfMemoryError()"))
    }

    static func undefinedVariable(_ name: String, hint: String) -> LanguageError {
        LanguageError(exception: JuliaException("UndefVarError", fields: [("var", .symbol(name))],
                                                message: "UndefVarError: `\(name)` not defined\(hint)"))
    }

    static func keyError(_ key: Value) -> LanguageError {
        LanguageError(exception: JuliaException("KeyError", fields: [("key", key)],
                                                message: "KeyError: key \(Display.repr(key)) not found"))
    }

    static func dimensionMismatch(_ msg: String) -> LanguageError {
        LanguageError(exception: JuliaException("DimensionMismatch", msg: msg))
    }

    static func argumentError(_ msg: String) -> LanguageError {
        LanguageError(exception: JuliaException("ArgumentError", msg: msg))
    }

    /// `BoundsError: attempt to access 3-element Vector{Int64} at index [5]`.
    static func boundsError(_ collection: Value, _ indices: [Value]) -> LanguageError {
        let described: String
        switch collection {
        case .array(let a):
            described = a.shape.count == 1 ? "\(a.count)-element \(a.typeName)"
                : "\(a.shape.map(String.init).joined(separator: "×")) \(a.typeName)"
        case .range:
            described = "\((try? Iteration.count(of: collection)) ?? 0)-element \(collection.typeName)"
        case .string(let s): described = "\(s.utf8.count)-codeunit String"
        default: described = collection.typeName
        }
        let index = indices.map { Display.repr($0) }.joined(separator: ", ")
        return LanguageError(exception: JuliaException(
            "BoundsError", fields: [("a", collection), ("i", .tuple(indices))],
            message: "BoundsError: attempt to access \(described) at index [\(index)]"))
    }

    static func methodError(_ function: String, _ arguments: [Value]) -> LanguageError {
        let signature = arguments.map { "::\($0.typeName)" }.joined(separator: ", ")
        return LanguageError(exception: JuliaException(
            "MethodError", fields: [("f", .string(function)), ("args", .tuple(arguments))],
            message: "MethodError: no method matching \(function)(\(signature))"))
    }

    /// The exception types a block can construct and throw, with their fields.
    static let constructible: [String: [String]] = [
        "ErrorException": ["msg"], "ArgumentError": ["msg"], "DimensionMismatch": ["msg"],
        "AssertionError": ["msg"], "KeyError": ["key"], "UndefVarError": ["var"], "DivideError": [],
        "OutOfMemoryError": [], "InterruptException": [], "StackOverflowError": [], "DomainError": ["val", "msg"],
        "BoundsError": ["a", "i"], "InexactError": ["func", "T", "val"], "OverflowError": ["msg"],
    ]

    /// `ArgumentError("x")` and friends, as the block builds them.
    static func construct(_ type: String, _ arguments: [Value]) throws -> JuliaException {
        let names = constructible[type] ?? []
        guard arguments.count <= names.count else {
            throw LanguageError("\(type) takes at most \(names.count) argument\(names.count == 1 ? "" : "s"), "
                                + "got \(arguments.count)")
        }
        let fields = zip(names, arguments).map { (name: $0, value: $1) }
        let message: String
        switch type {
        case "ErrorException": message = arguments.first.map(Display.printed) ?? ""
        case "KeyError": message = "KeyError: key \(arguments.first.map { Display.repr($0) } ?? "") not found"
        case "UndefVarError": message = "UndefVarError: `\(arguments.first.map(Display.printed) ?? "")` not defined"
        case "DivideError": message = "DivideError: integer division error"
        case "OutOfMemoryError", "InterruptException", "StackOverflowError": message = "\(type)()"
        case "DomainError":
            let value = arguments.first.map { Display.repr($0) } ?? ""
            message = "DomainError with \(value)" + (arguments.count > 1 ? ":\n\(Display.printed(arguments[1]))" : "")
        default:
            message = arguments.isEmpty ? type : "\(type): \(arguments.map(Display.printed).joined(separator: ", "))"
        }
        return JuliaException(type, fields: fields, message: message)
    }
}

extension LanguageError {
    /// An error carrying a Julia exception; its message is the exception's `showerror` text.
    init(exception: JuliaException, at offset: SourceOffset? = nil) {
        self.init(exception.message, at: offset)
        self.exception = exception
    }

    /// The value `catch e` binds: the exception, or an `ErrorException` with the message.
    var caughtValue: Value {
        if let thrown { return thrown }
        return .object(exception ?? JuliaException("ErrorException", msg: message))
    }

    /// The same error marked as an exception of `type` (its message is kept).
    func tagged(_ type: String) -> LanguageError {
        var copy = self
        if copy.exception == nil { copy.exception = JuliaException(type, msg: message) }
        return copy
    }
}
