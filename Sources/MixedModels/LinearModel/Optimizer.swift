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
    /// NLopt's relative parameter tolerance (0: not used).
    public var xtolRel = 0.0
    public var xtolAbs: [Double]
    /// NLopt's initial step; empty until a fit fills in the step NLopt chooses (MixedModels.jl's `initial_step`).
    public var initialStep: [Double] = []
    /// Time limit in seconds (−1: no limit).
    public var maxtime = -1.0
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
    /// The evaluations of the NLopt runs alone (MixedModels.jl's `feval`, NLopt's count), without the checks and
    /// refinements that follow them.
    public var optimizerEvaluations = 0
    public var optimizer = "LN_BOBYQA"
    /// Whether the fit replaced the requested optimizer by its own choice for many θ (L-BFGS or NEWUOA): a refit
    /// then chooses again instead of keeping it.
    var optimizerReplaced = false
    /// Whether `initialStep` was set by the user (kept by refits) rather than recorded from NLopt's choice.
    public var stepChosen = false
    /// NLopt's return code, as its name (`FTOL_REACHED`, `XTOL_REACHED`, …).
    public var returnvalue = "FAILURE"
    public var reml = false
    /// (θ, objective) at the start, at every `thin`-th evaluation of the fit that asked for them, and at the end
    /// (MixedModels.jl's `fitlog`).
    public var fitlog: [(theta: [Double], objective: Double)] = []
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
    nlopt_set_xtol_rel(opt, summary.xtolRel)
    nlopt_set_xtol_abs(opt, &xtol)
    if summary.maxfeval > 0 { nlopt_set_maxeval(opt, Int32(summary.maxfeval)) }
    if summary.maxtime > 0 { nlopt_set_maxtime(opt, summary.maxtime) }
    if var step = initialStep { nlopt_set_initial_step(opt, &step) }
    nlopt_set_min_objective(opt, nloptCallback, unmanaged.toOpaque())
    var x = start
    var fmin = 0.0
    let code = nlopt_optimize(opt, &x, &fmin)
    context.optimizer = nil
    if let error = context.error { throw error }
    return (x, fmin, context.evaluations, code)
}

/// The NLopt algorithms a fit may be asked to use, by their NLopt names (MixedModels.jl's `optimizer` symbols).
let nloptAlgorithms: [String: nlopt_algorithm] = [
    "LN_BOBYQA": NLOPT_LN_BOBYQA, "LN_NEWUOA": NLOPT_LN_NEWUOA, "LN_NEWUOA_BOUND": NLOPT_LN_NEWUOA_BOUND,
    "LN_COBYLA": NLOPT_LN_COBYLA, "LN_NELDERMEAD": NLOPT_LN_NELDERMEAD, "LN_SBPLX": NLOPT_LN_SBPLX,
    "LN_PRAXIS": NLOPT_LN_PRAXIS,
]

/// The first step NLopt takes from `start` with `algorithm` and the lower bounds (`nlopt_get_initial_step`), as
/// MixedModels.jl records it in `initial_step` before a fit.
func nloptInitialStep(algorithm: nlopt_algorithm, start: [Double], lowerbd: [Double]) -> [Double] {
    guard !start.isEmpty, let opt = nlopt_create(algorithm, UInt32(start.count)) else { return [] }
    defer { nlopt_destroy(opt) }
    var lower = lowerbd
    nlopt_set_lower_bounds(opt, &lower)
    var x = start
    var dx = [Double](repeating: 0, count: start.count)
    guard nlopt_get_initial_step(opt, &x, &dx).rawValue > 0 else { return [] }
    return dx
}
