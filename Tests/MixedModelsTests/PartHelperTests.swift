import Foundation
import Testing
@testable import MixedModels

/// The helper thread's background job (`PartHelper.start`, `join`, `SpareCores.alongside`): shares posted while
/// it runs finish without it, and every job and part runs exactly once.
@Suite struct PartHelperTests {
    /// What the test jobs read and write (on the test's stack while they run).
    struct Context {
        var backgroundRuns = 0
        var partRuns = [Int](repeating: 0, count: 16)
        let release = DispatchSemaphore(value: 0)
        var released = false
    }

    /// A background job that waits until the caller has finished a share: the share must not wait for the helper
    /// (busy with that job), and the job still runs once.
    @Test func shareWhileTheHelperRunsABackgroundJobFinishes() {
        var context = Context()
        withUnsafeMutablePointer(to: &context) { context in
            let raw = UnsafeMutableRawPointer(context)
            let background: PartHelper.Work = { context, _ in
                let c = context.assumingMemoryBound(to: Context.self)
                // Signalled once the caller's share is done (the timeout only ends a failing test).
                c.pointee.released = c.pointee.release.wait(timeout: .now() + 5) == .success
                c.pointee.backgroundRuns += 1
            }
            let started = PartHelper.shared.start(parts: 1, context: raw, work: background)
            context.pointee.partRuns.withUnsafeMutableBufferPointer { runs in
                PartHelper.shared.run(parts: runs.count, context: runs.baseAddress!) { runs, part in
                    runs.assumingMemoryBound(to: Int.self)[part] += 1
                }
            }
            context.pointee.release.signal()
            if started {
                PartHelper.shared.join()
            } else {
                // Another suite's factorization holds the background slot: the job runs here.
                background(raw, 0)
            }
            #expect(context.pointee.backgroundRuns == 1)
            #expect(context.pointee.partRuns.allSatisfy { $0 == 1 })
            #expect(context.pointee.released)
        }
    }

    /// `alongside` runs each part of its job once and in order beside the body, whose shared kernels (which
    /// reserve a core) still run all their parts, with a core free or held.
    @Test func alongsideRunsItsJobOnceAndLendsItsCore() {
        var context = Context()
        for round in 0..<100 {
            let held = round % 2 == 0 ? 0 : SpareCores.reserve(Int.max)
            withUnsafeMutablePointer(to: &context) { context in
                // Counted only when run in order: the part before it done in this round, itself not yet.
                let job: PartHelper.Work = { context, part in
                    let c = context.assumingMemoryBound(to: Context.self)
                    let round = c.pointee.backgroundRuns
                    let inOrder = part == 0 || c.pointee.partRuns[part - 1] == round + 1
                    if inOrder && c.pointee.partRuns[part] == round { c.pointee.partRuns[part] += 1 }
                    if part == c.pointee.partRuns.count - 1 { c.pointee.backgroundRuns += 1 }
                }
                SpareCores.alongside((job, UnsafeMutableRawPointer(context), context.pointee.partRuns.count)) {
                    var counts = [Int](repeating: 0, count: 6)
                    counts.withUnsafeMutableBufferPointer { counts in
                        SpareCores.share(parts: counts.count, context: counts.baseAddress!) { counts, part in
                            counts.assumingMemoryBound(to: Int.self)[part] += 1
                        }
                    }
                    #expect(counts.allSatisfy { $0 == 1 })
                }
            }
            SpareCores.release(held)
        }
        #expect(context.backgroundRuns == 100)
        #expect(context.partRuns.allSatisfy { $0 == 100 })
    }
}
