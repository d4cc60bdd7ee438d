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

    public init(initial: [Double], lowerbd: [Double]) {
        self.initial = initial
        self.lowerbd = lowerbd
        xtolAbs = [Double](repeating: 1e-10, count: initial.count)
        final = initial
    }
}

/// The objective seen by NLopt's C callback, reached through the callback's context pointer, with the stagnation
/// stop: NLopt's ftol is only tested on an improving step, so once the objective sits at its rounding floor BOBYQA
/// keeps shrinking its trust region towards xtol_abs (1e-10) without a single improving step — on insteval 10–20
/// evaluations of a 1128 × 1128 factorization. After `patience` evaluations in a row that do not improve the best
/// value by more than the ftol of the run, the run stops with the best point seen (ftol reached in effect).
/// An error thrown by the objective stops the run; `runBOBYQA` rethrows it.
private final class ObjectiveContext {
    let evaluate: (UnsafePointer<Double>) throws -> Double
    let dimension: Int
    let patience: Int?
    let ftolAbs: Double
    let ftolRel: Double
    var evaluations = 0
    var best = Double.infinity
    var bestX: [Double]
    var withoutProgress = 0
    var stagnated = false
    var error: Error?
    var optimizer: nlopt_opt?

    init(_ evaluate: @escaping (UnsafePointer<Double>) throws -> Double, start: [Double], patience: Int?,
         summary: OptSummary) {
        self.evaluate = evaluate
        dimension = start.count
        bestX = start
        self.patience = patience
        ftolAbs = summary.ftolAbs
        ftolRel = summary.ftolRel
    }

    func record(_ f: Double, at x: UnsafePointer<Double>) {
        guard let patience else { return }
        if f < best - max(ftolAbs, ftolRel * abs(best)) {
            withoutProgress = 0
        } else {
            withoutProgress += 1
        }
        if f < best {
            best = f
            for i in 0..<dimension { bestX[i] = x[i] }
        }
        if withoutProgress >= patience, let optimizer {
            stagnated = true
            nlopt_force_stop(optimizer)
        }
    }
}

private let nloptCallback: nlopt_func = { _, x, _, data in
    guard let x, let data else { return .nan }
    let context = Unmanaged<ObjectiveContext>.fromOpaque(data).takeUnretainedValue()
    context.evaluations += 1
    do {
        let f = try context.evaluate(x)
        context.record(f, at: x)
        return f
    } catch {
        context.error = error
        if let optimizer = context.optimizer { nlopt_force_stop(optimizer) }
        return .nan
    }
}

/// Evaluations without progress after which a derivative-free run stops: two full interpolation sets (2n + 1
/// points each), at least 10.
func stagnationPatience(dimension: Int) -> Int { max(10, 2 * (2 * dimension + 1)) }

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
/// choose the first step. With `stopOnStagnation` the run ends after `stagnationPatience` evaluations without
/// progress. An error thrown by `objective` stops the run and is rethrown.
/// Returns the minimizer, the minimum, the evaluation count and the result code.
func runBOBYQA(from start: [Double], summary: OptSummary, initialStep: [Double]? = nil,
               algorithm: nlopt_algorithm = NLOPT_LN_BOBYQA, bounded: Bool = true, stopOnStagnation: Bool = true,
               objective: @escaping (UnsafePointer<Double>) throws -> Double) throws
    -> (x: [Double], f: Double, evaluations: Int, code: nlopt_result) {
    let dimension = start.count
    guard let opt = nlopt_create(algorithm, UInt32(dimension)) else {
        return (start, .nan, 0, NLOPT_OUT_OF_MEMORY)
    }
    defer { nlopt_destroy(opt) }
    let patience = stopOnStagnation ? stagnationPatience(dimension: dimension) : nil
    let context = ObjectiveContext(objective, start: start, patience: patience, summary: summary)
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
    if context.stagnated && code == NLOPT_FORCED_STOP {
        return (context.bestX, context.best, context.evaluations, NLOPT_FTOL_REACHED)
    }
    return (x, fmin, context.evaluations, code)
}

/// An objective with its gradient (written when the pointer is non-nil), for NLopt's gradient-based algorithms.
private final class GradientContext {
    let evaluate: (UnsafePointer<Double>, UnsafeMutablePointer<Double>?) -> Double
    var evaluations = 0
    init(_ evaluate: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>?) -> Double) {
        self.evaluate = evaluate
    }
}

private let nloptGradientCallback: nlopt_func = { _, x, gradient, data in
    guard let x, let data else { return .nan }
    let context = Unmanaged<GradientContext>.fromOpaque(data).takeUnretainedValue()
    context.evaluations += 1
    return context.evaluate(x, gradient)
}

/// One unconstrained run of a gradient-based NLopt algorithm (e.g. `NLOPT_LD_LBFGS`) from `start`, with the
/// tolerances of `summary`. Returns the minimizer, the minimum, the evaluation count and the result code.
func runWithGradient(from start: [Double], summary: OptSummary, algorithm: nlopt_algorithm,
                     objective: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>?) -> Double)
    -> (x: [Double], f: Double, evaluations: Int, code: nlopt_result) {
    guard let opt = nlopt_create(algorithm, UInt32(start.count)) else {
        return (start, .nan, 0, NLOPT_OUT_OF_MEMORY)
    }
    defer { nlopt_destroy(opt) }
    let unmanaged = Unmanaged.passRetained(GradientContext(objective))
    defer { unmanaged.release() }
    var xtol = summary.xtolAbs
    nlopt_set_ftol_rel(opt, summary.ftolRel)
    nlopt_set_ftol_abs(opt, summary.ftolAbs)
    nlopt_set_xtol_abs(opt, &xtol)
    if summary.maxfeval > 0 { nlopt_set_maxeval(opt, Int32(summary.maxfeval)) }
    nlopt_set_min_objective(opt, nloptGradientCallback, unmanaged.toOpaque())
    var x = start
    var fmin = 0.0
    let code = nlopt_optimize(opt, &x, &fmin)
    return (x, fmin, unmanaged.takeUnretainedValue().evaluations, code)
}
