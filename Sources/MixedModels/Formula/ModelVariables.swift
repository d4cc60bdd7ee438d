import DataTables
import Foundation

/// The columns a formula reads, restricted to the rows kept, with each variable's kind decided once:
/// strings and booleans are categorical, numbers continuous unless the contrasts name them.
final class ModelVariables {
    let formula: Formula
    let table: DataTable
    let rows: [Int]
    let contrasts: [String: ContrastCoding]
    private var continuousCache: [String: [Double]] = [:]
    private var categoricalCache: [String: CategoricalData] = [:]

    init(formula: Formula, table: DataTable, rows: [Int], contrasts: [String: ContrastCoding]) {
        self.formula = formula
        self.table = table
        self.rows = rows
        self.contrasts = contrasts
    }

    var count: Int { rows.count }

    func error(_ message: String, variable: String? = nil) -> FormulaError {
        FormulaError(message, source: formula.source, column: variable.flatMap(formula.column(of:)))
    }

    func column(_ name: String) throws -> Column {
        guard let column = table[name] else {
            let close = closeNames(to: name, among: table.columnNames)
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { ":\($0)" }.joined(separator: ", "))?"
            throw error("unknown column :\(name)\(hint)", variable: name)
        }
        return column
    }

    /// Whether a predictor variable is categorical.
    func isCategorical(_ name: String) throws -> Bool {
        let c = try column(name)
        return !c.elementType.isNumeric || contrasts[name] != nil
    }

    /// The coding the user asked for, or dummy coding.
    func coding(_ name: String) -> ContrastCoding { contrasts[name] ?? .dummy() }

    /// The values of a numeric or boolean column over the kept rows.
    func continuous(_ name: String) throws -> [Double] {
        if let cached = continuousCache[name] { return cached }
        let c = try column(name)
        let values: [Double]
        switch c.values {
        case .float(let v): values = rows.map { v[$0] }
        case .integer(let v): values = rows.map { Double(v[$0]) }
        case .bool(let v): values = rows.map { v[$0] ? 1 : 0 }
        case .string:
            throw error("column :\(name) holds strings; a number is needed here", variable: name)
        }
        continuousCache[name] = values
        return values
    }

    /// The levels and per-row levels of a column over the kept rows.
    func categorical(_ name: String) throws -> CategoricalData {
        if let cached = categoricalCache[name] { return cached }
        let c = try column(name)
        var data = CategoricalData(column: c, rows: rows)
        if let pool = c.categorical { data = data.ordered(as: pool.levels) }
        categoricalCache[name] = data
        return data
    }

    /// A grouping factor: one column (of any type) or the occurring combinations of several.
    func grouping(_ names: [String]) throws -> CategoricalData {
        if names.count == 1 { return try categorical(names[0]) }
        let factors = try names.map(categorical)
        let quoted = try names.map { try column($0).elementType == .string }
        return CategoricalData.combinations(of: factors, quoted: quoted)
    }

    /// A function of columns evaluated on every kept row.
    func evaluate(_ expression: FormulaExpression) throws -> [Double] {
        switch expression {
        case .symbol(let name):
            return try continuous(name)
        case .number(let value, _):
            return [Double](repeating: value, count: count)
        case .call(let name, let arguments):
            guard let f = FormulaFunction.unary[name], arguments.count == 1 else {
                throw error("unknown function \(name)")
            }
            let input = try evaluate(arguments[0])
            let output = input.map(f)
            if let i = output.indices.first(where: { output[$0].isNaN && !input[$0].isNaN }) {
                throw error("\(name)(\(arguments[0])) is undefined for \(input[i]) in row \(rows[i] + 1)")
            }
            return output
        case .operation(let op, let operands):
            var acc = try evaluate(operands[0])
            if operands.count == 1 { return op == "-" ? acc.map { -$0 } : acc }
            for operand in operands.dropFirst() {
                let next = try evaluate(operand)
                switch op {
                case "+": for i in acc.indices { acc[i] += next[i] }
                case "-": for i in acc.indices { acc[i] -= next[i] }
                case "*": for i in acc.indices { acc[i] *= next[i] }
                case "/": for i in acc.indices { acc[i] /= next[i] }
                case "^":
                    for i in acc.indices {
                        let power = pow(acc[i], next[i])
                        if power.isNaN && !acc[i].isNaN && !next[i].isNaN {
                            throw error("\(acc[i]) ^ \(next[i]) is undefined (row \(rows[i] + 1))")
                        }
                        acc[i] = power
                    }
                default: throw error("unknown operator \(op)")
                }
            }
            return acc
        }
    }
}
