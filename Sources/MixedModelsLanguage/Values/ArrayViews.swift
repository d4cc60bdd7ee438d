/// Julia's lazy array wrappers — `view(A, i, :)` (a `SubArray`), `A'` (an `Adjoint`) and `transpose(A)` — as arrays
/// linked to their parent: reads see the parent's current elements and writes go through to it.
///
/// The wrapper keeps its own copy of the selected elements, refreshed when the parent has changed since (see
/// `ArrayBox.viewLink`), so every builtin that reads arrays reads views unchanged.
final class ViewLink {
    enum Kind: Equatable {
        /// `view(A, indices…)`, with the indices as given (for the type and the display).
        case sub([Value])
        case adjoint
        case transpose
        /// `vec(A)`: a dense array sharing A's storage, which Julia types and shows as a plain `Vector`.
        case reshape

        static func == (l: Kind, r: Kind) -> Bool {
            switch (l, r) {
            case (.adjoint, .adjoint), (.transpose, .transpose), (.reshape, .reshape): true
            case (.sub(let a), .sub(let b)): a.map { Display.repr($0) } == b.map { Display.repr($0) }
            default: false
            }
        }
    }

    let parent: ArrayBox
    /// The parent positions (0-based, column-major) of the view's elements, in the view's column-major order.
    let positions: [Int]
    let kind: Kind
    /// The parent's `version` when the view's elements were last copied from it.
    var syncedVersion: Int

    init(parent: ArrayBox, positions: [Int], kind: Kind) {
        self.parent = parent
        self.positions = positions
        self.kind = kind
        syncedVersion = parent.version
    }

    /// `SubArray{Float64, 1, Matrix{Float64}, Tuple{Int64, Base.Slice{Base.OneTo{Int64}}}, true}`, `Adjoint{…}`.
    func typeName(elementType: String, dimensions: Int) -> String {
        switch kind {
        case .reshape: return dimensions == 1 ? "Vector{\(elementType)}" : "Array{\(elementType), \(dimensions)}"
        case .adjoint: return "Adjoint{\(elementType), \(parent.typeName)}"
        case .transpose: return "Transpose{\(elementType), \(parent.typeName)}"
        case .sub(let indices):
            let types = indices.map(ViewLink.indexType).joined(separator: ", ")
            return "SubArray{\(elementType), \(dimensions), \(parent.typeName), Tuple{\(types)}, "
                + "\(ViewLink.isLinear(indices))}"
        }
    }

    /// What the display's header names instead of `Vector{T}`: `view(::Matrix{Float64}, 1, :) with eltype Float64`.
    func summary(elementType: String) -> String {
        let wrapped: String
        switch kind {
        case .reshape: return "Vector{\(elementType)}"
        case .adjoint: wrapped = "adjoint(::\(parent.typeName))"
        case .transpose: wrapped = "transpose(::\(parent.typeName))"
        case .sub(let indices):
            let shown = indices.map { DataFrameIndexing.isColon($0) ? ":" : Display.repr($0) }
            wrapped = "view(::\(parent.typeName), \(shown.joined(separator: ", ")))"
        }
        return "\(wrapped) with eltype \(elementType)"
    }

    private static func indexType(_ index: Value) -> String {
        if DataFrameIndexing.isColon(index) { return "Base.Slice{Base.OneTo{Int64}}" }
        switch index {
        case .int: return "Int64"
        case .range(_, let step, _): return step == 1 ? "UnitRange{Int64}" : "StepRange{Int64, Int64}"
        case .array(let a) where a.elementType == "Bool": return "Base.LogicalIndex{Int64, \(a.typeName)}"
        default: return index.typeName
        }
    }

    /// Julia's `viewindexing`: linear indexing is fast when, after leading scalars and pairs of slices, at most one
    /// range remains, followed only by scalars.
    private static func isLinear(_ indices: [Value]) -> Bool {
        var rest = indices[...]
        while let first = rest.first {
            if case .int = first {
                rest = rest.dropFirst()
            } else if rest.count >= 2, DataFrameIndexing.isColon(first), DataFrameIndexing.isColon(rest.dropFirst().first!) {
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard let first = rest.first else { return true }
        let isRange: Bool
        switch first {
        case .range: isRange = true
        default: isRange = DataFrameIndexing.isColon(first)
        }
        return isRange && rest.dropFirst().allSatisfy { if case .int = $0 { true } else { false } }
    }
}

extension ArrayBox {
    /// True for `x'` and `transpose(x)` of a vector: a row whose product with a vector is a number.
    var isAdjointVector: Bool {
        guard let link = viewLink, link.kind == .adjoint || link.kind == .transpose else { return false }
        return link.parent.shape.count == 1
    }

    /// `A'` or `transpose(A)` of a vector (a 1×n row) or a matrix, as a view; the wrapper of a wrapper is the parent.
    static func transposed(_ a: ArrayBox, kind: ViewLink.Kind) throws -> ArrayBox {
        if let link = a.viewLink, link.kind == kind { return link.parent }
        switch a.shape.count {
        case 1:
            return ArrayBox(viewing: a, positions: Array(0..<a.count), shape: [1, a.count], kind: kind)
        case 2:
            let m = a.shape[0], n = a.shape[1]
            var positions: [Int] = []
            positions.reserveCapacity(a.count)
            for j in 0..<m { for i in 0..<n { positions.append(j + i * m) } }
            return ArrayBox(viewing: a, positions: positions, shape: [n, m], kind: kind)
        default:
            throw LanguageError("\(kind == .adjoint ? "adjoint" : "transpose") needs a vector or matrix, got a "
                                + a.typeName)
        }
    }
}

extension BuiltinLibrary {
    /// `view`, `adjoint`, `transpose` (and postfix `'`), `parent`.
    mutating func registerArrayViews() {
        add("view") { c in
            try c.expectCount(1...Int.max, "view(A, indices...)")
            if c.count == 1 { return c.positional[0] }
            let indices = Array(c.positional.dropFirst())
            // A view of a range, or one element (a 0-dimensional view in Julia), is its value here.
            guard case .array(let a) = c.positional[0], !indices.allSatisfy({ $0.asDouble != nil }) else {
                return try Indexing.get(c.positional[0], indices)
            }
            let selected = try Indexing.selection(a, indices)
            return .array(ArrayBox(viewing: a, positions: selected.positions, shape: selected.shape,
                                   kind: .sub(indices)))
        }
        for (name, kind) in [("adjoint", ViewLink.Kind.adjoint), ("transpose", .transpose)] {
            add(name) { c in
                try c.expectCount(1)
                guard case .array(let a) = c.positional[0] else {
                    if c.positional[0].asDouble != nil { return c.positional[0] }
                    throw c.wrongType(0, expected: "a number, vector or matrix")
                }
                return .array(try ArrayBox.transposed(a, kind: kind))
            }
        }
        add("parent") { c in
            try c.expectCount(1)
            guard case .array(let a) = c.positional[0] else { return c.positional[0] }
            return .array(a.viewLink?.parent ?? a)
        }
    }
}
