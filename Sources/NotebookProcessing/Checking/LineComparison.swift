/// Compares one expected line with one actual line under the doctest rules.
enum LineComparison {
    /// The character ranges of the tokens that differ, on each side; both empty when the lines match.
    struct Differences: Equatable {
        var expected: [Range<Int>]
        var actual: [Range<Int>]
        var isMatch: Bool { expected.isEmpty && actual.isEmpty }
    }

    static func compare(expected: String, actual: String, tolerance: Tolerance) -> Differences {
        let expectedTokens = OutputToken.tokenize(expected)
        let actualTokens = OutputToken.tokenize(actual)
        var differences = Differences(expected: [], actual: [])
        let common = min(expectedTokens.count, actualTokens.count)
        for index in 0..<common {
            let e = expectedTokens[index]
            let a = actualTokens[index]
            if !tokensMatch(index: index, expected: expectedTokens, actual: actualTokens, tolerance: tolerance) {
                differences.expected.append(e.column..<(e.column + e.text.count))
                differences.actual.append(a.column..<(a.column + a.text.count))
            }
        }
        // Extra tokens on either side are differences in full.
        if expectedTokens.count > common {
            let start = expectedTokens[common].column
            differences.expected.append(start..<expected.count)
        }
        if actualTokens.count > common {
            let start = actualTokens[common].column
            differences.actual.append(start..<actual.count)
        }
        if expectedTokens.count != actualTokens.count, differences.isMatch {
            differences.expected.append(0..<max(expected.count, 1))
        }
        return differences
    }

    private static func tokensMatch(index: Int, expected: [OutputToken], actual: [OutputToken], tolerance: Tolerance) -> Bool {
        let e = expected[index]
        let a = actual[index]
        switch (e.kind, a.kind) {
        case (.space, .space):
            // Padding next to a number may change its length: a table re-aligns a whole column when any one of
            // its numbers is printed with another width.
            return e.text == a.text || isNextToNumber(index, expected, actual)
        case (.float, .float), (.integer, .integer):
            return tolerance.matches(expected: e, actual: a)
        case (.text, .text):
            return e.text == a.text
        default:
            return false
        }
    }

    private static func isNextToNumber(_ index: Int, _ expected: [OutputToken], _ actual: [OutputToken]) -> Bool {
        for neighbour in [index - 1, index + 1] where neighbour >= 0 && neighbour < min(expected.count, actual.count) {
            if expected[neighbour].isNumber, actual[neighbour].isNumber { return true }
        }
        return false
    }
}
