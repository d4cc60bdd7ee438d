// A minimal, bounds-checked FlatBuffers reader: just what the Arrow metadata needs
// (tables with vtables, scalars, strings, vectors of tables and structs, unions).

/// A FlatBuffers table: `position` holds a signed offset back to its vtable.
struct FlatTable {
    let view: ByteView
    let position: Int
    private let vtable: Int
    private let vtableSize: Int
    private let inlineSize: Int

    /// The root table of a FlatBuffers buffer.
    static func root(of view: ByteView) throws -> FlatTable {
        let offset = Int(try view.load(UInt32.self, at: 0))
        return try FlatTable(view: view, position: offset)
    }

    init(view: ByteView, position: Int) throws {
        self.view = view
        self.position = position
        let soffset = Int(try view.load(Int32.self, at: position))
        let vtable = position - soffset
        let vtableSize = Int(try view.load(UInt16.self, at: vtable))
        let inlineSize = Int(try view.load(UInt16.self, at: vtable + 2))
        guard vtableSize >= 4, vtableSize % 2 == 0 else {
            throw ArrowFormatError("corrupt FlatBuffers vtable size \(vtableSize)")
        }
        try view.check(offset: vtable, length: vtableSize, "FlatBuffers vtable")
        try view.check(offset: position, length: inlineSize, "FlatBuffers table")
        self.vtable = vtable
        self.vtableSize = vtableSize
        self.inlineSize = inlineSize
    }

    /// Position of field `id` in the buffer, or nil when the field is absent.
    private func fieldPosition(_ id: Int, size: Int) throws -> Int? {
        let entry = 4 + 2 * id
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(try view.load(UInt16.self, at: vtable + entry))
        guard offset != 0 else { return nil }
        guard offset + size <= inlineSize else {
            throw ArrowFormatError("FlatBuffers field \(id) lies outside its table")
        }
        return position + offset
    }

    func scalar<T: FixedWidthInteger>(_ id: Int, default value: T) throws -> T {
        guard let p = try fieldPosition(id, size: MemoryLayout<T>.size) else { return value }
        return try view.load(T.self, at: p)
    }

    func bool(_ id: Int, default value: Bool = false) throws -> Bool {
        try scalar(id, default: value ? UInt8(1) : UInt8(0)) != 0
    }

    /// Target of the unsigned offset stored in field `id`.
    private func indirect(_ id: Int) throws -> Int? {
        guard let p = try fieldPosition(id, size: 4) else { return nil }
        let offset = Int(try view.load(UInt32.self, at: p))
        let target = p + offset
        try view.check(offset: target, length: 4, "FlatBuffers reference")
        return target
    }

    func table(_ id: Int) throws -> FlatTable? {
        guard let target = try indirect(id) else { return nil }
        return try FlatTable(view: view, position: target)
    }

    func vector(_ id: Int, elementSize: Int) throws -> FlatVector? {
        guard let target = try indirect(id) else { return nil }
        let count = Int(try view.load(UInt32.self, at: target))
        let start = target + 4
        guard count <= (view.count - start) / elementSize else {
            throw ArrowFormatError("FlatBuffers vector of \(count) elements overruns its buffer")
        }
        return FlatVector(view: view, start: start, count: count, elementSize: elementSize)
    }

    func string(_ id: Int) throws -> String? {
        guard let v = try vector(id, elementSize: 1) else { return nil }
        let bytes = try view.slice(offset: v.start, length: v.count, "string").bytes
        guard let s = validatedUTF8String(bytes) else {
            throw ArrowFormatError("a name in the metadata is not valid UTF-8")
        }
        return s
    }
}

/// A FlatBuffers vector: `count` elements of `elementSize` bytes from `start`.
struct FlatVector {
    let view: ByteView
    let start: Int
    let count: Int
    let elementSize: Int

    /// The table referenced by element `i` of a vector of tables.
    func table(at i: Int) throws -> FlatTable {
        let p = start + i * elementSize
        let target = p + Int(try view.load(UInt32.self, at: p))
        return try FlatTable(view: view, position: target)
    }

    /// Byte position of element `i` of a vector of structs.
    func structPosition(at i: Int) -> Int { start + i * elementSize }
}
