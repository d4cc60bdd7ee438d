/// A Julia array: elements in column-major order, a shape, and the element type's name.
///
/// Homogeneous `Float64`, `Int64` and `Bool` arrays are stored unboxed (8 bytes per number, 1 per Bool); `elements`
/// presents any array as language values (materialised once and cached for unboxed storage), and `doubles`, `ints`,
/// `bools`, `element(_:)` and `setElement(_:_:)` reach the typed storage directly.
final class ArrayBox {
    enum Storage {
        case values([Value])
        case doubles([Double])
        case ints([Int])
        case bools([Bool])
    }

    /// The elements; for a view, a copy of the parent's elements refreshed whenever the parent changed.
    private(set) var storage: Storage {
        get {
            if let link = viewLink, link.syncedVersion != link.parent.version { refresh(from: link) }
            return stored
        }
        set { stored = newValue }
    }
    private var stored: Storage { didSet { version &+= 1 } }
    /// Counts changes to the elements, so that views of this array know when to refresh.
    private(set) var version = 0
    /// Set for `view(A, …)`, `A'` and `transpose(A)`: the parent whose elements this array shows, and writes go to.
    private(set) var viewLink: ViewLink?
    /// The boxed form of unboxed storage, built on first use of `elements`.
    private var boxed: [Value]?
    var shape: [Int]
    /// True for the `BitArray` results of broadcasts (`x .> 0`), which Julia names `BitVector`/`BitMatrix`.
    var isBitArray = false
    /// Set for a `CategoricalArray`: its levels and order (the elements are held as their plain values).
    var categoricalPool: CategoricalPool?
    /// `Float64`, `Int64`, `String`, `Matrix{Float64}`, `Any` …
    var elementType: String {
        didSet { if elementType != oldValue { storage = ArrayBox.pack(elements, elementType); boxed = nil } }
    }

    init(_ elements: [Value], shape: [Int]? = nil, elementType: String? = nil) {
        let type = elementType ?? ArrayBox.commonType(of: elements)
        self.stored = ArrayBox.pack(elements, type)
        self.shape = shape ?? [elements.count]
        self.elementType = type
    }

    /// A vector of doubles.
    init(doubles: [Double]) {
        stored = .doubles(doubles)
        shape = [doubles.count]
        elementType = "Float64"
    }

    /// A column-major matrix of doubles.
    init(doubles: [Double], rows: Int, columns: Int) {
        stored = .doubles(doubles)
        shape = [rows, columns]
        elementType = "Float64"
    }

    /// An array of integers of the given shape (a vector by default).
    init(ints: [Int], shape: [Int]? = nil) {
        stored = .ints(ints)
        self.shape = shape ?? [ints.count]
        elementType = "Int64"
    }

    /// An array of Bools of the given shape (a vector by default).
    init(bools: [Bool], shape: [Int]? = nil) {
        stored = .bools(bools)
        self.shape = shape ?? [bools.count]
        elementType = "Bool"
    }

    /// Unboxed storage for homogeneous numbers and Bools, boxed values otherwise.
    private static func pack(_ values: [Value], _ type: String) -> Storage {
        switch type {
        case "Float64":
            var out: [Double] = []
            out.reserveCapacity(values.count)
            for v in values {
                guard case .float(let d) = v else { return .values(values) }
                out.append(d)
            }
            return .doubles(out)
        case "Int64":
            var out: [Int] = []
            out.reserveCapacity(values.count)
            for v in values {
                guard case .int(let i) = v else { return .values(values) }
                out.append(i)
            }
            return .ints(out)
        case "Bool":
            var out: [Bool] = []
            out.reserveCapacity(values.count)
            for v in values {
                guard case .bool(let b) = v else { return .values(values) }
                out.append(b)
            }
            return .bools(out)
        default:
            return .values(values)
        }
    }

    /// The elements as language values, in column-major order.
    var elements: [Value] {
        get {
            switch storage {
            case .values(let v): return v
            default:
                if let boxed { return boxed }
                let made: [Value]
                switch storage {
                case .doubles(let d): made = d.map(Value.float)
                case .ints(let i): made = i.map(Value.int)
                case .bools(let b): made = b.map(Value.bool)
                case .values(let v): made = v
                }
                boxed = made
                return made
            }
        }
        set {
            if let link = viewLink {
                for (k, p) in link.positions.enumerated() where k < newValue.count && p < link.parent.count {
                    link.parent.setElement(p, newValue[k])
                }
            }
            storage = ArrayBox.pack(newValue, elementType)
            boxed = nil
            if let link = viewLink { link.syncedVersion = link.parent.version }
        }
    }

