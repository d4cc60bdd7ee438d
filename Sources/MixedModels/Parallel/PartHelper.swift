import Foundation

/// The thread that takes parts of `SpareCores.share` beside the caller, started on first use and then waiting on
/// a condition variable. `DispatchQueue.concurrentPerform` would do the same but allocates twice per call in
/// libdispatch, and `share` runs several times per objective evaluation, which must not allocate: the work is a C
/// function of a context on the caller's stack (a closure's context could be allocated, as the optimizer cannot
/// see that it does not escape to the helper).
final class PartHelper: @unchecked Sendable {
    static let shared = PartHelper()

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// A part of a job: its context (on the caller's stack) and the part's index.
    typealias Work = @convention(c) (UnsafeMutableRawPointer, Int) -> Void

    /// The running job (its work and context), its number of parts, the next part not yet taken and the number of
    /// parts finished; all guarded by `mutex`.
    private var job: (work: Work, context: UnsafeMutableRawPointer)?
    private var parts = 0
    private var next = 0
    private var finished = 0
    /// Whether a share is running (a second caller at the same time runs its parts itself).
    private var busy = false

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(done, nil)
        let thread = Thread { [unowned self] in self.serve() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func serve() {
        pthread_mutex_lock(mutex)
        while true {
            while job == nil || next >= parts { pthread_cond_wait(wake, mutex) }
            takePart()
            if finished == parts { pthread_cond_signal(done) }
        }
    }

    /// Runs the next part of the current job with `mutex` released; called and returns with `mutex` held.
    private func takePart() {
        guard let (work, context) = job else { return }
        let part = next
        next += 1
        pthread_mutex_unlock(mutex)
        work(context, part)
        pthread_mutex_lock(mutex)
        finished += 1
    }

    /// Runs `work(context, 0)`, …, `work(context, count − 1)`: the caller and the helper each take the next part not
    /// yet started.
    func run(parts count: Int, context: UnsafeMutableRawPointer, work: Work) {
        pthread_mutex_lock(mutex)
        guard !busy else {
            pthread_mutex_unlock(mutex)
            for part in 0..<count { work(context, part) }
            return
        }
        busy = true
        job = (work, context)
        parts = count
        next = 0
        finished = 0
        pthread_cond_signal(wake)
        while next < count { takePart() }
        while finished < count { pthread_cond_wait(done, mutex) }
        job = nil
        busy = false
        pthread_mutex_unlock(mutex)
    }
}
