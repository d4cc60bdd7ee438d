/// How a categorical variable becomes model-matrix columns (StatsModels' contrast coding systems).
/// A `base` is a level label as Julia's `string(level)` prints it (`"F"`, `"5"`); `nil` means the first level.
public enum ContrastCoding: Equatable, Hashable, Sendable {
    /// `DummyCoding()`: an indicator column per non-base level (the default).
    case dummy(base: String? = nil)
    /// `EffectsCoding()`: like dummy coding with the base level coded -1 in every column.
    case effects(base: String? = nil)
    /// `HelmertCoding()`: each level against the mean of the levels before it.
    case helmert(base: String? = nil)
    /// `SeqDiffCoding()`: differences between successive levels.
    case seqDiff
    /// `FullDummyCoding()`: an indicator column for every level, the base included.
    case fullDummy

    /// The coding Julia calls `name` (`"DummyCoding"`, `"EffectsCoding"`, `"HelmertCoding"`, `"SeqDiffCoding"`,
    /// `"FullDummyCoding"`), with an optional base level label.
    public init(juliaName name: String, base: String? = nil) throws {
        switch name {
        case "DummyCoding": self = .dummy(base: base)
        case "EffectsCoding": self = .effects(base: base)
        case "HelmertCoding": self = .helmert(base: base)
        case "SeqDiffCoding", "FullDummyCoding":
            if base != nil { throw FormulaError("\(name) takes no base level") }
            self = name == "SeqDiffCoding" ? .seqDiff : .fullDummy
        default:
            throw FormulaError("unknown contrast coding \(name); use DummyCoding, EffectsCoding, HelmertCoding, "
                               + "SeqDiffCoding or FullDummyCoding")
        }
    }

    /// Julia's name of the coding, as `CategoricalTerm` displays show it.
    public var juliaName: String {
        switch self {
        case .dummy: "DummyCoding"
        case .effects: "EffectsCoding"
        case .helmert: "HelmertCoding"
        case .seqDiff: "SeqDiffCoding"
        case .fullDummy: "FullDummyCoding"
        }
    }

    var base: String? {
        switch self {
        case .dummy(let base), .effects(let base), .helmert(let base): base
        case .seqDiff, .fullDummy: nil
        }
    }
}

/// A coding applied to the levels of one variable: `values[level * width + column]`, and the level label of
/// each column (used in coefficient names `var: label`).
struct ContrastsMatrix {
    let width: Int
    let values: [Double]
    let columnLabels: [String]

    init(_ coding: ContrastCoding, levels: [String], variable: String) throws {
        let n = levels.count
        if coding == .fullDummy {
            guard n >= 1 else { throw FormulaError("column \(variable) has no levels") }
            width = n
            var values = [Double](repeating: 0, count: n * n)
            for i in 0..<n { values[i * n + i] = 1 }
            self.values = values
            columnLabels = levels
            return
        }
        guard n >= 2 else {
            throw FormulaError("column \(variable) has only one level (\(levels.first ?? "")); contrasts need at least two")
        }
        var baseIndex = 0
        if let base = coding.base {
            guard let found = levels.firstIndex(of: base) else {
                throw FormulaError("base level \(base) of \(variable) is not among its levels: \(levels.joined(separator: ", "))")
            }
            baseIndex = found
        }
        width = n - 1
        columnLabels = levels.enumerated().filter { $0.offset != baseIndex }.map(\.element)
        var m = [Double](repeating: 0, count: n * (n - 1))
        switch coding {
        case .dummy, .effects:
            var column = 0
            for level in 0..<n where level != baseIndex {
                m[level * (n - 1) + column] = 1
                if case .effects = coding { m[baseIndex * (n - 1) + column] = -1 }
                column += 1
            }
        case .helmert:
            var h = [Double](repeating: 0, count: n * (n - 1))
            for j in 0..<(n - 1) {
                for i in 0...j { h[i * (n - 1) + j] = -1 }
                h[(j + 1) * (n - 1) + j] = Double(j + 1)
            }
            // StatsModels reorders rows as [base; 1:base-1; base+1:n] (a no-op for the default base).
            let order = [baseIndex] + Array(0..<baseIndex) + Array((baseIndex + 1)..<n)
            for (row, source) in order.enumerated() {
                for j in 0..<(n - 1) { m[row * (n - 1) + j] = h[source * (n - 1) + j] }
            }
        case .seqDiff:
            for j in 0..<(n - 1) {
                for i in 0..<n {
                    m[i * (n - 1) + j] = (i <= j ? Double(j + 1 - n) : Double(j + 1)) / Double(n)
                }
            }
        case .fullDummy:
            break
        }
        values = m
    }
}
