import CNLopt

/// A record of one derivative-free optimization, as MixedModels.jl's `OptSummary`.
public struct OptSummary: Sendable {
    /// Starting parameter vector.
    public var initial: [Double]
    /// Lower bounds (0 for the diagonal of each λ, −∞ elsewhere).
    public var lowerbd: [Double]
    /// Objective at `initial`.
    public var finitial: Double = .infinity
    public var ftolRel = 1e-12
    public var ftolAbs = 1e-8
    public var xtolAbs: [Double]
    /// A diagonal θ below this is tried at zero after convergence …
    public var xtolZeroAbs = 1e-3
    /// … and kept at zero when the objective does not get worse by more than this.
    public var ftolZeroAbs = 1e-5
    /// Maximum number of evaluations (−1: no limit).
    public var maxfeval = -1
    public var final: [Double]
    public var fmin: Double = .infinity
    /// Number of objective evaluations, restarts included.
    public var feval = 0
    public var optimizer = "LN_BOBYQA"
    /// NLopt's return code, as its name (`FTOL_REACHED`, `XTOL_REACHED`, …).
    public var returnvalue = "FAILURE"
    public var reml = false
    /// lme4-style messages of the convergence check ("Model failed to converge with max|grad| = …") and of a
    /// boundary (singular) fit.
    public var warnings: [String] = []

    public init(initial: [Double], lowerbd: [Double]) {
        self.initial = initial
        self.lowerbd = lowerbd
        xtolAbs = [Double](repeating: 1e-10, count: initial.count)
        final = initial
    }
}

/// The objective seen by NLopt's C callback, reached through the callback's context pointer. Every evaluation goes
/// through the fit's `EvaluationMonitor` (progress, cancellation). An error thrown by the objective or the monitor
/// stops the run (`nlopt_force_stop`); the runner rethrows it. No other stop rule: a run ends only when NLopt's own
/// criteria hold.
private final class ObjectiveContext {
    let evaluate: (UnsafePointer<Double>, UnsafeMutablePointer<Double>?) throws -> Double
    let monitor: EvaluationMonitor?
    var evaluations = 0
    var error: Error?
    var optimizer: nlopt_opt?

    init(_ evaluate: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>?) throws -> Double,
         monitor: EvaluationMonitor?) {
        self.evaluate = evaluate
        self.monitor = monitor
    }
}

private let nloptCallback: nlopt_func = { _, x, gradient, data in
    guard let x, let data else { return .nan }
    let context = Unmanaged<ObjectiveContext>.fromOpaque(data).takeUnretainedValue()
    context.evaluations += 1
    do {
        let f = try context.evaluate(x, gradient)
        try context.monitor?.record(f)
        return f
    } catch {
        context.error = error
        if let optimizer = context.optimizer { nlopt_force_stop(optimizer) }
        return .nan
    }
}

/// The name NLopt's documentation gives a result code.
func nloptResultName(_ code: nlopt_result) -> String {
    switch code {
    case NLOPT_SUCCESS: return "SUCCESS"
    case NLOPT_STOPVAL_REACHED: return "STOPVAL_REACHED"
    case NLOPT_FTOL_REACHED: return "FTOL_REACHED"
    case NLOPT_XTOL_REACHED: return "XTOL_REACHED"
    case NLOPT_MAXEVAL_REACHED: return "MAXEVAL_REACHED"
    case NLOPT_MAXTIME_REACHED: return "MAXTIME_REACHED"
    case NLOPT_FAILURE: return "FAILURE"
    case NLOPT_INVALID_ARGS: return "INVALID_ARGS"
    case NLOPT_OUT_OF_MEMORY: return "OUT_OF_MEMORY"
    case NLOPT_ROUNDOFF_LIMITED: return "ROUNDOFF_LIMITED"
    case NLOPT_FORCED_STOP: return "FORCED_STOP"
    default: return "UNKNOWN(\(code.rawValue))"
    }
}

/// One run of NLopt's BOBYQA (or another derivative-free `algorithm`) from `start`, with the tolerances of
/// `summary` (an `xtolAbs` of zeros leaves NLopt's default, no parameter tolerance). `initialStep` nil lets NLopt
/// choose the first step. An error thrown by `objective` (or a cancellation by `monitor`) stops the run and is
/// rethrown. Returns the minimizer, the minimum, the evaluation count and the result code.
func runBOBYQA(from start: [Double], summary: OptSummary, initialStep: [Double]? = nil,
               algorithm: nlopt_algorithm = NLOPT_LN_BOBYQA, bounded: Bool = true, monitor: EvaluationMonitor? = nil,
               objective: @escaping (UnsafePointer<Double>) throws -> Double) throws
    -> (x: [Double], f: Double, evaluations: Int, code: nlopt_result) {
    try runNLopt(from: start, summary: summary, algorithm: algorithm, bounded: bounded, initialStep: initialStep,
                 monitor: monitor) { x, _ in try objective(x) }
}

/// One unconstrained run of a gradient-based NLopt algorithm (e.g. `NLOPT_LD_LBFGS`) from `start`, with the
/// tolerances of `summary`; `objective` writes the gradient when its pointer is non-nil.
func runWithGradient(from start: [Double], summary: OptSummary, algorithm: nlopt_algorithm,
                     monitor: EvaluationMonitor? = nil,
                     objective: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>?) throws -> Double)
    throws -> (x: [Double], f: Double, evaluations: Int, code: nlopt_result) {
    try runNLopt(from: start, summary: summary, algorithm: algorithm, bounded: false, initialStep: nil,
                 monitor: monitor, objective: objective)
}

private func runNLopt(from start: [Double], summary: OptSummary, algorithm: nlopt_algorithm, bounded: Bool,
                      initialStep: [Double]?, monitor: EvaluationMonitor?,
                      objective: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>?) throws -> Double)
    throws -> (x: [Double], f: Double, evaluations: Int, code: nlopt_result) {
    guard let opt = nlopt_create(algorithm, UInt32(start.count)) else {
        return (start, .nan, 0, NLOPT_OUT_OF_MEMORY)
    }
    defer { nlopt_destroy(opt) }
    let context = ObjectiveContext(objective, monitor: monitor)
    context.optimizer = opt
    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    var lower = summary.lowerbd
    var xtol = summary.xtolAbs
    if bounded { nlopt_set_lower_bounds(opt, &lower) }
    nlopt_set_ftol_rel(opt, summary.ftolRel)
    nlopt_set_ftol_abs(opt, summary.ftolAbs)
    nlopt_set_xtol_abs(opt, &xtol)
    if summary.maxfeval > 0 { nlopt_set_maxeval(opt, Int32(summary.maxfeval)) }
    if var step = initialStep { nlopt_set_initial_step(opt, &step) }
    nlopt_set_min_objective(opt, nloptCallback, unmanaged.toOpaque())
    var x = start
    var fmin = 0.0
    let code = nlopt_optimize(opt, &x, &fmin)
    context.optimizer = nil
    if let error = context.error { throw error }
    return (x, fmin, context.evaluations, code)
}
