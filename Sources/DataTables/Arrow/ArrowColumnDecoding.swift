// Decoding one field of a record batch from its node and buffers into column values.

/// The decoded values of one field in one batch.
struct ArrowColumnChunk {
    var values: ColumnValues
    /// Per-row missing flags, nil when no row is missing.
    var missing: [Bool]?
}

/// Walks a record batch's nodes and buffers in schema order.
struct ArrowBatchCursor {
    let batch: ArrowRecordBatch
    private var nodeIndex = 0
    private var bufferIndex = 0

    init(_ batch: ArrowRecordBatch) { self.batch = batch }

    mutating func nextNode(_ column: String) throws -> ArrowFieldNode {
        guard nodeIndex < batch.nodes.count else { throw ArrowFormatError("record batch has no field node for :\(column)") }
        defer { nodeIndex += 1 }
        return batch.nodes[nodeIndex]
    }

    mutating func nextBuffer(_ column: String) throws -> ByteView {
        guard bufferIndex < batch.buffers.count else { throw ArrowFormatError("record batch has too few buffers for :\(column)") }
        defer { bufferIndex += 1 }
        return batch.buffers[bufferIndex]
    }

    /// Decodes the next field; `dictionaries` holds decoded dictionary values by id.
    mutating func decode(_ field: ArrowField, dictionaries: [Int64: ColumnValues]) throws -> ArrowColumnChunk {
        let node = try nextNode(field.name)
        let validity = try nextBuffer(field.name)
        let missing = try decodeValidity(validity, node: node, column: field.name)
        if let encoding = field.dictionary {
            guard let dictionary = dictionaries[encoding.id] else {
                throw ArrowFormatError("column :\(field.name) refers to dictionary \(encoding.id), which the file does not contain")
            }
            guard case .int(let width, let signed) = encoding.indexType else {
                throw ArrowFormatError("column :\(field.name) has a non-integer dictionary index type")
            }
            let indices = try decodeIntegers(try nextBuffer(field.name), count: node.length, width: width, signed: signed,
                                             column: field.name)
            return ArrowColumnChunk(values: try gather(dictionary, indices: indices, missing: missing, column: field.name),
                                    missing: missing)
        }
        let values: ColumnValues
        switch field.type {
        case .int(let width, let signed):
            values = .integer(try decodeIntegers(try nextBuffer(field.name), count: node.length, width: width,
                                                 signed: signed, column: field.name))
        case .floatingPoint(let bytes):
            values = .float(try decodeFloats(try nextBuffer(field.name), count: node.length, bytes: bytes, column: field.name))
        case .bool:
            values = .bool(try decodeBits(try nextBuffer(field.name), count: node.length, column: field.name))
        case .utf8, .largeUtf8:
            let offsets = try nextBuffer(field.name)
            let data = try nextBuffer(field.name)
            values = .string(try decodeStrings(offsets: offsets, data: data, count: node.length,
                                               wideOffsets: field.type == .largeUtf8, column: field.name))
        }
        return ArrowColumnChunk(values: values, missing: missing)
    }
}

private func decodeValidity(_ buffer: ByteView, node: ArrowFieldNode, column: String) throws -> [Bool]? {
    guard node.nullCount > 0 else { return nil }
    let bits = try decodeBits(buffer, count: node.length, column: column)
    return bits.map { !$0 }
}

/// Little-endian bit-packed booleans (validity bitmaps and Bool data).
private func decodeBits(_ buffer: ByteView, count: Int, column: String) throws -> [Bool] {
    try buffer.check(offset: 0, length: (count + 7) / 8, "bit buffer of :\(column)")
    var out = [Bool](repeating: false, count: count)
    for i in 0..<count {
        out[i] = (buffer.uncheckedByte(at: i >> 3) >> UInt8(i & 7)) & 1 == 1
    }
    return out
}

