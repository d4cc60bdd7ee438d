import MixedModels
import TextDisplay

/// `m.optsum` of a linear mixed model: MixedModels.jl 4.x's `OptSummary`, read through to the model so that
/// `m.optsum.optimizer = :LN_NEWUOA` or `m.optsum.ftol_rel = 1e-8` before `fit!` changes the next fit.
final class OptSummaryObject: LanguageObject, RichDisplayable {
    let model: LinearMixedModel
    init(_ model: LinearMixedModel) { self.model = model }

    var typeName: String { "OptSummary{Float64}" }

    var summary: OptSummary { model.optsum }

    var fields: OptSummaryDisplay.Fields {
        let s = summary
        return OptSummaryDisplay.Fields(
            initial: s.initial, finitial: s.finitial, optimizer: s.optimizer, lowerbd: s.lowerbd,
            ftolRel: s.ftolRel, ftolAbs: s.ftolAbs, xtolRel: s.xtolRel, xtolAbs: s.xtolAbs,
            initialStep: s.initialStep, maxfeval: s.maxfeval, maxtime: s.maxtime,
            feval: model.isFitted ? s.optimizerEvaluations : -1, final: s.final, fmin: s.fmin, returnvalue: s.returnvalue)
    }

    func display() -> String { OptSummaryDisplay.text(fields) }

    func markdownTable() -> (MarkdownTable, MixedModelsMarkdown.Kind) {
        (MixedModelsMarkdown.optSummary(fields), .optSummary)
    }

    static let settable = ["initial", "ftol_rel", "ftol_abs", "xtol_rel", "xtol_abs", "initial_step", "maxfeval",
                           "maxtime", "optimizer"]

    var propertyNames: [String] {
        ["initial", "lowerbd", "finitial", "ftol_rel", "ftol_abs", "xtol_rel", "xtol_abs", "initial_step",
         "maxfeval", "maxtime", "feval", "final", "fmin", "optimizer", "returnvalue", "nAGQ", "REML", "sigma",
         "fitlog"]
    }

    func property(_ name: String) throws -> Value? {
        let s = summary
        switch name {
        case "initial": return ModelValues.vector(s.initial)
        case "lowerbd": return ModelValues.vector(s.lowerbd)
        case "finitial": return .float(s.finitial)
        case "ftol_rel": return .float(s.ftolRel)
        case "ftol_abs": return .float(s.ftolAbs)
        case "xtol_rel": return .float(s.xtolRel)
        case "xtol_abs": return ModelValues.vector(s.xtolAbs)
        case "initial_step": return ModelValues.vector(s.initialStep)
        case "maxfeval": return .int(s.maxfeval)
        case "maxtime": return .float(s.maxtime)
        case "feval": return .int(model.isFitted ? s.optimizerEvaluations : -1)
        case "final": return ModelValues.vector(s.final)
        case "fmin": return .float(s.fmin)
        case "optimizer": return .symbol(s.optimizer)
        case "returnvalue": return .symbol(s.returnvalue)
        case "nAGQ": return .int(1)
        case "REML": return .bool(s.reml)
        case "sigma": return .nothing
        case "fitlog":
            return .array(ArrayBox(s.fitlog.map { .tuple([ModelValues.vector($0.theta), .float($0.objective)]) },
                                   elementType: "Tuple{Vector{Float64}, Float64}"))
        default: return nil
        }
    }

    func setProperty(_ name: String, _ value: Value) throws {
        guard Self.settable.contains(name) else {
            if propertyNames.contains(name) {
                throw LanguageError("optsum.\(name) is a result of the fit; the settings are "
                                    + Self.settable.joined(separator: ", "))
            }
            throw LanguageError("type OptSummary has no field \(name)")
        }
        do {
            try model.updateSettings { s in
                switch name {
                case "initial": s.initial = try Self.numbers(value, name)
                case "ftol_rel": s.ftolRel = try Self.number(value, name)
                case "ftol_abs": s.ftolAbs = try Self.number(value, name)
                case "xtol_rel": s.xtolRel = try Self.number(value, name)
                case "xtol_abs": s.xtolAbs = try Self.numbers(value, name)
                case "initial_step": s.initialStep = try Self.numbers(value, name)
                case "maxfeval": s.maxfeval = Int(try Self.number(value, name))
                case "maxtime": s.maxtime = try Self.number(value, name)
                default:
                    guard case .symbol(let algorithm) = value else {
                        throw LanguageError("optsum.optimizer must be a symbol such as :LN_BOBYQA, got \(value.described)")
                    }
                    s.optimizer = algorithm
                }
            }
        } catch let error as MixedModelError {
            throw LanguageError(error.description)
        }
    }

    private static func number(_ value: Value, _ name: String) throws -> Double {
        guard let x = value.asDouble else { throw LanguageError("optsum.\(name) must be a number, got \(value.described)") }
        return x
    }

    private static func numbers(_ value: Value, _ name: String) throws -> [Double] {
        try Iteration.elements(of: value).map { try number($0, name) }
    }
}
