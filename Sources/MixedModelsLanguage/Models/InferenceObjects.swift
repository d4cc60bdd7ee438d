import DataTables
import JuliaRandom
import MixedModels
import TextDisplay

/// A language value that carries a Julia-identical random number generator (`MersenneTwister(42)`).
protocol RandomGeneratorValue: AnyObject {
    var generator: any JuliaRNG { get }
}

/// `likelihoodratiotest(m1, m2, …)`.
final class LikelihoodRatioTestObject: LanguageObject {
    let test: LikelihoodRatioTest
    init(_ test: LikelihoodRatioTest) { self.test = test }
    var typeName: String { "LikelihoodRatioTest" }
    func display() -> String { test.description }
    var propertyNames: [String] { ["deviance", "formulas", "models", "pvalues", "tests"] }
    func property(_ name: String) throws -> Value? {
        switch name {
        case "deviance": return ModelValues.vector(test.deviance)
        case "formulas", "formulae": return ModelValues.strings(test.formulas)
        case "dof": return .array(ArrayBox(test.dof.map(Value.int), elementType: "Int64"))
        case "pvalues": return ModelValues.vector(test.pvalues)
        case "models":
            return .namedTuple(names: ["dof", "deviance"],
                               values: [.array(ArrayBox(test.dof.map(Value.int), elementType: "Int64")),
                                        ModelValues.vector(test.deviance)])
        case "tests":
            return .namedTuple(names: ["dofdiff", "deviancediff", "pvalues"],
                               values: [.array(ArrayBox(test.dofdiff.map(Value.int), elementType: "Int64")),
                                        ModelValues.vector(test.deviancediff), ModelValues.vector(test.pvalues)])
        default: return nil
        }
    }
}

/// StatsModels' `lrtest(m1, m2, …)`.
final class LRTestResultObject: LanguageObject {
    let result: LRTestResult
    init(_ result: LRTestResult) { self.result = result }
    var typeName: String { "StatsModels.LRTestResult{\(result.dof.count)}" }
    func display() -> String { result.description }
    var propertyNames: [String] { ["nobs", "deviance", "loglikelihood", "dof", "pval"] }
    func property(_ name: String) throws -> Value? {
        switch name {
        case "nobs": return .int(result.nobs)
        case "deviance": return .tuple(result.deviance.map(Value.float))
        case "loglikelihood": return .tuple(result.loglikelihood.map(Value.float))
        case "dof": return .tuple(result.dof.map(Value.int))
        case "pval": return .tuple(result.pval.map(Value.float))
        default: return nil
        }
    }
}

/// A column table shown as TypedTables shows a `Table` (`samp.tbl`, and the tidy tables of a bootstrap).
final class ColumnTableObject: LanguageObject, TableConvertible {
    let table: DataTable
    init(_ table: DataTable) { self.table = table }
    var typeName: String { "Table" }
    func dataTable() throws -> DataTable { table }
    func display() -> String {
        let rows = (0..<table.rowCount).map { r in table.columns.map { Self.cell($0, r) } }
        return TypedTableDisplay.table(columns: table.columnNames, rows: rows)
    }
    static func cell(_ column: Column, _ row: Int) -> String {
        if column.isMissing(row) { return "missing" }
        switch column.values {
        case .float(let v): return JuliaFloatFormat.compact(v[row])
        case .integer(let v): return String(v[row])
        case .string(let v): return v[row]
        case .bool(let v): return String(v[row])
        }
    }
    var propertyNames: [String] { table.columnNames }
    func property(_ name: String) throws -> Value? {
        guard let column = table[name] else { return nil }
        return .array(TableObject.vector(column))
    }
    func renderedTables() -> [RenderedTable] { [dataFrameRenderedTable(table)] }
}

/// Intervals (`confint` of a bootstrap, a profile or a model): a key column and numeric columns, shown as a
/// `DictTable`.
final class DictTableObject: LanguageObject, TableConvertible {
    let keyName: String
    let keys: [String]
    let columns: [(name: String, values: [Double])]
    init(keyName: String = "par", keys: [String], columns: [(name: String, values: [Double])]) {
        self.keyName = keyName
        self.keys = keys
        self.columns = columns
    }
    convenience init(keyName: String = "par", keys: [String], lower: [Double], upper: [Double]) {
        self.init(keyName: keyName, keys: keys, columns: [("lower", lower), ("upper", upper)])
    }
    var typeName: String { "DictTable" }
    func display() -> String {
        TypedTableDisplay.dictTable(keyName: keyName, keys: keys, columns: columns.map(\.name),
                                    values: keys.indices.map { r in columns.map { JuliaFloatFormat.compact($0.values[r]) } })
    }
    func dataTable() throws -> DataTable {
        try DataTable(columns: [Column(name: keyName, strings: keys)]
                      + columns.map { Column(name: $0.name, doubles: $0.values) })
    }
    var propertyNames: [String] { [keyName] + columns.map(\.name) }
    func property(_ name: String) throws -> Value? {
        if name == keyName { return .array(ArrayBox(keys.map(Value.symbol), elementType: "Symbol")) }
        return columns.first { $0.name == name }.map { ModelValues.vector($0.values) }
    }
    func renderedTables() -> [RenderedTable] { (try? dataTable()).map { [dataFrameRenderedTable($0)] } ?? [] }
}

