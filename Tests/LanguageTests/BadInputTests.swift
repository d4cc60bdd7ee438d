import Foundation
import Testing
@testable import MixedModelsLanguage

/// Every kind of bad input gives `file:line:column: what was expected`, and the session survives it.
@Suite struct BadInputTests {
    /// Runs `bad` at line 10 of `nb.md`, checks the message, then checks the session still works.
    func expectError(_ bad: String, contains fragments: [String], at position: String,
                     setup: String = "x = 1") {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run(setup, file: "nb.md", firstLine: 1, timeout: 30)
        let result = session.run(bad, file: "nb.md", firstLine: 10, timeout: 30)
        #expect(result.error != nil, "expected an error for \(bad)")
        let message = result.error ?? ""
        #expect(message.hasPrefix("nb.md:\(position): "), "message: \(message)")
        for f in fragments { #expect(message.contains(f), "message: \(message)") }
        #expect(result.output == message)
        #expect(session.run("x + 1", file: "nb.md", firstLine: 20, timeout: 30).output == "2")
    }

    @Test func syntaxErrors() {
        expectError("y = (1 + 2", contains: ["expected `)`"], at: "10:11")
        expectError("a = 1\nb = 2 +* 3", contains: ["expected an expression", "`*`"], at: "11:8")
        expectError("\"open", contains: ["unterminated string"], at: "10:1")
        expectError("1 2", contains: ["expected the end of the statement"], at: "10:3")
        expectError("f(1,, 2)", contains: ["expected an expression"], at: "10:5")
        expectError("@frobnicate x", contains: ["unknown macro", "@formula"], at: "10:1")
        expectError("$x", contains: ["only allowed inside @benchmark"], at: "10:1")
    }

    @Test func unknownNamesSuggestCloseOnes() {
        expectError("lenght([1])", contains: ["UndefVarError: `lenght` not defined", "`length`"], at: "10:1")
        expectError("fm = 1\nfn + 1", contains: ["UndefVarError: `fn` not defined", "`fm`"], at: "11:1")
        expectError("MixedModels.datset(:dyestuff)", contains: ["has no `datset`", "`dataset`"], at: "10:1")
    }

    @Test func wrongArgumentCountsAndTypes() {
        expectError("sqrt(1, 2)", contains: ["sqrt expects 1 argument", "got 2"], at: "10:1")
        expectError("sqrt(\"a\")", contains: ["argument 1 of sqrt must be a number", "String"], at: "10:1")
        expectError("1 + \"a\"", contains: ["cannot be applied to an Int64 and a String"], at: "10:1")
        expectError("x = 1\n  fit(MixedModel, 3, x)", contains: ["argument 2 of fit must be a formula"], at: "11:3")
    }

    @Test func unknownKeywords() {
        expectError("round(2.5, digit = 1)", contains: ["unknown keyword argument `digit`", "digits"], at: "10:12")
        expectError("sqrt(4; scale = 2)", contains: ["sqrt takes no keyword arguments"], at: "10:9")
    }

    @Test func indexingOutOfRange() {
        expectError("v = [1, 2, 3]\nv[4]", contains: ["BoundsError: attempt to access 3-element Vector{Int64} at index [4]"],
                    at: "11:1")
        expectError("d = Dict(:a => 1)\nd[:b]", contains: ["key :b not found"], at: "11:1")
        expectError("(1, 2)[0]", contains: ["BoundsError: attempt to access Tuple{Int64, Int64} at index [0]"], at: "10:1")
    }

    @Test func unknownProperties() {
        expectError("t = MixedModels.dataset(:dyestuff)\nt.yeild", contains: ["has no property `yeild`", "`yield`"],
                    at: "11:1")
        expectError("(a = 1,).b", contains: ["no field `b`"], at: "10:1")
        expectError("t = MixedModels.dataset(:dyestuff)\nt.x = [1]", contains: ["read-only", "DataFrame"], at: "11:1")
    }

    @Test func formulaErrorsPointIntoTheFormula() {
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("f = @formula(y ~ 1 + (1 | ))", file: "nb.md", firstLine: 5, timeout: 30)
        #expect(result.error?.hasPrefix("nb.md:5:") == true, "\(result.error ?? "")")
        #expect(result.error?.contains("@formula") == true)
    }

    @Test func runawayEvaluationTimesOut() {
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("sum(sqrt(x) for x in 1:100000000)", file: "nb.md", firstLine: 3, timeout: 0.2)
        #expect(result.error?.contains("timeout") == true, "\(result.error ?? "no error")")
        // The stopped block's session is closed: nothing runs in it afterwards.
        #expect(session.run("1 + 1", file: "nb.md", firstLine: 4, timeout: 30).error
                == "nb.md:4: not run: the session was closed after the block at line 3 timed out")
    }
}