    /// A view of `parent`: the elements at `positions` (0-based, column-major) in the given shape.
    init(viewing parent: ArrayBox, positions: [Int], shape: [Int], kind: ViewLink.Kind) {
        elementType = parent.elementType
        stored = ArrayBox.pack(positions.map(parent.element), parent.elementType)
        self.shape = shape
        isBitArray = parent.isBitArray
        viewLink = ViewLink(parent: parent, positions: positions, kind: kind)
    }

    private func refresh(from link: ViewLink) {
        // A parent that shrank (`empty!`, `pop!`) leaves positions past its end: those keep their last value.
        let parent = link.parent, count = parent.count, old = stored
        let values = link.positions.enumerated().map { k, p in
            p < count ? parent.element(p) : ArrayBox.element(of: old, k)
        }
        stored = ArrayBox.pack(values, elementType)
        boxed = nil
        link.syncedVersion = link.parent.version
    }

    /// The unboxed doubles of a `Float64` array, nil for other storage.
    var doubles: [Double]? {
        if case .doubles(let d) = storage { return d }
        return nil
    }

    /// The unboxed integers of an `Int64` array, nil for other storage.
    var ints: [Int]? {
        if case .ints(let i) = storage { return i }
        return nil
    }

    /// The unboxed values of a `Bool` array, nil for other storage.
    var bools: [Bool]? {
        if case .bools(let b) = storage { return b }
        return nil
    }

    var count: Int {
        switch storage {
        case .values(let v): v.count
        case .doubles(let d): d.count
        case .ints(let i): i.count
        case .bools(let b): b.count
        }
    }

    /// The element at a 0-based column-major position.
    func element(_ i: Int) -> Value {
        ArrayBox.element(of: storage, i)
    }

    @inline(__always)
    private static func element(of storage: Storage, _ i: Int) -> Value {
        switch storage {
        case .values(let v): v[i]
        case .doubles(let d): .float(d[i])
        case .ints(let n): .int(n[i])
        case .bools(let b): .bool(b[i])
        }
    }

    /// Replaces the element at a 0-based position (the value already has the array's element type); a view writes
    /// through to its parent.
    func setElement(_ i: Int, _ value: Value) {
        if let link = viewLink, link.positions[i] < link.parent.count {
            link.parent.setElement(link.positions[i], value)
            link.syncedVersion = link.parent.version
        }
        boxed = nil
        switch (storage, value) {
        case (.doubles(var d), .float(let x)):
            storage = .values([])
            d[i] = x
            storage = .doubles(d)
        case (.ints(var n), .int(let x)):
            storage = .values([])
            n[i] = x
            storage = .ints(n)
        case (.bools(var b), .bool(let x)):
            storage = .values([])
            b[i] = x
            storage = .bools(b)
        case (.values(var v), _):
            storage = .values([])
            v[i] = value
            storage = .values(v)
        default:
            var v = elements
            v[i] = value
            storage = .values(v)
        }
    }

    /// Appends an element (the value already has the array's element type); the shape is the caller's to update.
    func appendElement(_ value: Value) {
        boxed = nil
        switch (storage, value) {
        case (.doubles(var d), .float(let x)):
            storage = .values([])
            d.append(x)
            storage = .doubles(d)
        case (.ints(var n), .int(let x)):
            storage = .values([])
            n.append(x)
            storage = .ints(n)
        case (.bools(var b), .bool(let x)):
            storage = .values([])
            b.append(x)
            storage = .bools(b)
        case (.values(var v), _):
            storage = .values([])
            v.append(value)
            storage = .values(v)
        default:
            var v = elements
            v.append(value)
            storage = .values(v)
        }
    }

    /// `Vector{Float64}`, `Matrix{Float64}`, `Array{Float64, 3}`.
    var typeName: String {
        if let categoricalPool { return categoricalPool.arrayTypeName(elementType: elementType, dimensions: shape.count) }
        if let viewLink { return viewLink.typeName(elementType: elementType, dimensions: shape.count) }
        if isBitArray && elementType == "Bool" {
            return shape.count == 1 ? "BitVector" : (shape.count == 2 ? "BitMatrix" : "BitArray{\(shape.count)}")
        }
        return switch shape.count {
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
            return ArrayBox(doubles: values.map { $0.asDouble ?? .nan })
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
        case .char(let c): "c:\(c.value)"
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
