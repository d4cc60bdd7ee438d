/// An error in a formula or in building its model frame: the message, and where it is known the formula's
/// text with the 0-based column (a character offset) of the offending part, shown by a caret.
public struct FormulaError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The formula text, when the formula was parsed from text.
    public var source: String?
    /// 0-based character offset into `source` of the offending part.
    public var column: Int?
    public var message: String

    public init(_ message: String, source: String? = nil, column: Int? = nil) {
        self.message = message
        self.source = source
        self.column = column
    }

    /// The message; then the formula and a caret under the offending column.
    public var description: String {
        guard let source, let column else { return message }
        let caret = String(repeating: " ", count: max(0, column)) + "^"
        return "\(message)\n  \(source)\n  \(caret)"
    }
}
