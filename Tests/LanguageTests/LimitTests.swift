import Foundation
import Testing
@testable import MixedModelsLanguage

/// Julia's integer edges, nesting depth, allocations and deadlines: clear errors, never a crash or a hang.
@Suite struct LimitTests {
    @Test func integerEdgesWrapOrThrowAsJulia() {
        #expect(output("-typemin(Int)") == "-9223372036854775808")
        #expect(output("abs(typemin(Int))") == "-9223372036854775808")
        #expect(output("abs2(typemin(Int))") == "0")
        #expect(output("typemax(Int) + 1") == "-9223372036854775808")
        #expect(output("typemin(Int) ÷ -1") == "test.md:1:1: DivideError: integer division error")
        #expect(output("typemin(Int) % -1") == "0")
        #expect(output("div(1, 0)") == "test.md:1:1: DivideError: integer division error")
        #expect(output("mod(-7, 3), rem(-7, 3), mod(7, -3)") == "(2, -1, -2)")
        #expect(output("2^62 * 4") == "0")
        #expect(output("3^(10^12)") == "8078920949372764161")
        #expect(output("2^63") == "-9223372036854775808")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for code in [String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
                     String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000),
                     String(repeating: "1+", count: 50_000) + "1",
                     String(repeating: "-", count: 50_000) + "1"] {
            #expect(output(code).contains("expression nested too deeply"))
        }
        #expect(output("f(n) = n == 0 ? 0 : 1 + f(n - 1); f(1000)") == "1000")
        #expect(output("g(n) = g(n + 1); g(1)").contains("StackOverflowError()"))
    }

    @Test func allocationsAreChecked() {
        for code in ["zeros(10^9)", "fill(1, 10^12)", "\"a\"^(10^12)", "collect(1:10^12)", "ones(10^6, 10^6)"] {
            let session = Session(baseDirectory: "/tmp")
            session.memoryBudget = 1 << 30
            let result = session.run(code, file: "nb.md", firstLine: 1, timeout: 30)
            #expect(result.error == "nb.md:1:1: OutOfMemoryError()", "\(code): \(result.output)")
        }
        #expect(output("length(zeros(1000))") == "1000")
        #expect(output("zeros(10^10, 10^10)") == "test.md:1:1: OutOfMemoryError()")
        #expect(output("1:10^12 == 1:10^12, typemin(Int):typemax(Int) == 1:2") == "(true, false)")
        #expect(output("length(range(1; length = 10^12, step = 3))") == "1000000000000")
        #expect(output("0.0:1e-300:1.0").contains("ArgumentError"))
    }

    @Test func deadlinesStopLoopsAndBuiltins() {
        for code in ["while true end", "s = 0\nfor i in 1:10^12\n  s += i\nend", "map(x -> x + 1, 1:10^8)",
                     "sum(x -> x, 1:10^10)", "count(x -> true, 1:10^12)",
                     "f(n) = n; [f(i) for i in 1:10^12]"] {
            let session = Session(baseDirectory: "/tmp")
            let start = Date()
            let result = session.run(code, file: "nb.md", firstLine: 3, timeout: 0.3)
            #expect(result.error?.contains("timeout") == true, "\(code): \(result.output)")
            #expect(Date().timeIntervalSince(start) < 5, "\(code) took too long")
            let next = session.run("1 + 1", file: "nb.md", firstLine: 9, timeout: 30)
            #expect(next.error?.contains("closed") == true)
        }
    }

    @Test func cancellationStopsARunningBlock() {
        let session = Session(baseDirectory: "/tmp")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { session.cancel() }
        let result = session.run("while true end", file: "nb.md", firstLine: 1, timeout: 60)
        #expect(result.error?.contains("stopped") == true)
    }
}