/// `profile(m)`: MixedModels.jl's `MixedModelProfile`.
final class ProfileObject: LanguageObject {
    let profile: MixedModelProfile
    init(_ profile: MixedModelProfile) { self.profile = profile }
    var typeName: String { "MixedModelProfile{Float64}" }
    func display() -> String {
        "MixedModelProfile of \(profile.profiles.map(\.parameter).joined(separator: ", "))"
            + profile.warnings.map { "\n┌ Warning: \($0)" }.joined()
    }
    var propertyNames: [String] { ["tbl"] }
    func property(_ name: String) throws -> Value? {
        guard name == "tbl" else { return nil }
        let rows = profile.profiles.flatMap { p in p.points.map { (p.parameter, $0.zeta, $0.value) } }
        return .object(ColumnTableObject(try DataTable(columns: [
            Column(name: "p", strings: rows.map(\.0)), Column(name: "ζ", doubles: rows.map(\.1)),
            Column(name: "value", doubles: rows.map(\.2)),
        ])))
    }
}

/// The result of `parametricbootstrap`: MixedModels.jl's `MixedModelBootstrap`.
final class BootstrapObject: LanguageObject {
    let samp: MixedModelBootstrap
    init(_ samp: MixedModelBootstrap) { self.samp = samp }
    var typeName: String { "MixedModelBootstrap{Float64}" }
    func display() -> String { "MixedModelBootstrap with \(samp.count) samples" }
    var propertyNames: [String] {
        ["allpars", "objective", "σ", "β", "se", "coefpvalues", "θ", "σs", "λ", "inds", "lowerbd", "fits", "fcnames",
         "tbl"]
    }

    func property(_ name: String) throws -> Value? {
        switch name {
        case "tbl": return .object(ColumnTableObject(try tbl()))
        case "objective": return ModelValues.vector(samp.fits.map(\.objective))
        case "σ", "sigma":
            guard samp.hasDispersion else {
                return .array(ArrayBox(samp.fits.map { _ in Value.missing }, elementType: "Missing"))
            }
            return ModelValues.vector(samp.fits.map(\.sigma))
        case "θ", "theta": return .array(ArrayBox(samp.fits.map { ModelValues.vector($0.theta) }, elementType: "Vector{Float64}"))
        case "se": return .array(ArrayBox(samp.fits.map { ModelValues.vector($0.se) }, elementType: "Vector{Float64}"))
        case "lowerbd": return ModelValues.vector(samp.lowerbd)
        case "fcnames":
            return .namedTuple(names: samp.terms.map(\.grouping),
                               values: samp.terms.map { .tuple($0.columns.map(Value.string)) })
        case "allpars":
            let rows = samp.allpars
            return .object(ColumnTableObject(try DataTable(columns: [
                Column(name: "iter", integers: rows.map { Int64($0.iter) }),
                Column(name: "type", strings: rows.map(\.type)),
                Column(name: "group", strings: rows.map { $0.group ?? "" }, missing: rows.map { $0.group == nil }),
                Column(name: "names", strings: rows.map { $0.names ?? "" }, missing: rows.map { $0.names == nil }),
                Column(name: "value", doubles: rows.map(\.value)),
            ])))
        case "coefpvalues":
            let rows = samp.coefpvalues
            return .object(ColumnTableObject(try DataTable(columns: [
                Column(name: "iter", integers: rows.map { Int64($0.iter) }),
                Column(name: "coefname", strings: rows.map(\.coefname)),
                Column(name: "β", doubles: rows.map(\.beta)), Column(name: "se", doubles: rows.map(\.se)),
                Column(name: "z", doubles: rows.map(\.z)), Column(name: "p", doubles: rows.map(\.p)),
            ])))
        case "β", "beta":
            let rows = samp.betas
            return .object(ColumnTableObject(try DataTable(columns: [
                Column(name: "iter", integers: rows.map { Int64($0.iter) }),
                Column(name: "coefname", strings: rows.map(\.coefname)), Column(name: "β", doubles: rows.map(\.beta)),
            ])))
        case "σs", "sigmas":
            let rows = samp.sigmas
            return .object(ColumnTableObject(try DataTable(columns: [
                Column(name: "iter", integers: rows.map { Int64($0.iter) }),
                Column(name: "group", strings: rows.map(\.group)), Column(name: "column", strings: rows.map(\.column)),
                Column(name: "σ", doubles: rows.map(\.sigma)),
            ])))
        case "λ", "inds", "fits":
            throw LanguageError("property `\(name)` of a MixedModelBootstrap is not provided by this implementation; "
                                + "use .tbl, .allpars or .θ")
        default: return nil
        }
    }

    func tbl() throws -> DataTable {
        let names = samp.tableColumnNames
        let rows = samp.table
        let absent = samp.missingTableColumns
        return try DataTable(columns: names.enumerated().map { j, name in
            absent.contains(name)
                ? Column(name: name, doubles: rows.map { _ in 0 }, missing: rows.map { _ in true })
                : Column(name: name, doubles: rows.map { $0[j] })
        })
    }
}
extension RandomGeneratorObject: RandomGeneratorValue {}
