import DataTables

/// Property access and assignment: `fm1.β`, `pastes.sample = …`, `MixedModels.dataset`.
enum Properties {
    static func get(_ value: Value, _ name: String, _ interpreter: Interpreter) throws -> Value {
        switch value {
        case .module(let module):
            if let f = interpreter.library.qualified(module, name) { return f }
            throw LanguageError("module \(module) has no `\(name)`\(hint(name, interpreter.library.members(of: module)))")
        case .object(let o):
            if let v = try o.property(name) { return v }
            throw LanguageError("\(o.typeName) has no property `\(name)`\(hint(name, o.propertyNames))")
        case .namedTuple(let names, let values):
            if let i = names.firstIndex(of: name) { return values[i] }
            throw LanguageError("the named tuple has no field `\(name)`\(hint(name, names))")
        case .pair(let p) where name == "first" || name == "second":
            return name == "first" ? p.first : p.second
        default:
            throw LanguageError("\(value.described) has no property `\(name)`")
        }
    }

    static func set(_ value: Value, _ name: String, _ newValue: Value) throws {
        guard case .object(let o) = value else {
            throw LanguageError("cannot set property `\(name)` of \(value.described)")
        }
        try o.setProperty(name, newValue)
    }

    static func hint(_ name: String, _ candidates: [String]) -> String {
        let close = closeNames(to: name, among: candidates)
        return close.isEmpty ? "" : "; did you mean \(close.map { "`\($0)`" }.joined(separator: ", "))?"
    }
}

/// Indexing `a[i]`, `a[i, j]`, `d[:key]` and index assignment.
enum Indexing {
    static func get(_ value: Value, _ indices: [Value]) throws -> Value {
        switch value {
        case .array(let a):
            return try arrayGet(a, indices)
        case .tuple(let items):
            let i = try single(indices, count: items.count, of: value)
            return items[i]
        case .namedTuple(let names, let values):
            if indices.count == 1, case .symbol(let s) = indices[0] {
                guard let i = names.firstIndex(of: s) else {
                    throw LanguageError("the named tuple has no field :\(s)\(Properties.hint(s, names))")
                }
                return values[i]
            }
            return values[try single(indices, count: values.count, of: value)]
        case .range(let start, let step, let stop):
            let i = try single(indices, count: Iteration.rangeCount(start, step, stop), of: value)
            return .int(start + i * step)
        case .string(let s):
            let chars = Array(s)
            return .string(String(chars[try single(indices, count: chars.count, of: value)]))
        case .dict(let d):
            guard indices.count == 1 else { throw LanguageError("a dictionary takes one key in `[…]`") }
            guard let v = d[indices[0]] else {
                throw LanguageError("key \(Display.repr(indices[0])) not found in the \(d.typeName)")
            }
            return v
        case .object(let o):
            if let v = try o.index(indices) { return v }
            throw LanguageError("\(o.typeName) cannot be indexed with `[…]`")
        default:
            throw LanguageError("\(value.described) cannot be indexed with `[…]`")
        }
    }

    static func set(_ value: Value, _ indices: [Value], _ newValue: Value) throws {
        switch value {
        case .array(let a):
            let i = try linearIndex(a, indices)
            var v = newValue
            if a.elementType == "Float64", let d = newValue.asDouble { v = .float(d) }
            guard a.elementType == "Any" || v.typeName == a.elementType else {
                throw LanguageError("cannot store \(newValue.described) in a \(a.typeName)")
            }
            a.elements[i] = v
        case .dict(let d):
            guard indices.count == 1 else { throw LanguageError("a dictionary takes one key in `[…]`") }
            try d.set(indices[0], newValue)
        case .object(let o as IndexAssignable):
            try o.setIndex(indices, newValue)
        default:
            throw LanguageError("cannot assign to an element of \(value.described)")
        }
    }

    /// A 0-based position from one 1-based integer index.
    private static func single(_ indices: [Value], count: Int, of value: Value) throws -> Int {
        guard indices.count == 1 else {
            throw LanguageError("expected one index for \(value.described), got \(indices.count)")
        }
        return try position(indices[0], count: count, of: value)
    }

    private static func position(_ index: Value, count: Int, of value: Value) throws -> Int {
        guard case .int(let i) = index else {
            throw LanguageError("expected an integer index, got \(index.described)")
        }
        guard i >= 1 && i <= count else {
            throw LanguageError("index \(i) is out of range for \(value.described) of length \(count): "
                                + "expected 1 to \(count)")
        }
        return i - 1
    }

    private static func isColon(_ v: Value) -> Bool {
        if case .type("Colon") = v { return true }
        return false
    }

    private static func arrayGet(_ a: ArrayBox, _ indices: [Value]) throws -> Value {
        if indices.count == 1 {
            switch indices[0] {
            case .range, .array:
                let positions = try Iteration.elements(of: indices[0])
                    .map { try position($0, count: a.count, of: .array(a)) }
                return .array(ArrayBox(positions.map { a.elements[$0] }, elementType: a.elementType))
            case let c where isColon(c):
                return .array(ArrayBox(a.elements, elementType: a.elementType))
            default:
                break
            }
        }
        return a.elements[try linearIndex(a, indices)]
    }

    /// The column-major position of `a[i, j, …]` (a single index is linear).
    private static func linearIndex(_ a: ArrayBox, _ indices: [Value]) throws -> Int {
        if indices.count == 1 { return try position(indices[0], count: a.count, of: .array(a)) }
        guard indices.count == a.shape.count else {
            throw LanguageError("expected \(a.shape.count) indices for a \(a.typeName), got \(indices.count)")
        }
        var linear = 0
        var stride = 1
        for (k, index) in indices.enumerated() {
            guard case .int(let i) = index else {
                throw LanguageError("expected an integer index, got \(index.described)")
            }
            guard i >= 1 && i <= a.shape[k] else {
                let dims = a.shape.map(String.init).joined(separator: "×")
                throw LanguageError("index \(i) in dimension \(k + 1) is out of range for a \(dims) "
                                    + "\(a.typeName): expected 1 to \(a.shape[k])")
            }
            linear += (i - 1) * stride
            stride *= a.shape[k]
        }
        return linear
    }
}
