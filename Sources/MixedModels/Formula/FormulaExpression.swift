import Foundation

/// An arithmetic expression as written inside a formula: the body of a function term such as `abs2(age)`,
/// `log(x + 1)` or a response such as `incid / hsz`. Printed the way Julia prints the expression.
public indirect enum FormulaExpression: Hashable, Sendable, CustomStringConvertible {
    /// A column of the data table.
    case symbol(String)
    /// A numeric literal, with the text it was written as.
    case number(Double, literal: String)
    /// A call of a named function: `abs2(age)`.
    case call(String, [FormulaExpression])
    /// An infix operator (`+ - * / ^`) with two or more operands (Julia chains `+` and `*`),
    /// or a prefix `-` with one operand.
    case operation(String, [FormulaExpression])

    /// Julia's `string(expr)`: operators spaced, parentheses only where precedence needs them.
    public var description: String {
        switch self {
        case .symbol(let name): return name
        case .number(_, let literal): return literal
        case .call(let name, let arguments):
            return "\(name)(\(arguments.map(\.description).joined(separator: ", ")))"
        case .operation(let op, let operands):
            if operands.count == 1 {
                let inner = operands[0]
                return "\(op)" + (inner.isInfixOperation ? "(\(inner))" : inner.description)
            }
            let precedence = FormulaExpression.precedence(of: op)
            return operands.map { operand in
                if case .operation(let inner, let innerOperands) = operand, innerOperands.count > 1,
                   FormulaExpression.precedence(of: inner) <= precedence {
                    return "(\(operand))"
                }
                return operand.description
            }.joined(separator: " \(op) ")
        }
    }

    /// The column names the expression reads, in order of first appearance.
    public var symbols: [String] {
        var seen: [String] = []
        collectSymbols(into: &seen)
        return seen
    }

    func collectSymbols(into seen: inout [String]) {
        switch self {
        case .symbol(let name): if !seen.contains(name) { seen.append(name) }
        case .number: break
        case .call(_, let arguments): for a in arguments { a.collectSymbols(into: &seen) }
        case .operation(_, let operands): for o in operands { o.collectSymbols(into: &seen) }
        }
    }

    private var isInfixOperation: Bool {
        if case .operation(_, let operands) = self { return operands.count > 1 }
        return false
    }

    /// Julia's operator precedences for the operators a formula can hold.
    static func precedence(of op: String) -> Int {
        switch op {
        case "~": return 1
        case "+", "-", "|": return 11
        case "*", "/", "&": return 12
        case "^": return 15
        default: return 20
        }
    }
}

/// The elementwise functions a function term may call, by Julia name.
enum FormulaFunction {
    static let unary: [String: (Double) -> Double] = [
        "abs2": { $0 * $0 },
        "abs": { Swift.abs($0) },
        "log": { $0 < 0 ? .nan : Foundation.log($0) },
        "log10": { $0 < 0 ? .nan : Foundation.log10($0) },
        "log2": { $0 < 0 ? .nan : Foundation.log2($0) },
        "log1p": { $0 < -1 ? .nan : Foundation.log1p($0) },
        "exp": { Foundation.exp($0) },
        "expm1": { Foundation.expm1($0) },
        "sqrt": { $0 < 0 ? .nan : Foundation.sqrt($0) },
    ]

    static var names: [String] { unary.keys.sorted() }
}
