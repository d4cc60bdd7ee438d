/// An error in a notebook file, reported as `file:line: message` like a compiler diagnostic.
public struct NotebookError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
