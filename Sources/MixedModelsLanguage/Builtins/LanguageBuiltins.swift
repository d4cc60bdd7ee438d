import Foundation

/// Operators as functions, exceptions, ranges, array constructors and the other builtins the language core owns.
extension BuiltinLibrary {
    mutating func registerLanguage() {
        registerOperatorFunctions()
        registerExceptions()
        registerArrayConstructors()
        add("isa") { c in
            try c.expectCount(2)
            return try Operators.binary("isa", c.positional[0], c.positional[1], c.interpreter)
        }
        add("isapprox", keywords: ["atol", "rtol"]) { c in
            try c.expectCount(2)
            return .bool(try Approximation.isApprox(c.positional[0], c.positional[1],
                                                    atol: try c.doubleKeyword("atol") ?? 0,
                                                    rtol: try c.doubleKeyword("rtol")))
        }
        add("identity") { c in try c.expectCount(1); return c.positional[0] }
        types["undef"] = .type("UndefInitializer")
        add("eachindex") { c in
            try c.expectCount(1)
            return .range(start: 1, step: 1, stop: try Iteration.count(of: c.positional[0]))
        }
        add("axes") { c in
            try c.expectCount(1...2, "axes(A) or axes(A, d)")
            let shape = Broadcasting.shape(of: c.positional[0]) ?? []
            let ranges = shape.map { Value.range(start: 1, step: 1, stop: $0) }
            if c.count == 2 {
                let d = try c.integer(1)
                guard d >= 1 else { throw JuliaException.boundsError(.tuple(ranges), [.int(d)]) }
                return d <= ranges.count ? ranges[d - 1] : .range(start: 1, step: 1, stop: 1)
            }
            return .tuple(ranges)
        }
        add("isodd") { c in try c.expectCount(1); return .bool(try c.integer(0) % 2 != 0) }
        add("iseven") { c in try c.expectCount(1); return .bool(try c.integer(0) % 2 == 0) }
        add("ifelse") { c in
            try c.expectCount(3)
            guard case .bool(let b) = c.positional[0] else { throw c.wrongType(0, expected: "a Bool") }
            return b ? c.positional[1] : c.positional[2]
        }
        add("range", keywords: ["length", "step", "stop"]) { c in
            try c.expectCount(1...3, "range(start, stop; length) or range(start, stop, length)")
            let start = c.positional[0]
            let stop = c.count >= 2 ? c.positional[1] : c.keyword("stop")
            let length = c.count == 3 ? try c.integer(2) : try c.intKeyword("length")
            let step = c.keyword("step")
            switch (stop, length, step) {
            case (let stop?, let n?, nil):
                guard let a = start.asDouble, let b = stop.asDouble else { throw c.wrongType(0, expected: "a number") }
                return .object(try FloatRange.linear(a, b, length: n))
            case (let stop?, nil, let s?):
                return try Operators.range(start, s, stop)
            case (let stop?, nil, nil):
                return try Operators.range(start, .int(1), stop)
            case (nil, let n?, let s?):
                if case .int(let a) = start, case .int(let st) = s {
                    guard st != 0 else { throw JuliaException.argumentError("step cannot be zero") }
                    return .range(start: a, step: st, stop: a &+ (n &- 1) &* st)
                }
                guard let a = start.asDouble, let st = s.asDouble else { throw c.wrongType(0, expected: "a number") }
                return .object(FloatRange(startNumerator: a, stepNumerator: st, denominator: 1, length: n))
            default:
                throw JuliaException.argumentError("range needs a stop and a length or step")
            }
        }
        add("step") { c in
            try c.expectCount(1)
            switch c.positional[0] {
            case .range(_, let s, _): return .int(s)
            case .object(let r as FloatRange): return .float(r.step)
            default: throw c.wrongType(0, expected: "a range")
            }
        }
    }

