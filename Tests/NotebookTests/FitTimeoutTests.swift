import Foundation
import MixedModelsLanguage
import Testing
@testable import NotebookProcessing

/// Long fits in notebooks: the block's timeout stops a fit from inside it with one message naming the file and line,
/// the session goes on, and progress never changes a block's output.
@Suite("Fits in notebooks: timeout and progress")
struct FitTimeoutTests {
    static func run(_ text: String, path: String = "long.md") throws -> NotebookRun {
        let notebook = try NotebookReader.parse(text, path: path)
        return NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: nil),
                              interruption: Interruption()).run(notebook)
    }

    /// A crossed design whose evaluations are short and whose fit, in a debug build, is long.
    @Test func aTimedOutFitLeavesTheSessionUsableForTheNextBlock() throws {
        let run = try Self.run("""
        ```mixedmodel
        rng = MersenneTwister(7)
        n = 10000
        g = rand(rng, 1:300, n)
        h = rand(rng, 1:200, n)
        x = randn(rng, n)
        dat = DataFrame(y = x .+ randn(rng, 300)[g] .+ randn(rng, 200)[h] .+ randn(rng, n), x = x,
                        g = string.("g", g), h = string.("h", h));
        ```

        ```mixedmodel timeout=1
        m = fit(MixedModel, @formula(y ~ 1 + x + (1 + x | g) + (1 + x | h)), dat)
        ```

        ```mixedmodel
        size(dat)
        ```

        ```output
        (10000, 4)
        ```
        """)
        #expect(run.blocks[0].outcome == .ran)
        guard case .failed(.error(let message)) = run.blocks[1].outcome else {
            Issue.record("the fit was not stopped: \(run.blocks[1].outcome)")
            return
        }
        #expect(message.hasPrefix("long.md:12:5: timeout: the block timed out after 1.0 seconds while fitting "
                                  + "y ~ 1 + x + (1 + x | g) + (1 + x | h) (after "), "\(message)")
        #expect(message.hasSuffix("); it was stopped and the session is still usable"), "\(message)")
        #expect(run.blocks[1].seconds < 30)
        #expect(run.blocks[2].outcome == .passed)
        #expect(run.isComplete)
    }

    @Test func progressTrueGivesTheSameOutputs() throws {
        func outputs(_ keyword: String) throws -> [String?] {
            try Self.run("""
            ```mixedmodel
            m = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days | subj)), MixedModels.dataset(:sleepstudy)\(keyword))
            ```

            ```mixedmodel
            b = parametricbootstrap(MersenneTwister(42), 20, m\(keyword));
            b.tbl
            ```
            """).blocks.map { $0.result?.output }
        }
        let plain = try outputs("")
        #expect(plain.allSatisfy { $0?.isEmpty == false })
        #expect(try outputs("; progress = true") == plain)
    }
}
