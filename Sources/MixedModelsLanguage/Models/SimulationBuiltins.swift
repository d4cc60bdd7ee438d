import DataTables
import JuliaRandom
import MixedModels

extension BuiltinLibrary {
    /// `simulate`, `simulate!`, `refit!` and `parametricbootstrap` for linear and generalized linear mixed models.
    mutating func registerSimulation() {
        let parameters: Set<String> = ["β", "σ", "θ"]
        add("simulate", keywords: parameters) { c in
            let (rng, rest) = Simulating.generator(c)
            guard (1...2).contains(rest.count) else {
                throw LanguageError("simulate takes ([rng,] model[, newdata]; β, σ, θ), got \(c.count) arguments")
            }
            let object = try Simulating.model(rest[0], c)
            let p = try Inference.parameters(c)
            if rest.count == 2 { return ModelValues.vector(try Simulating.fromNewData(object, rest[1], rng, p)) }
            switch object.fit {
            case .linear(let m):
                return ModelValues.vector(try m.simulate(using: rng, beta: p.beta, sigma: p.sigma, theta: p.theta))
            case .generalized(let g):
                return ModelValues.vector(try g.simulate(using: rng, beta: p.beta, sigma: p.sigma, theta: p.theta))
            }
        }
        add("simulate!", keywords: parameters) { c in
            let (rng, rest) = Simulating.generator(c)
            let p = try Inference.parameters(c)
            if rest.count == 1 {
                switch try Simulating.model(rest[0], c).fit {
                case .linear(let m): try m.simulateResponse(using: rng, beta: p.beta, sigma: p.sigma, theta: p.theta)
                case .generalized(let g):
                    try g.simulateResponse(using: rng, beta: p.beta, sigma: p.sigma, theta: p.theta)
                }
                return rest[0]
            }
            guard (2...3).contains(rest.count), case .array(let target) = rest[0] else {
                throw LanguageError("simulate! takes ([rng,] model; β, σ, θ) or ([rng,] y, model[, newdata]; β, σ, θ)")
            }
            let object = try Simulating.model(rest[1], c)
            let y: [Double]
            if rest.count == 3 {
                y = try Simulating.fromNewData(object, rest[2], rng, p)
            } else {
                switch object.fit {
                case .linear(let m): y = try m.simulate(using: rng, beta: p.beta, sigma: p.sigma, theta: p.theta)
                case .generalized(let g): y = try g.simulate(using: rng, beta: p.beta, sigma: p.sigma, theta: p.theta)
                }
            }
            guard target.count == y.count, target.shape.count == 1 else {
                throw LanguageError("DimensionMismatch: simulate! into a vector of length \(target.count); the "
                                    + "simulation has \(y.count) values")
            }
            guard target.elementType == "Float64" else {
                throw LanguageError("simulate! needs a Vector{Float64} to fill, got a Vector{\(target.elementType)}")
            }
            target.elements = y.map(Value.float)
            return rest[0]
        }
        add("refit!", keywords: ["REML", "progress", "thin", "fast", "nAGQ"]) { c in
            try c.expectCount(1...2, "refit!(model[, y])")
            let y = c.count == 2 ? try Inference.numbers(c.positional[1], what: "the new response") : nil
            switch try ModelFitting.model(c, 0).fit {
            case .linear(let m):
                for k in ["fast", "nAGQ"] where c.keyword(k) != nil {
                    throw LanguageError("keyword \(k) applies to generalized models only")
                }
                let reml = c.keyword("REML") == nil ? nil : try c.boolKeyword("REML", default: false)
                let thin = try ModelFitting.thin(c)
                try FitMonitoring.run(c, .fitting, "fitting \(m.formulaText)") { control in
                    if let y { try m.refit(response: y, reml: reml, thin: thin, control: control) }
                    else { try m.refit(reml: reml, thin: thin, control: control) }
                }
            case .generalized(let g):
                for k in ["REML", "thin"] where c.keyword(k) != nil {
                    throw LanguageError("keyword \(k) applies to linear mixed models only")
                }
                let fast = c.keyword("fast") == nil ? nil : try c.boolKeyword("fast", default: false)
                let nAGQ = try c.intKeyword("nAGQ")
                try FitMonitoring.run(c, .fitting, "fitting \(g.formulaDescription)") { control in
                    if let y { try g.refit(response: y, fast: fast, nAGQ: nAGQ, control: control) }
                    else { try g.refit(fast: fast, nAGQ: nAGQ, control: control) }
                }
            }
            return c.positional[0]
        }
        add("parametricbootstrap", keywords: parameters.union(["optsum_overrides", "progress", "hide_progress"])) { c in
            let (rng, rest) = Simulating.generator(c)
            guard rest.count == 2 else {
                throw LanguageError("parametricbootstrap takes ([rng,] n, model; β, σ, θ, optsum_overrides, progress)")
            }
            guard case .int(let n) = rest[0] else {
                throw LanguageError("the number of replicates must be an integer, got \(rest[0].described)")
            }
            let p = try Inference.parameters(c)
            let subject = "running a parametric bootstrap of \(n) replicates"
            switch try Simulating.model(rest[1], c).fit {
            case .linear(let m):
                let overrides = try Inference.overrides(c.keyword("optsum_overrides"))
                return .object(BootstrapObject(try FitMonitoring.run(c, .bootstrap, subject) {
                    try m.parametricbootstrap(using: rng, n, beta: p.beta, sigma: p.sigma, theta: p.theta,
                                              overrides: overrides, control: $0)
                }))
            case .generalized(let g):
                if let o = c.keyword("optsum_overrides"), case .namedTuple(let names, _) = o, !names.isEmpty {
                    throw LanguageError("optsum_overrides is not available for generalized linear mixed models here: "
                                        + "their fits use their own convergence settings")
                }
                return .object(BootstrapObject(try FitMonitoring.run(c, .bootstrap, subject) {
                    try g.parametricbootstrap(using: rng, n, beta: p.beta, sigma: p.sigma, theta: p.theta, control: $0)
                }))
            }
        }
    }
}

