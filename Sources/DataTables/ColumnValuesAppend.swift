extension ColumnValues {
    /// Appends values of the same kind (the readers only concatenate chunks of one column).
    mutating func append(contentsOf other: ColumnValues) {
        switch (self, other) {
        case (.string(var a), .string(let b)): self = .string([]); a += b; self = .string(a)
        case (.integer(var a), .integer(let b)): self = .integer([]); a += b; self = .integer(a)
        case (.float(var a), .float(let b)): self = .float([]); a += b; self = .float(a)
        case (.bool(var a), .bool(let b)): self = .bool([]); a += b; self = .bool(a)
        default: preconditionFailure("appending \(other) values to a column of another kind")
        }
    }
}
