/// The arguments of one builtin call and access to the interpreter that made it.
struct CallContext {
    let name: String
    let positional: [Value]
    let keywords: [(name: String, value: Value)]
    let interpreter: Interpreter

    var count: Int { positional.count }

    /// Throws once the block's time is up (or it was cancelled). Call it in every loop over elements: it is cheap
    /// (the clock is read every 256th call).
    func checkDeadline() throws { try interpreter.checkDeadline() }

    /// Throws Julia's `OutOfMemoryError()` unless `count` elements of `bytes` bytes each fit in the session's memory
    /// budget. Call it before allocating storage whose size the block chose (8 bytes per unboxed number; use
    /// `MemoryLayout<Value>.stride` for boxed values).
    func reserve(_ count: Int, bytes: Int = 8) throws { try Memory.reserve(count, bytes: bytes) }

    /// Throws unless the number of positional arguments is in `range`.
    func expectCount(_ range: ClosedRange<Int>, _ signature: String? = nil) throws {
        guard range.contains(positional.count) else {
            let expected = range.lowerBound == range.upperBound
                ? "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
                : range.upperBound == Int.max
                    ? "at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
                    : "\(range.lowerBound) to \(range.upperBound) arguments"
            let sig = signature.map { " (\($0))" } ?? ""
            throw LanguageError("\(name) expects \(expected)\(sig), got \(positional.count)")
        }
    }

    func expectCount(_ n: Int, _ signature: String? = nil) throws { try expectCount(n...n, signature) }

    func argument(_ i: Int) throws -> Value {
        guard i < positional.count else { throw LanguageError("\(name) expects an argument at position \(i + 1)") }
        return positional[i]
    }

    /// A type error naming the argument and what was expected.
    func wrongType(_ i: Int, expected: String) -> LanguageError {
        let got = i < positional.count ? positional[i].described : "nothing"
        return LanguageError("argument \(i + 1) of \(name) must be \(expected), got \(got)")
    }

    func double(_ i: Int) throws -> Double {
        guard let d = try argument(i).asDouble else { throw wrongType(i, expected: "a number") }
        return d
    }

    func integer(_ i: Int) throws -> Int {
        switch try argument(i) {
        case .int(let n): return n
        case .float(let d) where d == d.rounded() && abs(d) < 9e18: return Int(d)
        default: throw wrongType(i, expected: "an integer")
        }
    }

    func string(_ i: Int) throws -> String {
        switch try argument(i) {
        case .string(let s): return s
        case .char(let c): return String(Character(c))
        default: throw wrongType(i, expected: "a String")
        }
    }

    /// A symbol or string argument as a name.
    func name(_ i: Int) throws -> String {
        switch try argument(i) {
        case .symbol(let s), .string(let s): return s
        default: throw wrongType(i, expected: "a Symbol such as :name")
        }
    }

    func keyword(_ key: String) -> Value? {
        keywords.last { $0.name == key }?.value
    }

    func boolKeyword(_ key: String, default value: Bool) throws -> Bool {
        guard let v = keyword(key) else { return value }
        guard case .bool(let b) = v else {
            throw LanguageError("keyword \(key) of \(name) must be true or false, got \(v.described)")
        }
        return b
    }

    func intKeyword(_ key: String) throws -> Int? {
        guard let v = keyword(key) else { return nil }
        guard case .int(let n) = v else {
            throw LanguageError("keyword \(key) of \(name) must be an integer, got \(v.described)")
        }
        return n
    }

    func doubleKeyword(_ key: String) throws -> Double? {
        guard let v = keyword(key) else { return nil }
        guard let d = v.asDouble else {
            throw LanguageError("keyword \(key) of \(name) must be a number, got \(v.described)")
        }
        return d
    }
}
