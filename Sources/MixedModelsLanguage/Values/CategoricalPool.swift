import DataTables

/// The levels of a `CategoricalArray` (CategoricalArrays.jl): an array value whose `categoricalPool` is set holds
/// its elements as plain values (strings or numbers) and keeps the level order, orderedness and reference type here.
final class CategoricalPool {
    /// The levels in level order, as plain values.
    var levels: [Value]
    var isOrdered: Bool
    /// `UInt32`, or `UInt8` after `compress`.
    var referenceType: ElementType
    /// Set when the array is a data-frame column (`df.g`): writes the new levels back to the column, so that
    /// `levels!(df.g, …)` changes the data frame as in Julia, where `df.g` is the column itself.
    var onChange: (() -> Void)?

    init(levels: [Value], isOrdered: Bool = false, referenceType: ElementType = .uint32) {
        self.levels = levels
        self.isOrdered = isOrdered
        self.referenceType = referenceType
    }

    func copy() -> CategoricalPool {
        CategoricalPool(levels: levels, isOrdered: isOrdered, referenceType: referenceType)
    }

    /// The element type without `Missing`: `String` for `Union{Missing, String}`.
    static func baseType(_ elementType: String) -> String {
        guard elementType.hasPrefix("Union{Missing, "), elementType.hasSuffix("}") else { return elementType }
        return String(elementType.dropFirst("Union{Missing, ".count).dropLast())
    }

    /// `CategoricalValue{String, UInt32}`: the type of one element.
    func valueTypeName(elementType: String) -> String {
        "CategoricalValue{\(CategoricalPool.baseType(elementType)), \(referenceType.juliaName)}"
    }

    /// `typeof(x)`: `CategoricalVector{String, UInt32, String, CategoricalValue{String, UInt32}, Union{}}`.
    func arrayTypeName(elementType: String, dimensions: Int) -> String {
        let base = CategoricalPool.baseType(elementType)
        let tail = "\(base), \(valueTypeName(elementType: elementType)), \(base == elementType ? "Union{}" : "Missing")"
        return switch dimensions {
        case 1: "CategoricalVector{\(elementType), \(referenceType.juliaName), \(tail)}"
        case 2: "CategoricalMatrix{\(elementType), \(referenceType.juliaName), \(tail)}"
        default: "CategoricalArray{\(elementType), \(dimensions), \(referenceType.juliaName), \(tail)}"
        }
    }

    /// The summary CategoricalArrays prints above the elements: `CategoricalArray{String,1,UInt32}`.
    func summaryName(elementType: String, dimensions: Int) -> String {
        "CategoricalArray{\(elementType),\(dimensions),\(referenceType.juliaName)}"
    }

    /// The level order as a table column keeps it.
    var columnLevels: CategoricalLevels {
        CategoricalLevels(levels: levels.map(Display.printed), isOrdered: isOrdered, referenceType: referenceType)
    }

    /// The pool of a table column's levels, given the column's element kind.
    static func fromColumn(_ levels: CategoricalLevels, elementType: ElementType) -> CategoricalPool {
        let values: [Value] = levels.levels.map { label in
            switch elementType {
            case .string: return .string(label)
            case .bool: return .bool(label == "true")
            case .float32, .float64: return Double(label).map(Value.float) ?? .string(label)
            default: return Int(label).map(Value.int) ?? .string(label)
            }
        }
        return CategoricalPool(levels: values, isOrdered: levels.isOrdered, referenceType: levels.referenceType)
    }

    /// The 1-based position of `value` among the levels, nil when it is not a level.
    func position(of value: Value) -> Int? {
        let key = DictBox.identity(of: value)
        return levels.firstIndex { DictBox.identity(of: $0) == key }.map { $0 + 1 }
    }
}
