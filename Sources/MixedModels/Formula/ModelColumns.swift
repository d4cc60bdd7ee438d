/// One factor of a model column: the values of a continuous variable, or a categorical variable's level of
/// each row with one contrast column's value for each level.
enum ColumnFactor {
    case values([Double])
    case coded(refs: [Int32], byLevel: [Double])
}

/// Model-matrix columns of a list of terms with their names, built with StatsModels' full-rank rule:
/// a categorical factor gets its contrasts when the term it would be aliased with (the intercept for a main
/// effect, the other factors for an interaction) appeared earlier; otherwise it gets full dummy coding.
/// Columns are kept as products of factors and written straight into the destination matrix.
struct ModelColumns {
    var names: [String] = []
    /// The factors whose product is each column; an empty product is the intercept's column of ones.
    var factors: [[ColumnFactor]] = []

    var count: Int { names.count }

    /// Writes column `j` for `n` rows to `destination[i * stride]`.
    func write(column j: Int, n: Int, to destination: UnsafeMutablePointer<Double>, stride: Int) {
        let parts = factors[j]
        guard !parts.isEmpty else {
            for i in 0..<n { destination[i * stride] = 1 }
            return
        }
        for (k, part) in parts.enumerated() {
            switch part {
            case .values(let values):
                values.withUnsafeBufferPointer { v in
                    if k == 0 {
                        for i in 0..<n { destination[i * stride] = v[i] }
                    } else {
                        for i in 0..<n { destination[i * stride] *= v[i] }
                    }
                }
            case .coded(let refs, let byLevel):
                refs.withUnsafeBufferPointer { r in
                    byLevel.withUnsafeBufferPointer { b in
                        if k == 0 {
                            for i in 0..<n { destination[i * stride] = b[Int(r[i])] }
                        } else {
                            for i in 0..<n { destination[i * stride] *= b[Int(r[i])] }
                        }
                    }
                }
            }
        }
    }

    /// The columns as a column-major `n × count` matrix.
    func matrix(rows n: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: n * count) { buffer, initialized in
            if let base = buffer.baseAddress {
                HugePages.advise(base, count: n * count)
                for j in 0..<count { write(column: j, n: n, to: base + j * n, stride: 1) }
            }
            initialized = n * count
        }
    }

    /// The symbol sets of the terms seen so far within one schema (the fixed effects, or one grouping factor).
    typealias Seen = [Set<String>]

    /// Appends the columns of `terms`, updating `seen` in term order.
    mutating func append(_ terms: [Term], variables: ModelVariables, seen: inout Seen) throws {
        for term in terms {
            switch term {
            case .constant(let n):
                seen.append([n == 1 ? "1" : "0"])
                if n == 1 {
                    names.append("(Intercept)")
                    factors.append([])
                }
            case .variable, .function, .fullDummy:
                seen.append([ModelColumns.symbol(of: term)])
                let factor = try self.factor(term, aliasedWith: ["1"], variables: variables, seen: &seen)
                names += factor.names
                factors += factor.factors
            case .interaction(let parts):
                let symbols = parts.map(ModelColumns.symbol(of:))
                seen.append(Set(symbols))
                var product = ModelColumns(names: [""], factors: [[]])
                for (i, part) in parts.enumerated() {
                    var others = symbols
                    others.remove(at: i)
                    let factor = try self.factor(part, aliasedWith: Set(others), variables: variables, seen: &seen)
                    product = product.kronecker(factor)
                }
                names += product.names
                factors += product.factors
            case .randomEffects, .sum:
                throw variables.error("unexpected term \(term.plainName) among model columns")
            }
        }
    }

    /// The columns of one factor: a continuous variable or function, or a categorical variable coded with its
    /// contrasts when the aliased term was seen, and otherwise with full dummy coding, after which the aliased
    /// term counts as seen (so in `0 + a + b` only `a` is promoted).
    private func factor(_ term: Term, aliasedWith aliased: Set<String>, variables: ModelVariables,
                        seen: inout Seen) throws -> ModelColumns {
        switch term {
        case .function(let expression):
            return ModelColumns(names: [expression.description], factors: [[.values(try variables.evaluate(expression))]])
        case .fullDummy(let name):
            guard try variables.isCategorical(name) else {
                throw variables.error("fulldummy(\(name)) needs a categorical column; give :\(name) contrasts "
                                      + "(e.g. DummyCoding()) to treat its numbers as levels", variable: name)
            }
            return try categorical(name, coding: .fullDummy, variables: variables)
        case .variable(let name):
            guard try variables.isCategorical(name) else {
                return ModelColumns(names: [name], factors: [[.values(try variables.continuous(name))]])
            }
            if seen.contains(aliased) { return try categorical(name, coding: variables.coding(name), variables: variables) }
            seen.append(aliased)
            return try categorical(name, coding: .fullDummy, variables: variables)
        default:
            throw variables.error("unexpected factor \(term.plainName) in an interaction")
        }
    }

    private func categorical(_ name: String, coding: ContrastCoding, variables: ModelVariables) throws -> ModelColumns {
        let data = try variables.categorical(name)
        let contrasts: ContrastsMatrix
        do {
            contrasts = try ContrastsMatrix(coding, levels: data.levels, variable: name)
        } catch let e as FormulaError {
            throw variables.error(e.message, variable: name)
        }
        let k = contrasts.width
        var out = ModelColumns()
        for j in 0..<k {
            out.names.append("\(name): \(contrasts.columnLabels[j])")
            let byLevel = (0..<data.levels.count).map { contrasts.values[$0 * k + j] }
            out.factors.append([.coded(refs: data.refs, byLevel: byLevel)])
        }
        return out
    }

    /// Row-wise Kronecker product with `self`'s columns varying fastest, names joined by ` & `.
    func kronecker(_ other: ModelColumns) -> ModelColumns {
        var out = ModelColumns()
        for (bName, b) in zip(other.names, other.factors) {
            for (aName, a) in zip(names, factors) {
                out.names.append(aName.isEmpty ? bName : "\(aName) & \(bName)")
                out.factors.append(a + b)
            }
        }
        return out
    }

    /// The symbol by which the full-rank rule recognises a term's factor.
    static func symbol(of term: Term) -> String {
        switch term {
        case .variable(let name), .fullDummy(let name): name
        case .function(let expression): expression.description
        default: term.loweredName
        }
    }
}
