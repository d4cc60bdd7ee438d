/// A Julia array: elements in column-major order, a shape, and the element type's name.
final class ArrayBox {
    var elements: [Value]
    var shape: [Int]
    /// `Float64`, `Int64`, `String`, `Matrix{Float64}`, `Any` …
    var elementType: String

    init(_ elements: [Value], shape: [Int]? = nil, elementType: String? = nil) {
        self.elements = elements
        self.shape = shape ?? [elements.count]
        self.elementType = elementType ?? ArrayBox.commonType(of: elements)
    }

    /// A vector of doubles.
    convenience init(doubles: [Double]) {
        self.init(doubles.map { .float($0) }, elementType: "Float64")
    }

    /// A column-major matrix of doubles.
    convenience init(doubles: [Double], rows: Int, columns: Int) {
        self.init(doubles.map { .float($0) }, shape: [rows, columns], elementType: "Float64")
    }

    var count: Int { elements.count }

    /// `Vector{Float64}`, `Matrix{Float64}`, `Array{Float64, 3}`.
    var typeName: String {
        switch shape.count {
        case 1: "Vector{\(elementType)}"
        case 2: "Matrix{\(elementType)}"
        default: "Array{\(elementType), \(shape.count)}"
        }
    }

    /// Julia's element type of an array literal: numbers promote to Float64; mixed kinds give `Any`.
    static func commonType(of values: [Value]) -> String {
        guard let first = values.first else { return "Any" }
        var name = first.typeName
        for v in values.dropFirst() {
            let t = v.typeName
            if t == name { continue }
            if (t == "Int64" || t == "Float64") && (name == "Int64" || name == "Float64") {
                name = "Float64"
            } else if t == "Missing" || name == "Missing" {
                let other = t == "Missing" ? name : t
                name = other.hasPrefix("Union{Missing") ? other : "Union{Missing, \(other)}"
            } else {
                return "Any"
            }
        }
        return name
    }

    /// Builds an array literal's value, converting integers to floats when the element type is Float64.
    static func literal(_ values: [Value]) -> ArrayBox {
        let type = commonType(of: values)
        if type == "Float64" {
            return ArrayBox(values.map { v in v.asDouble.map(Value.float) ?? v }, elementType: type)
        }
        return ArrayBox(values, elementType: type)
    }
}

/// An insertion-ordered dictionary (`Dict` keeps insertion order here; `sort` gives an `OrderedDict`).
final class DictBox {
    private(set) var keys: [Value] = []
    private(set) var values: [Value] = []
    private var positions: [String: Int] = [:]
    /// `Dict` or `OrderedCollections.OrderedDict`.
    var kindName: String
    /// Declared key and value types (`Dict{Symbol,Float64}()`), or nil to infer from the entries.
    var keyType: String?
    var valueType: String?

    init(kindName: String = "Dict", keyType: String? = nil, valueType: String? = nil) {
        self.kindName = kindName
        self.keyType = keyType
        self.valueType = valueType
    }

    var count: Int { keys.count }

    var typeName: String {
        "\(kindName){\(keyType ?? ArrayBox.commonType(of: keys)), \(valueType ?? ArrayBox.commonType(of: values))}"
    }

    /// A hashable identity for a key: its type and its `repr`.
    static func identity(of key: Value) -> String {
        switch key {
        case .int(let i): "n:\(i)"
        case .float(let d): d == d.rounded() && abs(d) < 1e15 ? "n:\(Int(d))" : "f:\(d)"
        case .string(let s): "s:\(s)"
        case .symbol(let s): "y:\(s)"
        case .bool(let b): "b:\(b)"
        default: "o:\(Display.repr(key))"
        }
    }

    subscript(key: Value) -> Value? {
        positions[DictBox.identity(of: key)].map { values[$0] }
    }

    func set(_ key: Value, _ value: Value) throws {
        let stored = try convert(value, to: valueType, what: "value")
        let storedKey = try convert(key, to: keyType, what: "key")
        let id = DictBox.identity(of: storedKey)
        if let i = positions[id] {
            values[i] = stored
        } else {
            positions[id] = keys.count
            keys.append(storedKey)
            values.append(stored)
        }
    }

    private func convert(_ value: Value, to type: String?, what: String) throws -> Value {
        guard let type, type != "Any", value.typeName != type else { return value }
        switch (type, value) {
        case ("Float64", .int(let i)): return .float(Double(i))
        case ("Int64", .float(let d)) where d == d.rounded(): return .int(Int(d))
        default:
            throw LanguageError("cannot store \(value.described) as a \(what) of a \(typeName): expected a \(type)")
        }
    }

    var entries: [(key: Value, value: Value)] { Array(zip(keys, values)).map { ($0.0, $0.1) } }
}
