/// Julia's abstract types, as far as `isa` and method signatures need them.
enum TypeHierarchy {
    /// `value isa type` for a type given by name (`Real`, `AbstractVector`, `Vector{Float64}` …).
    static func isa(_ value: Value, _ type: String) -> Bool {
        let name = type == "Int" ? "Int64" : type
        let actual = value.typeName
        if actual == name { return true }
        switch name {
        case "Any": return true
        case "Number", "Real":
            switch value { case .int, .float, .bool: return true; default: return false }
        case "Integer":
            switch value { case .int, .bool: return true; default: return false }
        case "Signed": if case .int = value { return true }
        case "AbstractFloat": if case .float = value { return true }
        case "AbstractString": if case .string = value { return true }
        case "AbstractChar": if case .char = value { return true }
        case "Function":
            if case .function(let f) = value { return !f.isType }
        case "Exception": if case .object(let o) = value { return o is JuliaException }
        case "AbstractArray", "AbstractVector", "AbstractMatrix", "Array", "Vector", "Matrix":
            return isArray(value, name)
        case "AbstractRange", "OrdinalRange":
            if case .range = value { return true }
            if case .object(let o) = value { return o is FloatRange }
        case "Tuple": if case .tuple = value { return true }
        case "NamedTuple": if case .namedTuple = value { return true }
        case "AbstractDict", "Dict": if case .dict = value { return true }
        case "Type", "DataType":
            switch value { case .type: return true; case .function(let f): return f.isType; default: return false }
        default: break
        }
        if let brace = name.firstIndex(of: "{") {
            let base = String(name[..<brace])
            if name.contains("<:") { return isa(value, base) }
            return actual.hasPrefix(name) || (["AbstractVector", "AbstractArray", "AbstractMatrix"].contains(base)
                && isArray(value, base) && actual.contains(String(name[brace...]).dropFirst().dropLast()))
        }
        return actual.hasPrefix(name + "{")
    }

    private static func isArray(_ value: Value, _ name: String) -> Bool {
        let dimensions: Int?
        let isDense: Bool
        switch value {
        case .array(let a): dimensions = a.shape.count; isDense = a.viewLink == nil || a.viewLink?.kind == .reshape
        case .range: dimensions = 1; isDense = false
        case .object(let o) where o is FloatRange: dimensions = 1; isDense = false
        default: return false
        }
        switch name {
        case "AbstractVector": return dimensions == 1
        case "AbstractMatrix": return dimensions == 2
        case "Vector": return isDense && dimensions == 1
        case "Matrix": return isDense && dimensions == 2
        case "Array": return isDense
        default: return true
        }
    }

    /// How specific an annotation is, to pick the most specific method.
    static func specificity(_ type: String) -> Int {
        switch type {
        case "Any": 0
        case "Number", "AbstractArray": 1
        case "Real", "AbstractVector", "AbstractMatrix": 2
        case "Integer", "AbstractFloat", "Array": 3
        default: 4
        }
    }
}
