import Foundation

/// One physical line of a notebook file: its text and the exact terminator that ended it.
public struct SourceLine: Equatable, Sendable {
    /// The line's text without its terminator.
    public var text: String
    /// `"\n"`, `"\r\n"`, `"\r"` or `""` (last line without a newline).
    public var terminator: String
}

/// A notebook file split into lines such that joining `text + terminator` of every line gives back the exact bytes.
/// Line numbers are 1-based, as in cmark-gfm and in editors; CommonMark's three line endings are all recognised.
public struct SourceText: Sendable {
    public let lines: [SourceLine]

    /// Splits UTF-8 text into lines, keeping each terminator.
    public init(_ text: String) {
        var lines: [SourceLine] = []
        let bytes = Array(text.utf8)
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                let isCRLF = byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                let content = String(decoding: bytes[start..<index], as: UTF8.self)
                lines.append(SourceLine(text: content, terminator: isCRLF ? "\r\n" : (byte == UInt8(ascii: "\n") ? "\n" : "\r")))
                index += isCRLF ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count {
            lines.append(SourceLine(text: String(decoding: bytes[start...], as: UTF8.self), terminator: ""))
        }
        self.lines = lines
    }

    public init(lines: [SourceLine]) {
        self.lines = lines
    }

    /// The number of lines.
    public var count: Int { lines.count }

    /// The line with the given 1-based number.
    public func line(_ number: Int) -> SourceLine {
        lines[number - 1]
    }

    /// The file's dominant line terminator, used for lines that a fix inserts.
    public var preferredTerminator: String {
        var counts: [String: Int] = [:]
        for line in lines where !line.terminator.isEmpty {
            counts[line.terminator, default: 0] += 1
        }
        return counts.max { $0.value < $1.value }?.key ?? "\n"
    }

    /// The exact file text.
    public var text: String {
        var result = ""
        for line in lines {
            result += line.text
            result += line.terminator
        }
        return result
    }

    /// Lines `first...last` (1-based, inclusive) joined with `"\n"`, the way block contents are compared.
    public func joinedText(from first: Int, through last: Int) -> String {
        guard first <= last else { return "" }
        return lines[(first - 1)...(last - 1)].map(\.text).joined(separator: "\n")
    }
}
