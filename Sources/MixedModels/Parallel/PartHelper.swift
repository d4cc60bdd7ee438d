import Foundation

/// The thread that takes parts of `SpareCores.share` beside the caller, started on first use and then waiting on
/// a condition variable. `DispatchQueue.concurrentPerform` would do the same but allocates twice per call in
/// libdispatch, and `share` runs several times per objective evaluation, which must not allocate: the work is a C
/// function of a context on the caller's stack (a closure's context could be allocated, as the optimizer cannot
/// see that it does not escape to the helper).
///
/// It also runs one job in the background (`start`, `join`) while the caller goes on: its parts one after the
/// other, in order, each after any parts of a share posted meanwhile (the caller's shared kernels keep the helper).
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
    /// The background job, its number of parts, the next part not yet taken, the parts finished and whether a
    /// part runs (parts run one at a time); guarded by `mutex`.
    private var background: (work: Work, context: UnsafeMutableRawPointer)?
    private var backgroundParts = 0
    private var backgroundNext = 0
    private var backgroundFinished = 0
    private var backgroundRunning = false

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
            if job != nil && next < parts {
                takePart()
                if finished == parts { pthread_cond_broadcast(done) }
            } else if background != nil && !backgroundRunning && backgroundNext < backgroundParts {
                runBackgroundPart()
            } else {
                pthread_cond_wait(wake, mutex)
            }
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

    /// Runs the next part of the background job with `mutex` released; called and returns with `mutex` held.
    private func runBackgroundPart() {
        guard let (work, context) = background else { return }
        let part = backgroundNext
        backgroundNext += 1
        backgroundRunning = true
        pthread_mutex_unlock(mutex)
        work(context, part)
        pthread_mutex_lock(mutex)
        backgroundRunning = false
        backgroundFinished += 1
        pthread_cond_broadcast(done)
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

    /// Starts `work(context, 0)`, …, `work(context, count − 1)` in this order on the helper and returns at once;
    /// false (nothing started) when a background job is already pending. The caller must `join` before `context`
    /// goes.
    func start(parts count: Int, context: UnsafeMutableRawPointer, work: Work) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard background == nil else { return false }
        background = (work, context)
        backgroundParts = count
        backgroundNext = 0
        backgroundFinished = 0
        backgroundRunning = false
        pthread_cond_signal(wake)
        return true
    }

    /// Waits for the background job to finish, running the parts the helper has not started on the calling
    /// thread (a helper that the machine's load delays holds the caller up by at most the part it runs).
    func join() {
        pthread_mutex_lock(mutex)
        while backgroundFinished < backgroundParts {
            if !backgroundRunning && backgroundNext < backgroundParts {
                runBackgroundPart()
            } else {
                pthread_cond_wait(done, mutex)
            }
        }
        background = nil
        pthread_mutex_unlock(mutex)
    }
}
