/// MixedModels.jl's low-level steps of an objective evaluation: `setθ!`, `updateL!`, `objective!`, and the
/// optimizer settings a user may change before `fit!`.
extension LinearMixedModel {
    /// `setθ!(m, θ)`: installs θ; `m.θ` shows it at once, L, β and the objective follow at `updateL()`.
    public func setTheta(_ theta: [Double]) throws {
        guard theta.count == system.thetaCount else {
            throw MixedModelError.invalidArgument(
                "DimensionMismatch: θ has \(theta.count) elements, the model has \(system.thetaCount)")
        }
        guard theta.allSatisfy(\.isFinite) else {
            throw MixedModelError.invalidArgument("θ must be finite, got \(theta)")
        }
        pendingTheta = theta
    }

    /// `updateL!(m)`: factors L at the installed θ and updates β, u and b there.
    public func updateL() throws {
        try install(theta: pendingTheta ?? currentTheta)
    }

    /// `objective!(m, θ)`, that is `objective(updateL!(setθ!(m, θ)))`.
    public func objective(settingTheta theta: [Double]) throws -> Double {
        try setTheta(theta)
        try updateL()
        return objective
    }

    /// Changes the optimizer settings before a fit (`m.optsum.optimizer = :LN_NEWUOA`, `m.optsum.ftol_rel = …`).
    /// Only the settings change: the results of an earlier fit stay until the next one.
    public func updateSettings(_ change: (inout OptSummary) throws -> Void) throws {
        var settings = optsum
        try change(&settings)
        guard nloptAlgorithms[settings.optimizer] != nil else {
            throw MixedModelError.invalidArgument("unknown optimizer :\(settings.optimizer); use one of "
                + Self.optimizers.map { ":" + $0 }.joined(separator: ", "))
        }
        guard settings.xtolAbs.count == optsum.initial.count, settings.initial.count == optsum.initial.count,
              settings.initialStep.isEmpty || settings.initialStep.count == optsum.initial.count else {
            throw MixedModelError.invalidArgument(
                "DimensionMismatch: the model has \(optsum.initial.count) parameters")
        }
        if settings.initialStep != optsum.initialStep { settings.stepChosen = !settings.initialStep.isEmpty }
        optsum = settings
    }

    /// The NLopt algorithms `optsum.optimizer` may name.
    public static var optimizers: [String] { nloptAlgorithms.keys.sorted() }
}
