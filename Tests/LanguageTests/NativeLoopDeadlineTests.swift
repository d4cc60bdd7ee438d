import Foundation
import Testing
@testable import MixedModelsLanguage

/// Builtins whose work runs in native loops (sorting, joining strings, broadcasting, matrix products, data-frame
/// sorts) stop at the block's deadline themselves, so that the notebook runner never has to abandon their thread;
/// LAPACK factorizations, which cannot be stopped, are refused when they cannot end in time.
@Suite struct NativeLoopDeadlineTests {
    @Test func nativeLoopsStopAtTheDeadline() {
        // Sizes at which, even in a debug build, the polled loop (not the set-up before it) is the long part.
        for code in ["sort(rand(10^6))", "median(rand(10^7))", "join(1:10^7, \", \")",
                     "A = ones(300, 300)\nA * A", "Any[1, 2.5][rand(1:2, 10^6)] .* 2",
                     "df = DataFrame(a = rand(10^6))\nsort(df, :a)"] {
            let session = Session(baseDirectory: "/tmp")
            let start = Date()
            let result = session.run(code, file: "nb.md", firstLine: 3, timeout: 0.5)
            #expect(result.error?.contains("timeout") == true, "\(code): \(result.output)")
            #expect(Date().timeIntervalSince(start) < 60, "\(code) took too long to stop")
        }
    }

    @Test func aFactorizationThatCannotFinishIsRefusedAtOnce() {
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("inv(ones(3000, 3000))", file: "nb.md", firstLine: 3, timeout: 1)
        #expect(result.error == "nb.md:3:1: inv of a 3000×3000 matrix needs about 2.7 s of computation, more than the "
                + "block's timeout (1 s) leaves",
                "\(result.output)")
        #expect(session.run("1 + 1", file: "nb.md", firstLine: 9, timeout: 30).output == "2",
                "a refused factorization leaves the session open")
    }

    @Test func aJoinTooLargeForTheMemoryBudgetIsRefused() {
        let session = Session(baseDirectory: "/tmp")
        session.memoryBudget = 1 << 20
        let result = session.run("k = DataFrame(k = fill(1, 2000))\ninnerjoin(k, k, on = :k)", file: "nb.md",
                                 firstLine: 3, timeout: 30)
        #expect(result.error?.contains("ArgumentError: the joined table would not fit in the memory budget") == true,
                "\(result.output)")
    }
}
