import DataTables

/// FreqTables.jl and NamedArrays.jl: `freqtable(x…)`, `freqtable(df, :a, :b)`, `prop`/`proportions`, and
/// `names`, `sum`, `length`, `size`, `adjoint`, `vec`, `collect` of the resulting `NamedArray`.
extension BuiltinLibrary {
    mutating func registerFreqTables() {
        modules.formUnion(["FreqTables", "NamedArrays"])
        add("freqtable", keywords: ["weights", "skipmissing"]) { c in
            try c.expectCount(1...3, "freqtable(x[, y]) or freqtable(df, :a[, :b])")
            var variables: [(name: String, values: [Value], pool: CategoricalPool?)] = []
            if case .object(let o as TableObject) = c.positional[0] {
                try c.expectCount(2...3, "freqtable(df, :a[, :b])")
                for i in 1..<c.count {
                    let name = try c.name(i)
                    let box = TableObject.vector(try DataFrameValues.column(o.table, name))
                    variables.append((name, box.elements, box.categoricalPool))
                }
            } else {
                for i in 0..<c.count {
                    let items = try Categorical.elements(c, i)
                    let pool: CategoricalPool? = if case .array(let a) = c.positional[i] { a.categoricalPool } else { nil }
                    variables.append(("Dim\(i + 1)", items, pool))
                }
            }
            guard variables.count <= 2 else {
                throw LanguageError("freqtable: tables of more than two variables are not supported here")
            }
            let n = variables[0].values.count
            for v in variables where v.values.count != n {
                throw JuliaException.argumentError("all input arrays must have the same length")
            }
            let weights = try c.keyword("weights").map { w in
                try Iteration.elements(of: w).map { v -> Double in
                    guard let d = v.asDouble else { throw LanguageError("freqtable: weights must be numbers") }
                    return d
                }
            }
            if let weights, weights.count != n {
                throw JuliaException.argumentError("weight vector must have the same length as input vectors")
            }
            let skip = try c.boolKeyword("skipmissing", default: false)
            return .object(try FreqTable.tabulate(variables, weights: weights, skipMissing: skip))
        }
        for name in ["prop", "proportions"] {
            add(name, keywords: ["margins"]) { c in
                try c.expectCount(1, "\(name)(t; margins)")
                guard case .object(let t as NamedArrayObject) = c.positional[0] else {
                    throw c.wrongType(0, expected: "a frequency table (NamedArray)")
                }
                let margins = try c.intKeyword("margins")
                return .object(try FreqTable.proportions(t, margins: margins))
            }
        }
        registerNamedArrayMethods()
    }

    private mutating func registerNamedArrayMethods() {
        extend("names") { c, next in
            guard case .object(let t as NamedArrayObject) = c.positional.first else { return try next(c) }
            if c.count == 2 {
                let d = try c.integer(1)
                guard d >= 1 && d <= t.shape.count else {
                    throw JuliaException.boundsError(.tuple(t.names.map { .array(ArrayBox.literal($0)) }), [.int(d)])
                }
                return .array(ArrayBox.literal(t.names[d - 1]))
            }
            return .array(ArrayBox.literal(t.names.map { .array(ArrayBox.literal($0)) }))
        }
        add("dimnames") { c in
            try c.expectCount(1...2, "dimnames(t[, d])")
            guard case .object(let t as NamedArrayObject) = c.positional[0] else { throw c.wrongType(0, expected: "a NamedArray") }
            if c.count == 2 { return .symbol(t.dimensionNames[max(0, min(t.shape.count - 1, try c.integer(1) - 1))]) }
            return .array(ArrayBox(t.dimensionNames.map(Value.symbol), elementType: "Symbol"))
        }
        for name in ["adjoint", "transpose", "permutedims"] {
            extend(name) { c, next in
                guard c.count == 1, case .object(let t as NamedArrayObject) = c.positional[0] else { return try next(c) }
                return .object(t.adjoint())
            }
        }
        for name in ["sum", "length", "size", "vec", "collect", "Array", "maximum", "minimum", "sort", "ndims",
                     "eltype"] {
            extend(name) { c, next in
                guard c.count >= 1, case .object(let t as NamedArrayObject) = c.positional[0] else { return try next(c) }
                var positional = c.positional
                positional[0] = .array(t.array)
                let plain = CallContext(name: c.name, positional: positional, keywords: c.keywords, interpreter: c.interpreter)
                return try next(plain)
            }
        }
    }
}

/// Counting and normalising frequency tables.
enum FreqTable {
    /// The counts (or summed weights) of every combination of levels: categorical variables keep their level
    /// order (unused levels included, with count 0), others are sorted; `missing` comes last unless skipped.
    static func tabulate(_ variables: [(name: String, values: [Value], pool: CategoricalPool?)],
                         weights: [Double]?, skipMissing: Bool) throws -> NamedArrayObject {
        var levels: [[Value]] = []
        var positions: [[String: Int]] = []
        for v in variables {
            let present = v.values.filter { !$0.isMissingValue }
            var l = try v.pool?.levels ?? Categorical.sortedUnique(present)
            if !skipMissing && present.count < v.values.count { l.append(.missing) }
            levels.append(l)
            var index: [String: Int] = [:]
            for (i, level) in l.enumerated() { index[DictBox.identity(of: level)] = i }
            positions.append(index)
        }
        let shape = levels.map(\.count)
        var counts = [Double](repeating: 0, count: shape.reduce(1, *))
        rows: for row in 0..<variables[0].values.count {
            var k = 0
            var stride = 1
            for (d, v) in variables.enumerated() {
                guard let p = positions[d][DictBox.identity(of: v.values[row])] else { continue rows }
                k += p * stride
                stride *= shape[d]
            }
            counts[k] += weights?[row] ?? 1
        }
        let values: [Value] = weights == nil ? counts.map { .int(Int($0)) } : counts.map(Value.float)
        return NamedArrayObject(values: values, shape: shape, names: levels, dimensionNames: variables.map(\.name))
    }

    /// `prop(t; margins)`: each count over the table's total, or over its row (`margins = 1`) or column
    /// (`margins = 2`) total.
    static func proportions(_ t: NamedArrayObject, margins: Int?) throws -> NamedArrayObject {
        let x = t.values.map { $0.asDouble ?? 0 }
        var out = [Double](repeating: 0, count: x.count)
        switch margins {
        case nil:
            let total = x.reduce(0, +)
            out = x.map { $0 / total }
        case 1?, 2? where t.shape.count == 2:
            let (rows, columns) = (t.shape[0], t.shape[1])
            for i in 0..<rows {
                for j in 0..<columns {
                    let total = margins == 1 ? (0..<columns).reduce(0) { $0 + x[i + $1 * rows] }
                        : (0..<rows).reduce(0) { $0 + x[$1 + j * rows] }
                    out[i + j * rows] = x[i + j * rows] / total
                }
            }
        case 1? where t.shape.count == 1:
            out = x.map { $0 / $0 }
        default:
            throw JuliaException.argumentError("margins must be a valid dimension of the table")
        }
        return NamedArrayObject(values: out.map(Value.float), shape: t.shape, names: t.names,
                                dimensionNames: t.dimensionNames)
    }
}
