/// Model-matrix columns of a list of terms with their names, built with StatsModels' full-rank rule:
/// a categorical factor gets its contrasts when the term it would be aliased with (the intercept for a main
/// effect, the other factors for an interaction) appeared earlier; otherwise it gets full dummy coding.
struct ModelColumns {
    var names: [String] = []
    var columns: [[Double]] = []

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
                    columns.append([Double](repeating: 1, count: variables.count))
                }
            case .variable, .function, .fullDummy:
                seen.append([ModelColumns.symbol(of: term)])
                let factor = try self.factor(term, aliasedWith: ["1"], variables: variables, seen: seen)
                names += factor.names
                columns += factor.columns
            case .interaction(let parts):
                let symbols = parts.map(ModelColumns.symbol(of:))
                seen.append(Set(symbols))
                var product = ModelColumns(names: [""], columns: [[Double](repeating: 1, count: variables.count)])
                for (i, part) in parts.enumerated() {
                    var others = symbols
                    others.remove(at: i)
                    let factor = try self.factor(part, aliasedWith: Set(others), variables: variables, seen: seen)
                    product = product.kronecker(factor)
                }
                names += product.names
                columns += product.columns
            case .randomEffects, .sum:
                throw variables.error("unexpected term \(term.plainName) among model columns")
            }
        }
    }

    /// The columns of one factor: a continuous variable or function, or a categorical variable coded with its
    /// contrasts when the aliased term was seen, with full dummy coding otherwise.
    private func factor(_ term: Term, aliasedWith aliased: Set<String>, variables: ModelVariables,
                        seen: Seen) throws -> ModelColumns {
        switch term {
        case .function(let expression):
            return ModelColumns(names: [expression.description], columns: [try variables.evaluate(expression)])
        case .fullDummy(let name):
            guard try variables.isCategorical(name) else {
                throw variables.error("fulldummy(\(name)) needs a categorical column; give :\(name) contrasts "
                                      + "(e.g. DummyCoding()) to treat its numbers as levels", variable: name)
            }
            return try categorical(name, coding: .fullDummy, variables: variables)
        case .variable(let name):
            guard try variables.isCategorical(name) else {
                return ModelColumns(names: [name], columns: [try variables.continuous(name)])
            }
            let coding = seen.contains(aliased) ? variables.coding(name) : .fullDummy
            return try categorical(name, coding: coding, variables: variables)
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
            out.columns.append(data.refs.map { contrasts.values[Int($0) * k + j] })
        }
        return out
    }

    /// Row-wise Kronecker product with `self`'s columns varying fastest, names joined by ` & `.
    func kronecker(_ other: ModelColumns) -> ModelColumns {
        var out = ModelColumns()
        for (bName, b) in zip(other.names, other.columns) {
            for (aName, a) in zip(names, columns) {
                out.names.append(aName.isEmpty ? bName : "\(aName) & \(bName)")
                var product = a
                for i in product.indices { product[i] *= b[i] }
                out.columns.append(product)
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