/// Argument handling of the simulation builtins.
enum Simulating {
    /// The generator a call names first, or the session's default one (Julia's `Random.default_rng()`), and the
    /// remaining positional arguments.
    static func generator(_ c: CallContext) -> (any JuliaRNG, [Value]) {
        if case .object(let o as RandomGeneratorValue)? = c.positional.first {
            return (o.generator, Array(c.positional.dropFirst()))
        }
        return (DefaultGenerators.generator(for: c.interpreter), c.positional)
    }

    static func model(_ value: Value, _ c: CallContext) throws -> ModelObject {
        guard case .object(let o as ModelObject) = value else {
            throw LanguageError("\(c.name) needs a mixed model, got \(value.described)")
        }
        return o
    }

    /// `simulate(rng, m, newdata)`: a response for the rows of a table, from the model's formula and contrasts.
    static func fromNewData(_ object: ModelObject, _ table: Value, _ rng: any JuliaRNG,
                            _ p: (beta: [Double]?, sigma: Double?, theta: [Double]?)) throws -> [Double] {
        guard case .object(let t as TableObject) = table else {
            throw LanguageError("newdata must be a table (a DataFrame or a named tuple of columns), got \(table.described)")
        }
        guard let source = object.source else {
            throw LanguageError("simulate(rng, model, newdata) needs a model fit in this session from a table")
        }
        switch object.fit {
        case .linear(let m):
            return try m.simulate(using: rng, newdata: t.table, data: source.data, formula: source.formula,
                                  contrasts: source.contrasts,
                                  beta: p.beta, sigma: p.sigma, theta: p.theta)
        case .generalized(let g):
            return try g.simulate(using: rng, newdata: t.table, data: source.data, formula: source.formula,
                                  contrasts: source.contrasts,
                                  beta: p.beta, sigma: p.sigma, theta: p.theta)
        }
    }
}
