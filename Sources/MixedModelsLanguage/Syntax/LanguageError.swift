/// An error raised while lexing, parsing or evaluating a block: what went wrong and, when known, where.
public struct LanguageError: Error, CustomStringConvertible, @unchecked Sendable {
    public var message: String
    /// Character offset within the block where the problem starts.
    public var offset: SourceOffset?
    /// The Julia exception this error stands for (`catch e` binds it), when it has a Julia type.
    var exception: JuliaException?
    /// A value thrown with `throw(x)` that is not an exception (`throw(42)`).
    var thrown: Value?

    public init(_ message: String, at offset: SourceOffset? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }

    /// The same error, placed at `offset` unless it already has a position.
    func located(at offset: SourceOffset) -> LanguageError {
        var copy = self
        if copy.offset == nil { copy.offset = offset }
        return copy
    }
}

/// Raised when a block runs past its deadline.
struct TimeoutError: Error {
    var seconds: Double
}

/// `break`, `continue` and `return` unwinding to their loop or function.
enum ControlFlow: Error {
    case breakLoop
    case continueLoop
    case returnValue(Value)
}

/// Converts character offsets of a block into `file:line:column` positions inside the notebook file.
struct SourceLocator {
    let file: String
    let firstLine: Int
    /// Offsets at which each line of the block starts.
    private let lineStarts: [SourceOffset]

    init(source: [Character], file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
        var starts = [0]
        for (i, c) in source.enumerated() where c == "\n" || c == "\r\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    /// 1-based line and column in the file of a block offset.
    func lineAndColumn(of offset: SourceOffset) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (firstLine + lo, offset - lineStarts[lo] + 1)
    }

    func format(_ error: LanguageError) -> String {
        guard let offset = error.offset else { return "\(file):\(firstLine): \(error.message)" }
        let (line, column) = lineAndColumn(of: offset)
        return "\(file):\(line):\(column): \(error.message)"
    }
}
