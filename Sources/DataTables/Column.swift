import TextDisplay

/// The element type a column was stored with, kept so displays can name it as Julia does
/// (`Int8`, `Float32`, …) even though values are held in a few wide Swift types.
public enum ElementType: String, Equatable, Hashable, Sendable, CaseIterable {
    case string, bool
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float32, float64

    /// Julia's name of the type: `String`, `Int16`, `Float64`, `Bool`, `UInt8`, …
    public var juliaName: String {
        switch self {
        case .string: "String"
        case .bool: "Bool"
        case .int8: "Int8"
        case .int16: "Int16"
        case .int32: "Int32"
        case .int64: "Int64"
        case .uint8: "UInt8"
        case .uint16: "UInt16"
        case .uint32: "UInt32"
        case .uint64: "UInt64"
        case .float32: "Float32"
        case .float64: "Float64"
        }
    }

    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
    public var isNumeric: Bool { isInteger || isFloatingPoint }
}

/// The values of a column, in the widest Swift type of their kind.
/// Integers of every width are held as `Int64` (UInt64 values above `Int64.max` are rejected by the readers),
/// `Float32` values as the exactly equal `Double`. A missing entry holds a placeholder (`""`, `false`, `0`)
/// and is flagged in `Column.missing`.
public enum ColumnValues: Equatable, Sendable {
    case string([String])
    case bool([Bool])
    case integer([Int64])
    case float([Double])

    public var count: Int {
        switch self {
        case .string(let v): v.count
        case .bool(let v): v.count
        case .integer(let v): v.count
        case .float(let v): v.count
        }
    }
}

/// A named, typed column with optional missing values.
public struct Column: Equatable, Sendable {
    public var name: String
    public var elementType: ElementType
    public var values: ColumnValues
    /// `missing[i]` is true when row `i` is missing; `nil` when the column has no missing values.
    public var missing: [Bool]?
    /// True when the element type admits `missing` (`Union{Missing, T}`) even if no entry is missing now,
    /// as for the right-hand columns of a `leftjoin`.
    public var allowsMissing: Bool
    /// Set for a `CategoricalArray` column: its level order, which model matrices and tables follow.
    public var categorical: CategoricalLevels?

    public init(name: String, elementType: ElementType, values: ColumnValues, missing: [Bool]? = nil,
                allowsMissing: Bool = false) {
        precondition(missing == nil || missing!.count == values.count, "missing mask length differs from values")
        self.name = name
        self.elementType = elementType
        self.values = values
        self.missing = (missing?.contains(true) ?? false) ? missing : nil
        self.allowsMissing = allowsMissing || self.missing != nil
    }

    public init(name: String, strings: [String], missing: [Bool]? = nil) {
        self.init(name: name, elementType: .string, values: .string(strings), missing: missing)
    }

    public init(name: String, doubles: [Double], elementType: ElementType = .float64, missing: [Bool]? = nil) {
        self.init(name: name, elementType: elementType, values: .float(doubles), missing: missing)
    }

    public init(name: String, integers: [Int64], elementType: ElementType = .int64, missing: [Bool]? = nil) {
        self.init(name: name, elementType: elementType, values: .integer(integers), missing: missing)
    }

    public init(name: String, bools: [Bool], missing: [Bool]? = nil) {
        self.init(name: name, elementType: .bool, values: .bool(bools), missing: missing)
    }

    public var count: Int { values.count }
    public var hasMissing: Bool { missing != nil }
    public var missingCount: Int { missing?.reduce(0) { $0 + ($1 ? 1 : 0) } ?? 0 }
    public func isMissing(_ row: Int) -> Bool { missing?[row] ?? false }

    /// Julia's element type name, `Union{Missing, T}` when the column has missing values.
    public var juliaTypeName: String {
        allowsMissing ? "Union{Missing, \(elementName)}" : elementName
    }

    /// The type of the present entries: the element type, or `CategoricalValue{T, R}` for a categorical column.
    public var elementName: String {
        categorical.map { "CategoricalValue{\(elementType.juliaName), \($0.referenceType.juliaName)}" }
            ?? elementType.juliaName
    }

    /// The values as doubles (integers and booleans converted); `nil` for string columns.
    /// Missing entries become NaN.
    public var doubles: [Double]? {
        var out: [Double]
        switch values {
        case .string: return nil
        case .bool(let v): out = v.map { $0 ? 1 : 0 }
        case .integer(let v): out = v.map { Double($0) }
        case .float(let v): out = v
        }
        if let missing {
            for i in out.indices where missing[i] { out[i] = .nan }
        }
        return out
    }

    /// The values rendered as level labels: strings as they are, numbers in Julia's `string(x)` form.
    public var labels: [String] {
        switch values {
        case .string(let v): v
        case .bool(let v): v.map { $0 ? "true" : "false" }
        case .integer(let v): v.map { String($0) }
        case .float(let v): v.map { JuliaFloatFormat.shortest($0) }
        }
    }
}
/// The pool of a `CategoricalArray` column (CategoricalArrays.jl): level labels in level order, whether the
/// levels are ordered, and the integer type of the reference codes (`UInt32`, or `UInt8` after `compress`).
public struct CategoricalLevels: Equatable, Sendable {
    /// Labels as `string(level)` gives them, in level order (which need not be sorted).
    public var levels: [String]
    public var isOrdered: Bool
    public var referenceType: ElementType

    public init(levels: [String], isOrdered: Bool = false, referenceType: ElementType = .uint32) {
        self.levels = levels
        self.isOrdered = isOrdered
        self.referenceType = referenceType
    }
}
