import DataTables

extension BuiltinLibrary {
    /// TypedTables.jl's `Table(x)`: a column table from a table, a named tuple of vectors, a vector of named tuples
    /// or keyword columns, shown as TypedTables shows it (`Table(shortestcovint(samp))`). `DataFrame(t)` converts back.
    mutating func registerTypedTables() {
        modules.insert("TypedTables")
        add("Table", keywords: [Function.anyKeyword], isType: true) { c in
            .object(ColumnTableObject(try makeDataFrame(c)))
        }
    }
}
