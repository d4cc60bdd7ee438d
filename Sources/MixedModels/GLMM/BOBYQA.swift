import CNLopt

/// Derivative-free bound-constrained minimization with NLopt's BOBYQA, as MixedModels.jl uses it.
enum BOBYQA {
    struct Result {
        var minimum: Double
        var minimizer: [Double]
        /// NLopt's return code name, as Julia prints it (`FTOL_REACHED`, `XTOL_REACHED`, …).
        var returnValue: String
        var evaluations: Int
    }

    struct Settings {
        var relativeFunctionTolerance = 1e-12
        var absoluteFunctionTolerance = 1e-8
        var relativeParameterTolerance = 0.0
        /// Per-parameter absolute tolerances, or nil to leave NLopt's default.
        var absoluteParameterTolerance: [Double]? = nil
    }

    /// Minimizes `objective` from `initial` subject to `lower` bounds. NLopt chooses the initial step.
    /// An error thrown by the objective stops the optimizer and is rethrown.
    static func minimize(initial: [Double], lower: [Double], settings: Settings,
                         objective: @escaping ([Double]) throws -> Double) throws -> Result {
        let n = initial.count
        guard let opt = nlopt_create(NLOPT_LN_BOBYQA, UInt32(n)) else {
            throw GLMMError.numerical("could not create the NLopt optimizer")
        }
        defer { nlopt_destroy(opt) }
        var lowerBounds = lower
        nlopt_set_lower_bounds(opt, &lowerBounds)
        nlopt_set_ftol_rel(opt, settings.relativeFunctionTolerance)
        nlopt_set_ftol_abs(opt, settings.absoluteFunctionTolerance)
        nlopt_set_xtol_rel(opt, settings.relativeParameterTolerance)
        if var xtol = settings.absoluteParameterTolerance { nlopt_set_xtol_abs(opt, &xtol) }
        let context = ObjectiveContext(objective: objective, dimension: n)
        let callback: nlopt_func = { count, x, _, data in
            guard let data, let x else { return .nan }
            let context = Unmanaged<ObjectiveContext>.fromOpaque(data).takeUnretainedValue()
            context.evaluations += 1
            // The point goes to the objective in the context's own array: no allocation per evaluation.
            for k in 0..<Int(count) { context.point[k] = x[k] }
            do {
                return try context.objective(context.point)
            } catch {
                context.error = error
                nlopt_force_stop(context.optimizer)
                return .nan
            }
        }
        context.optimizer = opt
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        nlopt_set_min_objective(opt, callback, unmanaged.toOpaque())
        var x = initial
        var minimum = 0.0
        let code = nlopt_optimize(opt, &x, &minimum)
        if let error = context.error { throw error }
        if code.rawValue < 0 && code != NLOPT_ROUNDOFF_LIMITED {
            throw GLMMError.numerical("NLopt optimization failure: \(name(of: code))")
        }
        return Result(minimum: minimum, minimizer: x, returnValue: name(of: code), evaluations: context.evaluations)
    }

    private final class ObjectiveContext {
        let objective: ([Double]) throws -> Double
        let dimension: Int
        var point: [Double]
        var evaluations = 0
        var error: Error?
        var optimizer: nlopt_opt?
        init(objective: @escaping ([Double]) throws -> Double, dimension: Int) {
            self.objective = objective
            self.dimension = dimension
            point = [Double](repeating: 0, count: dimension)
        }
    }

    private static func name(of code: nlopt_result) -> String {
        switch code {
        case NLOPT_SUCCESS: "SUCCESS"
        case NLOPT_STOPVAL_REACHED: "STOPVAL_REACHED"
        case NLOPT_FTOL_REACHED: "FTOL_REACHED"
        case NLOPT_XTOL_REACHED: "XTOL_REACHED"
        case NLOPT_MAXEVAL_REACHED: "MAXEVAL_REACHED"
        case NLOPT_MAXTIME_REACHED: "MAXTIME_REACHED"
        case NLOPT_FAILURE: "FAILURE"
        case NLOPT_INVALID_ARGS: "INVALID_ARGS"
        case NLOPT_OUT_OF_MEMORY: "OUT_OF_MEMORY"
        case NLOPT_ROUNDOFF_LIMITED: "ROUNDOFF_LIMITED"
        case NLOPT_FORCED_STOP: "FORCED_STOP"
        default: "UNKNOWN(\(code.rawValue))"
        }
    }
}