/// No file outside the notebook's folder or the datasets folder can be read.
@Suite struct FileSafetyTests {
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "language-safety-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/notebooks/data", withIntermediateDirectories: true)
        try "a,b\n1,2.5\n3,4.5\n".write(toFile: dir + "/notebooks/data/small.csv", atomically: true, encoding: .utf8)
        try "secret,x\n1,2\n".write(toFile: dir + "/outside.csv", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/notebooks/link.csv", withDestinationPath: dir + "/outside.csv")
        return dir
    }

    @Test func readsBelowTheNotebookFolder() throws {
        let dir = try scratch()
        let session = Session(baseDirectory: dir + "/notebooks")
        let result = session.run("t = read_csv(\"data/small.csv\")\nsize(t)", file: "nb.md", firstLine: 1, timeout: 30)
        #expect(result.output == "(2, 2)", "\(result.output)")
    }

    @Test func refusesEscapes() throws {
        let dir = try scratch()
        let session = Session(baseDirectory: dir + "/notebooks")
        for path in ["/etc/passwd", "../outside.csv", "../../etc/passwd", "data/../../outside.csv", "link.csv"] {
            for reader in ["read_csv", "read_arrow"] {
                let result = session.run("\(reader)(\"\(path)\")", file: "nb.md", firstLine: 1, timeout: 30)
                #expect(result.error?.contains("refuses to read") == true, "\(reader)(\(path)): \(result.output)")
            }
        }
    }
}

/// The malloc interposer really counts in this test binary.
@Suite struct AllocationCounterTests {
    @Test func interpositionIsActiveAndBenchmarksReportMemory() {
        #expect(Session.allocationsAreMeasured)
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("@benchmark [x * 2.0 for x in 1:1000] seconds=0.05", file: "nb.md", firstLine: 1,
                                 timeout: 30)
        #expect(result.benchmark?.allocations.map { $0 > 0 } == true, "\(result.output)")
        #expect(result.benchmark?.memoryBytes.map { $0 > 8000 } == true, "\(result.output)")
        #expect(result.output.contains("Memory estimate: "))
    }

    @Test func benchmarkableRunsWithInterpolation() {
        let out = outputs("d = Dict{Symbol,Float64}()\nv = 2\nb = @benchmarkable d[:x] = $v * 1.5 seconds=0.05;",
                          "run(b);", "d")
        #expect(out[0] == "")
        #expect(out[2] == "Dict{Symbol, Float64} with 1 entry:\n  :x => 3.0")
    }

    /// The block's timeout stops a running fit from inside the objective callback (a fit that would take minutes
    /// ends within seconds), with the timeout message; the session stays usable.
    @Test func longFitIsCancelledByTheTimeout() {
        let session = Session(baseDirectory: "/tmp")
        #expect(session.run("insteval = MixedModels.dataset(:insteval)", file: "nb.md", firstLine: 1,
                            timeout: 60).error == nil)
        let start = Date()
        let result = session.run("m = fit(MixedModel, @formula(y ~ 1 + service + (1|s) + (1|d) + (1 + service|dept)), "
                                 + "insteval; progress = true)", file: "nb.md", firstLine: 5, timeout: 1)
        #expect(result.error?.contains("timeout") == true, "\(result.error ?? "no error")")
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(session.run("1 + 1", file: "nb.md", firstLine: 9, timeout: 30).output == "2")
    }
}
