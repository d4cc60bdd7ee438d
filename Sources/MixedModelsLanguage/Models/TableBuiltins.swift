/// TypedTables' `Table(x)`, which MixedModels.jl re-exports: the columns of a table, a vector of named tuples (such as
/// `shortestcovint(samp)`) or named vectors, shown as Julia shows a `Table`.
extension BuiltinLibrary {
    mutating func registerTables() {
        add("Table", keywords: [Function.anyKeyword], isType: true) { c in
            .object(ColumnTableObject(try makeDataFrame(c)))
        }
    }
}
