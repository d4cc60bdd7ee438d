import MixedModels

/// `GHnorm(k)`: MixedModels.jl's `GaussHermiteNormalized{k}`, the k-point Gauss–Hermite rule for the standard
/// normal density, with its abscissae `z` and weights `w` (summing to one).
final class GaussHermiteObject: LanguageObject {
    let rule: GaussHermiteRule
    init(_ rule: GaussHermiteRule) { self.rule = rule }

    var typeName: String { "MixedModels.GaussHermiteNormalized{\(rule.nodes.count)}" }
    /// Julia shows the struct with its two static vectors.
    func display() -> String {
        "\(typeName)(\(Display.repr(ModelValues.vector(rule.nodes))), \(Display.repr(ModelValues.vector(rule.weights))))"
    }
    var propertyNames: [String] { ["z", "w"] }
    func property(_ name: String) throws -> Value? {
        switch name {
        case "z": ModelValues.vector(rule.nodes)
        case "w": ModelValues.vector(rule.weights)
        default: nil
        }
    }
    /// `g[i]`: the named tuple `(z = …, w = …)` that iterating the rule gives.
    func index(_ indices: [Value]) throws -> Value? {
        guard indices.count == 1, case .int(let i) = indices[0] else { return nil }
        guard (1...rule.nodes.count).contains(i) else {
            throw LanguageError("BoundsError: attempt to access \(typeName) at index [\(i)]")
        }
        return .namedTuple(names: ["z", "w"], values: [.float(rule.nodes[i - 1]), .float(rule.weights[i - 1])])
    }
}

extension BuiltinLibrary {
    /// `GHnorm(k)`.
    mutating func registerGaussHermite() {
        add("GHnorm") { c in
            try c.expectCount(1, "GHnorm(k)")
            let k = try c.integer(0)
            guard k >= 1 else { throw LanguageError("GHnorm(k) needs k ≥ 1, got \(k)") }
            guard k <= 1000 else { throw LanguageError("GHnorm(k) is limited to k ≤ 1000 here, got \(k)") }
            return .object(GaussHermiteObject(try GaussHermiteRule.normalized(k)))
        }
    }
}
