import Foundation

/// The cores a single fit may borrow for its largest kernels (a dense Cholesky factor of thousands of levels, the
/// crossed-terms downdate). Replicate workers (bootstraps) hold cores for their whole run, so a fit inside a worker
/// finds none free and runs its kernels in one thread, as before: the machine is never oversubscribed.
///
/// Splitting a kernel in two changes which thread computes which entries, never the arithmetic of an entry, so
/// results do not depend on whether a core was free.
public enum SpareCores {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var free = max(0, ProcessInfo.processInfo.activeProcessorCount - 1)

    /// Holds up to `count` spare cores (for replicate workers beyond the calling thread); returns how many it got.
    /// A thread running a job in the background (`alongside`) gets the core that job holds for its own shared
    /// kernels meanwhile: they go to the same helper thread, so the machine still runs one extra thread.
    static func reserve(_ count: Int) -> Int {
        if count == 1, let lent = pthread_getspecific(lentKey) {
            pthread_setspecific(lentKey, lent + 1)
            return 1
        }
        lock.lock()
        defer { lock.unlock() }
        let taken = min(max(0, count), free)
        free -= taken
        return taken
    }

    /// Returns cores taken by `reserve`.
    static func release(_ count: Int) {
        if count == 1, let lent = pthread_getspecific(lentKey), Int(bitPattern: lent) > 1 {
            pthread_setspecific(lentKey, lent - 1)
            return
        }
        lock.lock()
        free += count
        lock.unlock()
    }

    /// The calling thread's loans of the core held by its background job, plus one (nil: no background job).
    private static let lentKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `job` (parts 0, …, parts − 1 of a C function of a context, in this order) on a spare core while the
    /// calling thread runs `body`, and returns when both are done; one after the other when no core is free.
    /// `job` and `body` must write disjoint memory. Shared kernels inside `body` still use the helper, which takes
    /// their parts before the job's next part.
    static func alongside<T>(_ job: (work: PartHelper.Work, context: UnsafeMutableRawPointer, parts: Int)?,
                             _ body: () -> T) -> T {
        guard let job else { return body() }
        guard pthread_getspecific(lentKey) == nil, reserve(1) == 1 else {
            for part in 0..<job.parts { job.work(job.context, part) }
            return body()
        }
        defer { release(1) }
        guard PartHelper.shared.start(parts: job.parts, context: job.context, work: job.work) else {
            for part in 0..<job.parts { job.work(job.context, part) }
            return body()
        }
        pthread_setspecific(lentKey, UnsafeRawPointer(bitPattern: 1))
        let result = body()
        pthread_setspecific(lentKey, nil)
        PartHelper.shared.join()
        return result
    }

    /// Runs `body(0)` and `body(1)` at the same time when a spare core is free, one after the other otherwise.
    /// The two parts must write disjoint memory. The parts go to `PartHelper` (not `concurrentPerform`, which
    /// allocates): `split` runs inside objective evaluations.
    static func split(_ body: (Int) -> Void) {
        guard reserve(1) == 1 else {
            body(0)
            body(1)
            return
        }
        defer { release(1) }
        withoutActuallyEscaping(body) { body in
            var part = body
            withUnsafeMutablePointer(to: &part) { context in
                PartHelper.shared.run(parts: 2, context: UnsafeMutableRawPointer(context)) { context, index in
                    context.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }
            }
        }
    }

    /// Runs `body(0)`, …, `body(parts − 1)`: shared between the calling thread and a spare core when one is free,
    /// each thread taking the next part not yet started (a helper that the machine's load delays holds up at most
    /// the part it has started), one after the other otherwise. The parts must write disjoint memory.
    /// The work is a C function of a context (on the caller's stack), so that no closure context is allocated.
    static func share(parts: Int, context: UnsafeMutableRawPointer, _ work: PartHelper.Work) {
        guard parts > 1, reserve(1) == 1 else {
            for part in 0..<parts { work(context, part) }
            return
        }
        defer { release(1) }
        PartHelper.shared.run(parts: parts, context: context, work: work)
    }

    /// The bounds cutting `0..<n` into `parts` ranges of about equal cost (parts + 1 ascending indices from 0 to n),
    /// given each index's cost.
    static func balancedCuts(_ n: Int, parts: Int, cost: (Int) -> Double) -> [Int] {
        var total = 0.0
        for i in 0..<n { total += cost(i) }
        var cuts = [0]
        var running = 0.0
        for i in 0..<n where cuts.count < parts {
            running += cost(i)
            if running >= total * Double(cuts.count) / Double(parts) { cuts.append(i + 1) }
        }
        while cuts.count <= parts { cuts.append(n) }
        cuts[parts] = n
        return cuts
    }

    /// The point splitting `0..<n` into two parts of equal cost, given each index's cost (its prefix sums are
    /// summed once per call: callers cache the result when the costs are fixed by a pattern).
    static func balancedSplit(_ n: Int, cost: (Int) -> Double) -> Int {
        balancedCuts(n, parts: 2, cost: cost)[1]
    }
}
