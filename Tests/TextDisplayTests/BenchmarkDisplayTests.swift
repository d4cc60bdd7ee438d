import Testing
@testable import TextDisplay

@Suite struct BenchmarkDisplayTests {
    @Test func fourSamples() {
        let record = BenchmarkRecord(times: [300, 100, 400, 200], evaluations: 1, memoryBytes: 56033, allocations: 1076)
        let text = BenchmarkDisplay.trial(record)
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(rows.prefix(5)) == [
            "BenchmarkTools.Trial: 4 samples with 1 evaluation.",
            " Range (min … max):  100.000 ns … 400.000 ns  ┊ GC (min … max): 0.00% … 0.00%",
            " Time  (median):     250.000 ns               ┊ GC (median):    0.00%",
            " Time  (mean ± σ):   250.000 ns ± 129.099 ns  ┊ GC (mean ± σ):  0.00% ± 0.00%",
            "",
        ])
        let filled: Set<Int> = [0, 20, 40, 60]
        let top = (0..<63).map { filled.contains($0) ? "█" : " " }.joined()
        let bottom = (0..<63).map { filled.contains($0) ? "█" : ($0 == 61 ? " " : "▁") }.joined()
        #expect(rows[5] == "  " + top)
        #expect(rows[6] == "  " + bottom)
        #expect(rows[7] == "  100 ns           Histogram: frequency by time          400 ns <")
        #expect(rows[8] == "")
        #expect(rows[9] == " Memory estimate: 54.72 KiB, allocs estimate: 1076.")
    }

    @Test func unmeasuredMemoryAndSingleSample() {
        let many = BenchmarkDisplay.trial(BenchmarkRecord(times: [2.075e9, 2.076e9, 2.083e9], evaluations: 1,
                                                          memoryBytes: nil, allocations: nil))
        #expect(many.hasSuffix("\n\n Memory estimate: not measured, allocs estimate: not measured."))
        #expect(many.contains(" Range (min … max):  2.075 s …  2.083 s  ┊ GC (min … max): 0.00% … 0.00%"))
        #expect(many.contains("  2.08 s        Histogram: frequency by time        2.08 s <"))
        let one = BenchmarkDisplay.trial(BenchmarkRecord(times: [1500], evaluations: 2, memoryBytes: 100,
                                                         allocations: 3))
        #expect(one == """
            BenchmarkTools.Trial: 1 sample with 2 evaluations.
             Single result which took 1.500 μs (0.00% GC) to evaluate,
             with a memory estimate of 100 bytes, over 3 allocations.
            """)
        #expect(BenchmarkDisplay.trial(BenchmarkRecord(times: [], evaluations: 1, memoryBytes: nil, allocations: nil))
                == "BenchmarkTools.Trial: 0 samples with 1 evaluation.\n No results.")
    }

    @Test func units() {
        #expect(BenchmarkDisplay.prettyTime(144621) == "144.621 μs")
        #expect(BenchmarkDisplay.prettyTime(58.455e6) == "58.455 ms")
        #expect(BenchmarkDisplay.prettyTime(999) == "999.000 ns")
        #expect(BenchmarkDisplay.prettyMemory(56033) == "54.72 KiB")
        #expect(BenchmarkDisplay.prettyMemory(23771218) == "22.67 MiB")
        #expect(BenchmarkDisplay.prettyMemory(512) == "512 bytes")
        #expect(BenchmarkDisplay.roundSignificant(144621, digits: 3) == 145000)
        #expect(BenchmarkDisplay.trimTrailingZeros("2.080 s") == "2.08 s")
    }
}
