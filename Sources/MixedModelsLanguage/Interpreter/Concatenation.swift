/// `[a b]`, `[a; b]`, `[1 2; 3 4]`: Julia's `hcat`, `vcat` and `hvcat` of scalars, vectors and matrices.
enum Concatenation {
    /// A block of a concatenation: its rows, columns and column-major elements.
    private struct Block {
        var rows: Int
        var columns: Int
        var elements: [Value]

        init(_ v: Value) throws {
            switch v {
            case .array(let a) where a.shape.count == 2:
                rows = a.shape[0]; columns = a.shape[1]; elements = a.elements
            case .array(let a) where a.shape.count == 1:
                rows = a.count; columns = 1; elements = a.elements
            case .range, .object(is any IterableObject):
                elements = try Iteration.elements(of: v); rows = elements.count; columns = 1
            case .array:
                throw LanguageError("cannot concatenate arrays of more than two dimensions")
            default:
                rows = 1; columns = 1; elements = [v]
            }
        }

        init(rows: Int, columns: Int, elements: [Value]) {
            self.rows = rows
            self.columns = columns
            self.elements = elements
        }

        /// The element in row `i`, column `j` (0-based).
        func at(_ i: Int, _ j: Int) -> Value { elements[i + j * rows] }
    }

    /// The value of a concatenation literal with the given rows of items.
    static func literal(_ rows: [[Value]], _ interpreter: Interpreter) throws -> Value {
        let isVector: (Value) -> Bool = { v in
            if case .array(let a) = v { return a.shape.count == 1 }
            if case .range = v { return true }
            return Broadcasting.shape(of: v) == nil
        }
        if rows.allSatisfy({ $0.count == 1 }) && rows.allSatisfy({ isVector($0[0]) }) {
            return vcat(rows.map { $0[0] })
        }
        let blocks = try rows.map { row in try horizontal(row.map(Block.init)) }
        return try .array(box(vertical(blocks)))
    }

    /// `vcat` of scalars and vectors: one vector.
    static func vcat(_ values: [Value]) -> Value {
        var out: [Value] = []
        for v in values {
            if let items = try? Iteration.elements(of: v), Broadcasting.shape(of: v) != nil {
                out += items
            } else {
                out.append(v)
            }
        }
        return .array(ArrayBox.literal(out))
    }

    /// `hcat` of the values (vectors become columns).
    static func hcat(_ values: [Value]) throws -> Value {
        .array(box(try horizontal(values.map(Block.init))))
    }

    /// `vcat` when some value is a matrix: rows stacked.
    static func vcatMatrices(_ values: [Value]) throws -> Value {
        .array(box(try vertical(values.map(Block.init))))
    }

    private static func horizontal(_ blocks: [Block]) throws -> Block {
        guard let first = blocks.first else { return Block(rows: 0, columns: 0, elements: []) }
        for b in blocks where b.rows != first.rows {
            throw JuliaException.dimensionMismatch("number of rows of each array must match (got \(first.rows) and \(b.rows))")
        }
        return Block(rows: first.rows, columns: blocks.reduce(0) { $0 + $1.columns },
                     elements: blocks.flatMap(\.elements))
    }

    private static func vertical(_ blocks: [Block]) throws -> Block {
        guard let first = blocks.first else { return Block(rows: 0, columns: 0, elements: []) }
        for b in blocks where b.columns != first.columns {
            throw JuliaException.dimensionMismatch(
                "number of columns of each array must match (got \(first.columns) and \(b.columns))")
        }
        let rows = blocks.reduce(0) { $0 + $1.rows }
        try Memory.reserve(rows * first.columns)
        var elements: [Value] = []
        elements.reserveCapacity(rows * first.columns)
        for j in 0..<first.columns {
            for b in blocks { for i in 0..<b.rows { elements.append(b.at(i, j)) } }
        }
        return Block(rows: rows, columns: first.columns, elements: elements)
    }

    private static func box(_ b: Block) -> ArrayBox {
        let box = ArrayBox.literal(b.elements)
        box.shape = [b.rows, b.columns]
        return box
    }
}
