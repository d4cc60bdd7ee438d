import Foundation

extension BuiltinLibrary {
    /// Scalar functions, reductions and number conversions.
    mutating func registerMathematics() {
        for (name, f) in [("exp", exp), ("sqrt", sqrt), ("log10", log10), ("log2", log2), ("sin", sin), ("cos", cos),
                          ("tan", tan), ("atan", atan), ("log1p", log1p), ("expm1", expm1)] as [(String, (Double) -> Double)] {
            add(name) { c in
                try c.expectCount(1)
                if case .array = c.positional[0] {
                    throw LanguageError("\(name) applies to a number; use \(name).(x) to apply it to each element")
                }
                let x = try c.double(0)
                if (name == "sqrt" && x < 0) || (name.hasPrefix("log") && x < 0) {
                    throw LanguageError("DomainError: \(name) of the negative number \(JuliaFormat.number(x)) "
                                        + "is not a real number")
                }
                return .float(f(x))
            }
        }
        add("log") { c in
            try c.expectCount(1...2, "log(x) or log(base, x)")
            let x = try c.double(c.count - 1)
            if x < 0 { throw LanguageError("DomainError: log of a negative number is not a real number") }
            return c.count == 2 ? .float(Foundation.log(x) / Foundation.log(try c.double(0))) : .float(Foundation.log(x))
        }
        add("abs") { c in
            try c.expectCount(1)
            switch c.positional[0] {
            case .int(let i): return .int(i < 0 ? 0 &- i : i)
            default: return .float(Swift.abs(try c.double(0)))
            }
        }
        add("abs2") { c in
            try c.expectCount(1)
            if case .int(let i) = c.positional[0] { return .int(i &* i) }
            let x = try c.double(0)
            return .float(x * x)
        }
        add("round", keywords: ["digits", "sigdigits"]) { c in
            try c.expectCount(1...2, "round(x) or round(Int, x)")
            if c.count == 2 {
                guard c.positional[0].namedType == "Int64" else { throw c.wrongType(0, expected: "Int") }
                return .int(Int((try c.double(1)).rounded(.toNearestOrEven)))
            }
            if case .int = c.positional[0] { return c.positional[0] }
            return .float(try roundNumber(try c.double(0), digits: c.intKeyword("digits"),
                                          sigdigits: c.intKeyword("sigdigits")))
        }
        add("floor") { c in try c.expectCount(1); return .float(try c.double(0).rounded(.down)) }
        add("ceil") { c in try c.expectCount(1); return .float(try c.double(0).rounded(.up)) }
        add("isnan") { c in try c.expectCount(1); return .bool(try c.double(0).isNaN) }
        add("float") { c in try c.expectCount(1); return .float(try c.double(0)) }
        add("Float64", isType: true) { c in try c.expectCount(1); return .float(try c.double(0)) }
        add("Int", isType: true) { c in
            try c.expectCount(1)
            let d = try c.double(0)
            guard d == d.rounded(), Swift.abs(d) < 9.2e18 else {
                throw LanguageError("InexactError: \(JuliaFormat.number(d)) cannot be converted to an Int64")
            }
            return .int(Int(d))
        }
        add("min") { c in try c.expectCount(2...Int.max); return try extreme(c.positional, smallest: true) }
        add("max") { c in try c.expectCount(2...Int.max); return try extreme(c.positional, smallest: false) }
        add("minimum") { c in try c.expectCount(1); return try extreme(nonEmpty(c), smallest: true) }
        add("maximum") { c in try c.expectCount(1); return try extreme(nonEmpty(c), smallest: false) }
        add("sum") { c in try c.expectCount(1); return try sum(Iteration.elements(of: c.positional[0]), c) }
        add("prod") { c in
            try c.expectCount(1)
            return try Iteration.elements(of: c.positional[0]).reduce(Value.int(1)) {
                try Operators.binary("*", $0, $1, c.interpreter)
            }
        }
        add("cumsum") { c in
            try c.expectCount(1)
            var total = Value.int(0)
            let out = try Iteration.elements(of: c.positional[0]).map { v -> Value in
                total = try Operators.binary("+", total, v, c.interpreter)
                return total
            }
            return .array(ArrayBox.literal(out))
        }
    }
}

/// Julia's number formatting for messages.
enum JuliaFormat {
    static func number(_ x: Double) -> String { Display.repr(.float(x)) }
}

private func nonEmpty(_ c: CallContext) throws -> [Value] {
    let items = try Iteration.elements(of: c.positional[0])
    guard !items.isEmpty else { throw LanguageError("\(c.name) of an empty collection is undefined") }
    return items
}

private func sum(_ items: [Value], _ c: CallContext) throws -> Value {
    guard var total = items.first else { return .int(0) }
    for item in items.dropFirst() {
        try c.interpreter.checkDeadline()
        total = try Operators.binary("+", total, item, c.interpreter)
    }
    return total
}

private func extreme(_ items: [Value], smallest: Bool) throws -> Value {
    var best = items[0]
    for item in items.dropFirst() {
        guard let a = item.asDouble, let b = best.asDouble else {
            if case .string(let s) = item, case .string(let t) = best {
                if smallest ? s < t : s > t { best = item }
                continue
            }
            throw LanguageError("cannot compare \(item.described) with \(best.described)")
        }
        if a.isNaN { return item }
        if smallest ? a < b : a > b { best = item }
    }
    if items.contains(where: { if case .float = $0 { return true } else { return false } }), let d = best.asDouble {
        return .float(d)
    }
    return best
}

/// `round(x; digits)` / `round(x; sigdigits)`, ties to even as Julia.
func roundNumber(_ x: Double, digits: Int?, sigdigits: Int?) throws -> Double {
    if digits != nil && sigdigits != nil {
        throw LanguageError("round takes digits or sigdigits, not both")
    }
    if let digits {
        let scale = pow(10.0, Double(digits))
        return (x * scale).rounded(.toNearestOrEven) / scale
    }
    if let sigdigits {
        guard sigdigits > 0 else { throw LanguageError("sigdigits must be positive") }
        guard x != 0, x.isFinite else { return x }
        let magnitude = Int(Foundation.floor(Foundation.log10(Swift.abs(x)))) + 1
        let scale = pow(10.0, Double(sigdigits - magnitude))
        return (x * scale).rounded(.toNearestOrEven) / scale
    }
    return x.rounded(.toNearestOrEven)
}
