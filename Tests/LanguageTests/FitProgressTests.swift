import Foundation
import MixedModels
import Testing
@testable import MixedModelsLanguage

/// `progress` on fits, profiles and bootstraps: reports go to the observer, never into a block's output, and the
/// block's timeout stops the computation with one message while the session stays usable.
@Suite struct FitProgressTests {
    @Test func progressKeywordLeavesTheOutputUnchanged() {
        let fit = "fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days | subj)), MixedModels.dataset(:sleepstudy)"
        let plain = outputs(fit + ")")[0]
        #expect(plain.contains("Linear mixed model fit by maximum likelihood"))
        #expect(outputs(fit + "; progress = true)")[0] == plain)
        #expect(outputs(fit + "; progress = false)")[0] == plain)
        #expect(outputs("m = \(fit));", "fit!(m; progress = true)")[1] == plain)
    }

    @Test func progressMustBeABoolean() {
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("fit(MixedModel, @formula(yield ~ 1 + (1|batch)), MixedModels.dataset(:dyestuff); "
                                 + "progress = 1)", file: "nb.md", firstLine: 1, timeout: 30)
        #expect(result.error?.contains("keyword progress of fit must be true or false") == true,
                "\(result.error ?? "no error")")
    }

    /// `progress = false` keeps a computation off the observer; by default it reports, and says when it ends.
    @Test func reportsReachTheObserverUnlessProgressIsFalse() throws {
        let log = StatusLog()
        let session = Session(baseDirectory: "/tmp")
        session.fitObserver = { log.append($0) }
        let setup = "m = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), MixedModels.dataset(:dyestuff));"
        #expect(session.run(setup, file: "nb.md", firstLine: 1, timeout: 60).error == nil)
        // The first report comes after a second: a bootstrap of dyestuff that runs about two.
        let quiet = session.run("parametricbootstrap(MersenneTwister(1), 3000, m; progress = false);", file: "nb.md",
                                firstLine: 3, timeout: 120)
        #expect(quiet.error == nil && quiet.output.isEmpty)
        let start = Date()
        _ = session.run("b = parametricbootstrap(MersenneTwister(1), 3000, m);", file: "nb.md", firstLine: 5,
                        timeout: 120)
        let seconds = Date().timeIntervalSince(start)
        let statuses = log.all
        // One nil per reporting computation that ended: the setup's fit and the second bootstrap.
        #expect(statuses.filter { $0 == nil }.count == 2)
        let bootstrap = statuses.compactMap { $0 }.filter { $0.task == .bootstrap }
        if seconds > 1.5 {
            let last = try #require(bootstrap.last?.progress.replicates)
            #expect(last.total == 3000 && last.done > 0 && last.done <= 3000)
        }
    }

    /// The timeout stops a bootstrap between replicates; the model and the session stay usable.
    @Test func timedOutBootstrapLeavesTheSessionUsable() {
        let session = Session(baseDirectory: "/tmp")
        let setup = "m = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), MixedModels.dataset(:dyestuff));"
        #expect(session.run(setup, file: "nb.md", firstLine: 1, timeout: 60).error == nil)
        let start = Date()
        let result = session.run("b = parametricbootstrap(MersenneTwister(1), 10^5, m)", file: "nb.md", firstLine: 7,
                                 timeout: 0.5)
        #expect(Date().timeIntervalSince(start) < 20)
        let message = result.error ?? ""
        #expect(message.hasPrefix("nb.md:7:5: timeout: the block timed out after 0.5 seconds while running a "
                                  + "parametric bootstrap of 100000 replicates ("), "\(message)")
        #expect(message.hasSuffix(" done); it was stopped and the session is still usable"), "\(message)")
        #expect(session.run("round(objective(m), digits = 3)", file: "nb.md", firstLine: 9, timeout: 30).output
                == "327.327")
    }
}

/// Statuses collected from any thread.
private final class StatusLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [FitStatus?] = []
    func append(_ status: FitStatus?) {
        lock.lock()
        statuses.append(status)
        lock.unlock()
    }
    var all: [FitStatus?] {
        lock.lock()
        defer { lock.unlock() }
        return statuses
    }
}
