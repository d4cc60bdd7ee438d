import MixedModels

/// The language arrays that alias a GLMM's working state, as MixedModels.jl's fields do: `m.u[j]` and `m.u₀[j]`
/// (vsize × levels per term), `m.devc` and `m.devc0` (one entry per level of a single term), and `m.resp`'s
/// vectors. The same boxes are returned on every access, so that code which writes into `m.u[1]` (or `vec` of it)
/// and calls `updateη!(m)` sees `m.resp.devresid` change in place, as in Julia.
final class GLMMWorkingState {
    /// Field names Julia's `GeneralizedLinearMixedModel` has beyond the engine's property list.
    static let extraPropertyNames = ["u₀", "devc", "devc0"]

    let model: GeneralizedLinearMixedModel
    let u: ArrayBox
    let u0: ArrayBox
    let devc: ArrayBox
    let devc0: ArrayBox
    let response: GLMResponseObject
    private let termShapes: [(rows: Int, columns: Int)]
    /// The engine's u and β when the boxes were last written from it: a change means the engine moved (a fit).
    private var syncedU: [Double] = []
    private var syncedBeta: [Double] = []

    init(_ model: GeneralizedLinearMixedModel) {
        self.model = model
        let terms = model.modelFrame.randomEffectsTerms
        termShapes = terms.map { ($0.vsize, $0.levelCount) }
        func boxes() -> ArrayBox {
            ArrayBox(terms.map { .array(ArrayBox(doubles: [Double](repeating: 0, count: $0.randomEffectCount),
                                                 rows: $0.vsize, columns: $0.levelCount)) },
                     elementType: "Matrix{Float64}")
        }
        u = boxes()
        u0 = boxes()
        // Julia keeps these only for a single term (they serve its quadrature); else they are empty.
        let q = terms.count == 1 ? terms[0].randomEffectCount : 0
        devc = ArrayBox(doubles: [Double](repeating: 0, count: q))
        devc0 = ArrayBox(doubles: [Double](repeating: 0, count: q))
        response = GLMResponseObject(model)
        pullFromEngine()
    }

    /// Rewrites the boxes from the engine if it moved since they were last written (`fit!`, `refit!`); otherwise
    /// keeps them, with whatever the language wrote into them.
    func refreshIfEngineMoved() {
        if model.sphericalEffectValues != syncedU || model.beta != syncedBeta { pullFromEngine() }
    }

    /// Writes the engine's u into `u` and `u₀` (the engine's u are the conditional modes after a fit or PIRLS)
    /// and its response vectors into `resp`, in place.
    func pullFromEngine() {
        let values = model.sphericalEffectValues
        write(values, into: u)
        write(values, into: u0)
        response.pull()
        syncedU = values
        syncedBeta = model.beta
    }

    /// `updateη!(m)`: the language's u into the engine, then η, μ and the deviance residuals back into `resp`.
    func updateEta() throws {
        model.setSphericalEffects(try stackedValues(of: u))
        model.updateEta()
        response.pull()
        syncedU = model.sphericalEffectValues
    }

    /// `pirls!(m, varyβ)`: the conditional modes at the current θ, written into `u`, `u₀` and `resp`.
    func pirls(varyBeta: Bool, trace: ((PIRLSTraceEvent) -> Void)? = nil) throws {
        try model.updateConditionalModes(varyBeta: varyBeta, trace: trace)
        pullFromEngine()
    }

    private func stackedValues(of outer: ArrayBox) throws -> [Double] {
        var stacked: [Double] = []
        for (j, shape) in termShapes.enumerated() {
            guard case .array(let box) = outer.element(j), let d = box.doubles, d.count == shape.rows * shape.columns
            else {
                throw LanguageError("m.u[\(j + 1)] must stay a \(shape.rows)×\(shape.columns) Matrix{Float64}")
            }
            stacked.append(contentsOf: d)
        }
        return stacked
    }

    private func write(_ values: [Double], into outer: ArrayBox) {
        var start = 0
        for (j, shape) in termShapes.enumerated() {
            let count = shape.rows * shape.columns
            if case .array(let box) = outer.element(j) {
                box.elements = values[start..<(start + count)].map(Value.float)
            }
            start += count
        }
    }
}

/// `m.resp` of a GLMM: GLM.jl's `GlmResp`, whose vectors are updated in place by `updateη!` and `pirls!`.
final class GLMResponseObject: LanguageObject {
    private let model: GeneralizedLinearMixedModel
    let y: ArrayBox
    let eta: ArrayBox
    let mu: ArrayBox
    let devresid: ArrayBox

    init(_ model: GeneralizedLinearMixedModel) {
        self.model = model
        y = ArrayBox(doubles: model.y)
        eta = ArrayBox(doubles: model.linearPredictor)
        mu = ArrayBox(doubles: model.fitted)
        devresid = ArrayBox(doubles: model.devianceResiduals)
    }

    /// Copies the engine's current response vectors into the boxes.
    func pull() {
        y.elements = model.y.map(Value.float)
        eta.elements = model.linearPredictor.map(Value.float)
        mu.elements = model.fitted.map(Value.float)
        devresid.elements = model.devianceResiduals.map(Value.float)
    }

    var typeName: String {
        "GLM.GlmResp{Vector{Float64}, \(model.family.juliaName), \(String(model.link.juliaName.dropLast(2)))}"
    }

    /// Julia's default display of a struct: the type, then its fields' values.
    func display() -> String {
        let fields: [Value] = [.array(y), .object(FamilyObject(model.family)), .object(LinkObject(model.link)),
                               .array(devresid), .array(eta), .array(mu),
                               .array(ArrayBox(doubles: model.offsets)), .array(ArrayBox(doubles: model.priorWeights))]
        return typeName + "(" + fields.map { Display.repr($0) }.joined(separator: ", ") + ")"
    }

    var propertyNames: [String] { ["y", "d", "link", "devresid", "eta", "mu", "offset", "wts"] }

    func property(_ name: String) throws -> Value? {
        switch name {
        case "y": .array(y)
        case "d": .object(FamilyObject(model.family))
        case "link": .object(LinkObject(model.link))
        case "devresid": .array(devresid)
        case "eta": .array(eta)
        case "mu": .array(mu)
        case "offset": .array(ArrayBox(doubles: model.offsets))
        case "wts": .array(ArrayBox(doubles: model.priorWeights))
        default: nil
        }
    }
}
