/// Prints a diff for a terminal or a report: `-` expected, `+` actual, and a `^` line under the differing tokens.
public enum DiffFormatting {
    /// Unchanged lines kept around each change.
    static let context = 2

    public static func format(_ diff: [DiffLine]) -> String {
        let changed = diff.indices.filter { if case .same = diff[$0] { return false } else { return true } }
        var shown = Set<Int>()
        for index in changed {
            for neighbour in max(0, index - context)...min(diff.count - 1, index + context) { shown.insert(neighbour) }
        }
        var lines: [String] = []
        var skipped = false
        for (index, line) in diff.enumerated() {
            guard shown.contains(index) else {
                if !skipped { lines.append("  …") }
                skipped = true
                continue
            }
            skipped = false
            switch line {
            case .same(let text):
                lines.append("  " + text)
            case .removed(let text, let marks):
                lines.append("- " + text)
                if let marker = markerLine(marks) { lines.append(marker) }
            case .added(let text, let marks):
                lines.append("+ " + text)
                if let marker = markerLine(marks) { lines.append(marker) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `  ^^^^` under the given character ranges (offset by the two-character prefix).
    static func markerLine(_ marks: [Range<Int>]) -> String? {
        guard let end = marks.map(\.upperBound).max(), end > 0 else { return nil }
        var characters = [Character](repeating: " ", count: end)
        for range in marks {
            for column in range where column < end { characters[column] = "^" }
        }
        return "  " + String(characters).trimmingTrailingWhitespace()
    }
}
