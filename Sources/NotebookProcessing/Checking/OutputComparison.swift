import Foundation

/// One line of a diff between expected and actual output.
public enum DiffLine: Equatable, Sendable {
    case same(String)
    /// An expected line that is not in the actual output, with the character ranges that differ.
    case removed(String, marks: [Range<Int>])
    /// An actual line that is not in the expected output, with the character ranges that differ.
    case added(String, marks: [Range<Int>])
}

/// Compares a block's actual output with its expected output (notebook-format.md §3).
public enum OutputComparison {
    /// Returns nil when the outputs match, otherwise the diff (expected lines `-`, actual lines `+`).
    public static func compare(expected: String, actual: String, options: BlockOptions) -> [DiffLine]? {
        var expectedText = expected
        var actualText = actual
        switch options.ignore {
        case .all?:
            return nil
        case .timing?:
            expectedText = TimingMask.mask(expectedText)
            actualText = TimingMask.mask(actualText)
        case .pattern(let pattern)?:
            // A pattern that runs away on this output (see `remove`) is not applied: the texts are compared whole.
            if let regex = try? NSRegularExpression(pattern: pattern),
               let expectedRemoved = remove(regex, from: expectedText),
               let actualRemoved = remove(regex, from: actualText) {
                expectedText = expectedRemoved
                actualText = actualRemoved
            }
        case nil:
            break
        }
        let tolerance = Tolerance(options: options)
        let expectedLines = normalizedLines(expectedText)
        let actualLines = normalizedLines(actualText)
        let diff = LineDiff.diff(expected: expectedLines, actual: actualLines) { e, a in
            LineComparison.compare(expected: e, actual: a, tolerance: tolerance).isMatch
        }
        guard diff.contains(where: { if case .same = $0 { return false } else { return true } }) else { return nil }
        return markTokens(diff, tolerance: tolerance)
    }

    /// Every expected line removed and every actual line added: the diff of outputs that a rule other than the
    /// line comparison found different (a doctest's error prefix).
    static func wholeDiff(expected: String, actual: String) -> [DiffLine] {
        normalizedLines(expected).map { .removed($0, marks: []) } + normalizedLines(actual).map { .added($0, marks: []) }
    }

    /// Lines with trailing white space removed, without trailing blank lines.
    static func normalizedLines(_ text: String) -> [String] {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingTrailingWhitespace() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Longest time an `ignore=` pattern may take on one output: nested repetition such as `(a+)+$` backtracks
    /// exponentially, and a notebook must not be able to stall `check`.
    static let patternTimeLimit: TimeInterval = 1

    /// `text` with the matches of `regex` removed, or nil when matching took longer than `patternTimeLimit`.
    private static func remove(_ regex: NSRegularExpression, from text: String) -> String? {
        let deadline = Date().addingTimeInterval(patternTimeLimit)
        var matches: [NSRange] = []
        var overran = false
        // `.reportProgress` calls back during long matches too, so the deadline is seen inside a runaway match.
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) {
            match, _, stop in
            if let match { matches.append(match.range) }
            if Date() > deadline {
                overran = true
                stop.pointee = true
            }
        }
        guard !overran else { return nil }
        let result = NSMutableString(string: text)
        for range in matches.reversed() { result.replaceCharacters(in: range, with: "") }
        return result as String
    }

    /// Pairs each run of removed lines with the following run of added lines and marks the tokens that differ.
    private static func markTokens(_ diff: [DiffLine], tolerance: Tolerance) -> [DiffLine] {
        var result: [DiffLine] = []
        var index = 0
        while index < diff.count {
            var removed: [String] = []
            var added: [String] = []
            while index < diff.count, case .removed(let line, _) = diff[index] { removed.append(line); index += 1 }
            while index < diff.count, case .added(let line, _) = diff[index] { added.append(line); index += 1 }
            if removed.isEmpty && added.isEmpty {
                result.append(diff[index])
                index += 1
                continue
            }
            // Only lines paired with a counterpart get `^` marks; a wholly added or removed line speaks for itself.
            var removedMarks = removed.map { _ in [Range<Int>]() }
            var addedMarks = added.map { _ in [Range<Int>]() }
            for pair in 0..<min(removed.count, added.count) {
                let differences = LineComparison.compare(expected: removed[pair], actual: added[pair], tolerance: tolerance)
                removedMarks[pair] = differences.expected
                addedMarks[pair] = differences.actual
            }
            result += zip(removed, removedMarks).map { DiffLine.removed($0, marks: $1) }
            result += zip(added, addedMarks).map { DiffLine.added($0, marks: $1) }
        }
        return result
    }
}

/// A longest-common-subsequence diff of two line lists under a custom equality.
enum LineDiff {
    /// The largest table the quadratic LCS may fill; longer differing stretches are shown as all removed, then all
    /// added, so that a notebook with huge outputs cannot exhaust time or memory.
    static let maximumCells = 4_000_000

    static func diff(expected: [String], actual: [String], equal: (String, String) -> Bool) -> [DiffLine] {
        // Lines equal at both ends belong to a longest common subsequence: only the stretch between is diffed.
        let shorter = min(expected.count, actual.count)
        var prefix = 0
        while prefix < shorter, equal(expected[prefix], actual[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix, equal(expected[expected.count - 1 - suffix], actual[actual.count - 1 - suffix]) {
            suffix += 1
        }
        let expectedMiddle = Array(expected[prefix..<(expected.count - suffix)])
        let actualMiddle = Array(actual[prefix..<(actual.count - suffix)])
        let middle = expectedMiddle.count * actualMiddle.count <= maximumCells
            ? lcsDiff(expected: expectedMiddle, actual: actualMiddle, equal: equal)
            : expectedMiddle.map { DiffLine.removed($0, marks: []) } + actualMiddle.map { DiffLine.added($0, marks: []) }
        return actual[..<prefix].map(DiffLine.same) + middle + actual[(actual.count - suffix)...].map(DiffLine.same)
    }

    private static func lcsDiff(expected: [String], actual: [String], equal: (String, String) -> Bool) -> [DiffLine] {
        let n = expected.count
        let m = actual.count
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = equal(expected[i], actual[j])
                    ? lengths[i + 1][j + 1] + 1
                    : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result: [DiffLine] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, equal(expected[i], actual[j]), lengths[i][j] == lengths[i + 1][j + 1] + 1 {
                result.append(.same(actual[j]))
                i += 1
                j += 1
            } else if i < n, j == m || lengths[i + 1][j] >= lengths[i][j + 1] {
                result.append(.removed(expected[i], marks: []))
                i += 1
            } else {
                result.append(.added(actual[j], marks: []))
                j += 1
            }
        }
        return result
    }
}
