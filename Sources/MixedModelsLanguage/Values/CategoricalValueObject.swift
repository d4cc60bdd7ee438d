/// One element of a categorical array: CategoricalArrays' `CategoricalValue`, a level together with its pool.
/// It prints as its level (`print`, `string`, interpolation) and displays with its type, and, for an ordered
/// pool, its level code out of the number of levels: `CategoricalValue{String, UInt32} "high" (3/3)`.
final class CategoricalValueObject: LanguageObject {
    let value: Value
    let pool: CategoricalPool
    let elementType: String

    init(_ value: Value, pool: CategoricalPool, elementType: String) {
        self.value = value
        self.pool = pool
        self.elementType = elementType
    }

    var typeName: String { pool.valueTypeName(elementType: elementType) }

    /// `levelcode(x)`: the 1-based position of the level.
    var levelCode: Int { pool.position(of: value) ?? 0 }

    func display() -> String {
        "\(typeName) \(Display.repr(value))" + (pool.isOrdered ? " (\(levelCode)/\(pool.levels.count))" : "")
    }

    func printed() -> String { Display.printed(value) }

    func isEqual(to other: any LanguageObject) -> Bool {
        guard let other = other as? CategoricalValueObject else { return false }
        return Equality.equal(value, other.value)
    }

    /// What `x[i]` of a categorical array gives: a `CategoricalValue` for one element, a categorical array (with a
    /// copy of the levels) for several, `missing` as it is.
    static func wrapped(_ result: Value, of array: ArrayBox, pool: CategoricalPool) -> Value {
        switch result {
        case .missing: return result
        case .array(let b):
            b.categoricalPool = pool.copy()
            return result
        default: return .object(CategoricalValueObject(result, pool: pool, elementType: array.elementType))
        }
    }
}

extension BuiltinLibrary {
    /// Comparisons of categorical values: `==` by level, order by level position for an ordered pool (an error
    /// for an unordered one, as CategoricalArrays gives).
    mutating func registerCategoricalValues() {
        objectOperators.append { op, l, r in
            let lc: CategoricalValueObject? = if case .object(let o as CategoricalValueObject) = l { o } else { nil }
            let rc: CategoricalValueObject? = if case .object(let o as CategoricalValueObject) = r { o } else { nil }
            guard lc != nil || rc != nil else { return nil }
            let (a, b) = (lc?.value ?? l, rc?.value ?? r)
            if ["<", ">", "<=", ">=", "≤", "≥"].contains(op) {
                guard let pool = (lc ?? rc)?.pool, pool.isOrdered else {
                    throw JuliaException.argumentError("Unordered CategoricalValue objects cannot be tested for order "
                        + "using \(op). Use isless instead, or call the ordered! function on the parent array to "
                        + "change this")
                }
                guard let i = pool.position(of: a), let j = pool.position(of: b) else {
                    throw JuliaException.argumentError("\(Display.repr(lc == nil ? a : b)) is not a level of the "
                                                       + "categorical value it is compared with")
                }
                switch op {
                case "<": return .bool(i < j)
                case ">": return .bool(i > j)
                case "<=", "≤": return .bool(i <= j)
                default: return .bool(i >= j)
                }
            }
            switch op {
            case "==": return .bool(Equality.equal(a, b))
            case "!=", "≠": return .bool(!Equality.equal(a, b))
            default: return nil
            }
        }
        add("levelcode") { c in
            try c.expectCount(1, "levelcode(x)")
            guard case .object(let v as CategoricalValueObject) = c.positional[0] else {
                if case .missing = c.positional[0] { return .missing }
                throw c.wrongType(0, expected: "a CategoricalValue")
            }
            return .int(v.levelCode)
        }
    }
}