    private mutating func registerOperatorFunctions() {
        let binary = ["+", "-", "*", "/", "^", "÷", "%", "\\", "==", "!=", "≠", "<", ">", "<=", ">=", "≤", "≥",
                      "=>", "in", "∈", "∉", "≈", "===", "!==", "&", "|", "∘"]
        for op in binary {
            add(op) { c in
                if c.count == 1 && ["==", "!=", "≠", "<", ">", "<=", ">=", "≤", "≥", "in", "∈", "∉", "≈", "isequal"]
                    .contains(op) {
                    // `==(x)`: the function `y -> y == x` (Julia's `Base.Fix2`).
                    let fixed = c.positional[0]
                    return .function(Function("Fix2(\(op), \(Display.repr(fixed)))") { inner in
                        try inner.expectCount(1)
                        return try Operators.binary(op, inner.positional[0], fixed, inner.interpreter)
                    })
                }
                if c.count == 1 && (op == "-" || op == "+") { return try Operators.unary(op, c.positional[0]) }
                try c.expectCount(2...Int.max)
                var total = c.positional[0]
                for v in c.positional.dropFirst() { total = try Operators.binary(op, total, v, c.interpreter) }
                return total
            }
        }
        add("!") { c in try c.expectCount(1); return try Operators.unary("!", c.positional[0]) }
        for name in ["div", "rem", "mod"] {
            add(name) { c in
                try c.expectCount(2)
                if case .int(let a) = c.positional[0], case .int(let b) = c.positional[1] {
                    return .int(try IntegerDivision.apply(name, a, b))
                }
                let a = try c.double(0), b = try c.double(1)
                switch name {
                case "div": return .float((a / b).rounded(.towardZero))
                case "rem": return .float(fmod(a, b))
                default:
                    let r = fmod(a, b)
                    return .float(r != 0 && (r < 0) != (b < 0) ? r + b : r)
                }
            }
        }
        add("typemin") { c in try typeLimit(c, minimum: true) }
        add("typemax") { c in try typeLimit(c, minimum: false) }
    }

    private mutating func registerExceptions() {
        for type in ["MethodError", "TypeError", "UndefKeywordError", "Exception"] {
            types[type] = .type(type)
        }
        for type in JuliaException.constructible.keys {
            add(type, isType: true) { c in .object(try JuliaException.construct(type, c.positional)) }
        }
        add("error") { c in
            throw LanguageError(exception: JuliaException("ErrorException", msg: c.positional.map(Display.printed).joined()))
        }
        add("throw") { c in
            try c.expectCount(1)
            if case .object(let e as JuliaException) = c.positional[0] { throw LanguageError(exception: e) }
            var error = LanguageError(Display.repr(c.positional[0]))
            error.thrown = c.positional[0]
            throw error
        }
        add("rethrow") { c in
            try c.expectCount(0...1)
            if c.count == 1 {
                _ = try c.interpreter.call(.function(c.interpreter.library.functions["throw"]!), c.positional)
            }
            guard let current = c.interpreter.handling.last else {
                throw LanguageError("rethrow() is only meaningful inside a `catch` block")
            }
            var error = current
            error.offset = nil
            throw error
        }
    }

    private mutating func registerArrayConstructors() {
        add("vcat") { c in
            if c.positional.contains(where: { if case .array(let a) = $0 { return a.shape.count == 2 }; return false }) {
                return try Concatenation.vcatMatrices(c.positional)
            }
            return Concatenation.vcat(c.positional)
        }
        add("hcat") { c in try Concatenation.hcat(c.positional) }
    }
}

private func typeLimit(_ c: CallContext, minimum: Bool) throws -> Value {
    try c.expectCount(1)
    let name: String
    switch c.positional[0] {
    case .type(let t): name = t
    case .function(let f) where f.isType: name = f.name
    default: throw c.wrongType(0, expected: "a type such as Int or Float64")
    }
    switch name {
    case "Int", "Int64": return .int(minimum ? .min : .max)
    case "Float64": return .float(minimum ? -.infinity : .infinity)
    case "Bool": return .bool(!minimum)
    default: throw LanguageError("\(c.name)(\(name)) is not supported: expected Int64, Float64 or Bool")
    }
}
