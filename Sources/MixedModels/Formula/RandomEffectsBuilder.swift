/// Builds the random-effects terms of a model frame as MixedModels.jl does: one term per `|`, then terms with
/// the same grouping factor amalgamated (block-diagonal λ), then ordered by number of random effects, descending.
enum RandomEffectsBuilder {
    static func build(_ specs: [RandomEffectsSpec], variables: ModelVariables) throws -> [RandomEffectsTerm] {
        var seenByGrouping: [String: ModelColumns.Seen] = [:]
        var groupingOrder: [String] = []
        var blocks: [String: [(columns: ModelColumns, zeroCorrelation: Bool)]] = [:]
        for spec in specs {
            let key = spec.groupingName
            var seen = seenByGrouping[key] ?? []
            var columns = ModelColumns()
            try columns.append(spec.terms, variables: variables, seen: &seen)
            seenByGrouping[key] = seen
            if columns.count == 0 {
                throw variables.error("the random-effects term \(spec) has no model columns")
            }
            if blocks[key] == nil { groupingOrder.append(key) }
            blocks[key, default: []].append((columns, spec.zeroCorrelation))
        }
        var terms: [RandomEffectsTerm] = []
        for key in groupingOrder {
            guard let parts = blocks[key], let spec = specs.first(where: { $0.groupingName == key }) else { continue }
            let factor = try variables.grouping(spec.grouping)
            terms.append(amalgamate(parts, groupingName: key, factor: factor))
        }
        // A stable sort: equal sizes keep formula order.
        return terms.enumerated().sorted {
            ($0.element.randomEffectCount, -$0.offset) > ($1.element.randomEffectCount, -$1.offset)
        }.map(\.element)
    }

    /// One term from the blocks of every `|` with the same grouping factor: columns concatenated, λ's free
    /// entries the lower triangle (or diagonal, for `zerocorr`) of each block, offset into the whole.
    static func amalgamate(_ parts: [(columns: ModelColumns, zeroCorrelation: Bool)], groupingName: String,
                           factor: CategoricalData) -> RandomEffectsTerm {
        let names = parts.flatMap(\.columns.names)
        let vsize = names.count
        var lambdaIndices: [Int] = []
        var offset = 0
        for part in parts {
            let s = part.columns.names.count
            for j in 0..<s {
                for i in j..<s where !part.zeroCorrelation || i == j {
                    lambdaIndices.append((offset + i) + (offset + j) * vsize)
                }
            }
            offset += s
        }
        let n = factor.refs.count
        let z = [Double](unsafeUninitializedCapacity: n * vsize) { buffer, initialized in
            if let base = buffer.baseAddress {
                var j = 0
                for part in parts {
                    for k in 0..<part.columns.count {
                        part.columns.write(column: k, n: n, to: base + j, stride: vsize)
                        j += 1
                    }
                }
            }
            initialized = n * vsize
        }
        return RandomEffectsTerm(groupingName: groupingName, levels: factor.levels, refs: factor.refs,
                                 columnNames: names, z: z, lambdaIndices: lambdaIndices)
    }
}