private func decodeIntegers(_ buffer: ByteView, count: Int, width: Int, signed: Bool, column: String) throws -> [Int64] {
    let size = width / 8
    guard count <= buffer.count / max(size, 1) else {
        throw ArrowFormatError("data buffer of :\(column) holds fewer than \(count) values")
    }
    var out = [Int64](repeating: 0, count: count)
    switch (width, signed) {
    case (8, true): for i in 0..<count { out[i] = Int64(buffer.uncheckedLoad(Int8.self, at: i)) }
    case (16, true): for i in 0..<count { out[i] = Int64(buffer.uncheckedLoad(Int16.self, at: 2 * i)) }
    case (32, true): for i in 0..<count { out[i] = Int64(buffer.uncheckedLoad(Int32.self, at: 4 * i)) }
    case (64, true): for i in 0..<count { out[i] = buffer.uncheckedLoad(Int64.self, at: 8 * i) }
    case (8, false): for i in 0..<count { out[i] = Int64(buffer.uncheckedLoad(UInt8.self, at: i)) }
    case (16, false): for i in 0..<count { out[i] = Int64(buffer.uncheckedLoad(UInt16.self, at: 2 * i)) }
    case (32, false): for i in 0..<count { out[i] = Int64(buffer.uncheckedLoad(UInt32.self, at: 4 * i)) }
    case (64, false):
        for i in 0..<count {
            let v = buffer.uncheckedLoad(UInt64.self, at: 8 * i)
            guard v <= UInt64(Int64.max) else {
                throw ArrowFormatError("column :\(column) holds UInt64 value \(v), larger than Int64 can hold")
            }
            out[i] = Int64(v)
        }
    default: throw ArrowFormatError("column :\(column) has unsupported integer width \(width)")
    }
    return out
}

private func decodeFloats(_ buffer: ByteView, count: Int, bytes: Int, column: String) throws -> [Double] {
    guard count <= buffer.count / bytes else {
        throw ArrowFormatError("data buffer of :\(column) holds fewer than \(count) values")
    }
    var out = [Double](repeating: 0, count: count)
    if bytes == 4 {
        for i in 0..<count { out[i] = Double(Float(bitPattern: buffer.uncheckedLoad(UInt32.self, at: 4 * i))) }
    } else {
        for i in 0..<count { out[i] = Double(bitPattern: buffer.uncheckedLoad(UInt64.self, at: 8 * i)) }
    }
    return out
}

private func decodeStrings(offsets: ByteView, data: ByteView, count: Int, wideOffsets: Bool, column: String) throws -> [String] {
    let width = wideOffsets ? 8 : 4
    guard count < offsets.count / width else {
        throw ArrowFormatError("offsets buffer of :\(column) holds fewer than \(count + 1) offsets")
    }
    func offset(_ i: Int) -> Int {
        wideOffsets ? Int(truncatingIfNeeded: offsets.uncheckedLoad(Int64.self, at: 8 * i))
                    : Int(offsets.uncheckedLoad(Int32.self, at: 4 * i))
    }
    let bytes = data.bytes
    let ascii = isASCII(bytes)
    var out: [String] = []
    out.reserveCapacity(count)
    var start = offset(0)
    for i in 0..<count {
        let end = offset(i + 1)
        guard start >= 0, end >= start, end <= bytes.count else {
            throw ArrowFormatError("string \(i) of :\(column) has offsets \(start)..<\(end) outside its \(bytes.count)-byte data buffer")
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if ascii {
            out.append(String(decoding: slice, as: UTF8.self))
        } else {
            guard let s = validatedUTF8String(slice) else {
                throw ArrowFormatError("string \(i) of :\(column) is not valid UTF-8")
            }
            out.append(s)
        }
        start = end
    }
    return out
}

/// Looks up dictionary values by index; null slots get the type's placeholder.
private func gather(_ dictionary: ColumnValues, indices: [Int64], missing: [Bool]?, column: String) throws -> ColumnValues {
    let n = Int64(dictionary.count)
    for (row, index) in indices.enumerated() where !(missing?[row] ?? false) && (index < 0 || index >= n) {
        throw ArrowFormatError("row \(row + 1) of :\(column) has dictionary index \(index); the dictionary has \(n) entries")
    }
    func pick<T>(_ values: [T], _ placeholder: T) -> [T] {
        indices.enumerated().map { row, index in
            (missing?[row] ?? false) || index < 0 || index >= n ? placeholder : values[Int(index)]
        }
    }
    switch dictionary {
    case .string(let v): return .string(pick(v, ""))
    case .integer(let v): return .integer(pick(v, 0))
    case .float(let v): return .float(pick(v, 0))
    case .bool(let v): return .bool(pick(v, false))
    }
}
