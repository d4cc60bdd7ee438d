import Foundation
import Testing
@testable import NotebookProcessing

@Suite("Comparing outputs")
struct ComparisonTests {
    private func matches(_ expected: String, _ actual: String, _ options: BlockOptions = BlockOptions()) -> Bool {
        OutputComparison.compare(expected: expected, actual: actual, options: options) == nil
    }

    @Test func trailingWhitespaceAndBlankLinesAreIgnored() {
        #expect(matches("a  b\n\n", "a  b   \n\n\n"))
        #expect(!matches("a  b", "a b"))
        #expect(!matches("a\n\nb", "a\nb"))
    }

    @Test func fiveSignificantDigitsPassAndAThousandthFails() {
        #expect(matches("(Intercept)  1527.5     17.6946  86.33    <1e-99", "(Intercept)  1527.51    17.6947  86.33    <1e-99"))
        #expect(matches("1527.4999999999989", "1527.5000000000002"))
        #expect(matches("-163.6635299405715", "-163.66352994057"))
        #expect(!matches("-163.6635", "-163.8272"))
        #expect(!matches("1.02407e-5", "1.02510e-5"))
        #expect(!matches("565.51067", "566.07618"))
        #expect(!matches("0.15650534082766315", "0.15666184616849081"))
    }

    @Test func lastPrintedDigitMayFlipInFixedDecimalColumns() {
        #expect(matches("days: 1        7.84395     5.45067   1.44    0.1501", "days: 1        7.84395     5.45067   1.45    0.1502"))
        #expect(!matches("+0.08", "+0.10"))
        #expect(!matches("0.17", "0.1701"))
        #expect(!matches(" 5.0", " 5.1"))
        #expect(!matches("0.12345", "0.12375"))
    }

    @Test func integersAndTextMustMatchExactly() {
        #expect(!matches("Number of obs: 30; levels of grouping factors: 6", "Number of obs: 31; levels of grouping factors: 6"))
        #expect(!matches("30", "30.0"))
        #expect(!matches("<1e-99", "<1e-98"))
        #expect(!matches("dept: D02", "dept: D03"))
        #expect(!matches("Int16", "Int32"))
        #expect(matches("NaN", "NaN"))
    }

    @Test func alignmentPaddingNextToNumbersMayChange() {
        #expect(matches(" 1.5  x", " 1.50 x"))
        // A column re-aligned because another row's number changed width.
        #expect(matches("-1.05993      0.184157", "-1.05981     0.184158"))
        // Padding between words still counts.
        #expect(!matches("Variance Std.Dev.", "Variance  Std.Dev."))
        #expect(!matches("a  b 1.5", "a b 1.5"))
    }

    @Test func tolerancesFromOptions() throws {
        var strict = BlockOptions()
        strict.rtol = 0
        strict.atol = 0
        #expect(!matches("1527.4999999999989", "1527.5000000000002", strict))
        var loose = BlockOptions()
        loose.rtol = 0.01
        #expect(matches("100.0", "100.9", loose))
    }

    @Test func ignoreRules() {
        var timing = BlockOptions()
        timing.ignore = .timing
        let expected = """
        BenchmarkTools.Trial: 10000 samples with 1 evaluation.
         Range (min … max):  144.621 μs …  58.455 ms  ┊ GC (min … max): 0.00% … 95.29%

             ▃██▅▂▁
          ▁▂▆██████▇▆▆▆▆▆▇▇▆▆▆▆▆▅▄▄▄▃▃▃▂▂▂▂▂▂▂▂▂▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁ ▃
          145 μs           Histogram: frequency by time          207 μs <

         Memory estimate: 54.72 KiB, allocs estimate: 1076.
        """
        let actual = """
        BenchmarkTools.Trial: 2 samples with 3 evaluations.
         Range (min … max):  1.621 ms … 8.455 s  ┊ GC (min … max): 0.00% … 0.00%

          ▁▁▁▁█▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█ ▁
          1.6 ms        Histogram: log(frequency) by time        8.4 s <

         Memory estimate: 5 bytes, allocs estimate: 7.
        """
        #expect(matches(expected, actual, timing))
        #expect(!matches(expected, actual.replacingOccurrences(of: "Histogram", with: "Histo"), timing))
        var all = BlockOptions()
        all.ignore = .all
        #expect(matches("anything", "else", all))
        var pattern = BlockOptions()
        pattern.ignore = .pattern("0x[0-9a-f]+")
        #expect(matches("at 0x7ffe01", "at 0x1234ab", pattern))
    }

    @Test func diffMarksTheDifferingNumber() throws {
        let diff = try #require(OutputComparison.compare(expected: "a\n x  1.25  7\nz", actual: "a\n x  1.35  7\nz",
                                                         options: BlockOptions()))
        let text = DiffFormatting.format(diff)
        #expect(text == "  a\n-  x  1.25  7\n      ^^^^\n+  x  1.35  7\n      ^^^^\n  z")
    }

    @Test func diffOfExtraLines() throws {
        let diff = try #require(OutputComparison.compare(expected: "a\nb", actual: "a\nb\nc", options: BlockOptions()))
        #expect(diff == [.same("a"), .same("b"), .added("c", marks: [])])
    }
}
