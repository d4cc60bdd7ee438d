// Arrow IPC messages (Message.fbs): encapsulated metadata plus body, record batches and dictionary batches.

/// A footer `Block` struct: where one message lives in the file.
struct ArrowBlock {
    var offset: Int
    var metaDataLength: Int
    var bodyLength: Int
}

struct ArrowFieldNode {
    var length: Int
    var nullCount: Int
}

/// A record batch: per-field nodes and the buffers they use, all within `body`.
struct ArrowRecordBatch {
    var length: Int
    var nodes: [ArrowFieldNode]
    var buffers: [ByteView]
}

struct ArrowDictionaryBatch {
    var id: Int64
    var data: ArrowRecordBatch
    var isDelta: Bool
}

/// Reads the vector of `Block` structs in footer field `id`.
func parseArrowBlocks(_ footer: FlatTable, field id: Int) throws -> [ArrowBlock] {
    guard let v = try footer.vector(id, elementSize: 24) else { return [] }
    var blocks: [ArrowBlock] = []
    blocks.reserveCapacity(v.count)
    for i in 0..<v.count {
        let p = v.structPosition(at: i)
        let offset = try v.view.load(Int64.self, at: p)
        let metaLength = try v.view.load(Int32.self, at: p + 8)
        let bodyLength = try v.view.load(Int64.self, at: p + 16)
        guard offset >= 0, metaLength >= 0, bodyLength >= 0, offset <= Int64(Int32.max) * 1024,
              bodyLength <= Int64(Int32.max) * 1024 else {
            throw ArrowFormatError("footer block \(i) has a negative or impossible offset or length")
        }
        blocks.append(ArrowBlock(offset: Int(offset), metaDataLength: Int(metaLength), bodyLength: Int(bodyLength)))
    }
    return blocks
}

/// The header table and body of the encapsulated message at `block`; checks that it is of `expectedType`
/// (2 = DictionaryBatch, 3 = RecordBatch).
func readArrowMessage(_ file: ByteView, block: ArrowBlock, expectedType: UInt8) throws -> (FlatTable, ByteView) {
    var metaStart = block.offset
    var metaLength = Int(try file.load(Int32.self, at: metaStart))
    if metaLength == -1 {
        metaLength = Int(try file.load(Int32.self, at: metaStart + 4))
        metaStart += 8
    } else {
        metaStart += 4
    }
    guard metaLength > 0 else { throw ArrowFormatError("message at byte \(block.offset) has metadata length \(metaLength)") }
    let metadata = try file.slice(offset: metaStart, length: metaLength, "message metadata")
    let message = try FlatTable.root(of: metadata)
    let headerType: UInt8 = try message.scalar(1, default: 0)
    guard headerType == expectedType else {
        throw ArrowFormatError("message at byte \(block.offset) has header type \(headerType), expected \(expectedType)")
    }
    guard let header = try message.table(2) else { throw ArrowFormatError("message at byte \(block.offset) has no header") }
    let bodyLength = try message.scalar(3, default: Int64(0))
    guard bodyLength >= 0, bodyLength <= Int64(file.count) else {
        throw ArrowFormatError("message at byte \(block.offset) has body length \(bodyLength)")
    }
    let body = try file.slice(offset: block.offset + block.metaDataLength, length: Int(bodyLength), "message body")
    return (header, body)
}

/// Parses a `RecordBatch` table whose buffers live in `body`.
func parseArrowRecordBatch(_ table: FlatTable, body: ByteView) throws -> ArrowRecordBatch {
    let length = try table.scalar(0, default: Int64(0))
    guard length >= 0 else { throw ArrowFormatError("record batch has negative length \(length)") }
    if try table.table(3) != nil {
        throw ArrowFormatError("LZ4/ZSTD-compressed Arrow buffers are not supported; write the file uncompressed")
    }
    var nodes: [ArrowFieldNode] = []
    if let v = try table.vector(1, elementSize: 16) {
        nodes.reserveCapacity(v.count)
        for i in 0..<v.count {
            let p = v.structPosition(at: i)
            let n = try v.view.load(Int64.self, at: p)
            let nulls = try v.view.load(Int64.self, at: p + 8)
            guard n >= 0, nulls >= 0, nulls <= n, n <= Int64(body.count) * 8 + 8 else {
                throw ArrowFormatError("field node \(i) has an impossible length \(n) or null count \(nulls)")
            }
            nodes.append(ArrowFieldNode(length: Int(n), nullCount: Int(nulls)))
        }
    }
    var buffers: [ByteView] = []
    if let v = try table.vector(2, elementSize: 16) {
        buffers.reserveCapacity(v.count)
        for i in 0..<v.count {
            let p = v.structPosition(at: i)
            let offset = try v.view.load(Int64.self, at: p)
            let size = try v.view.load(Int64.self, at: p + 8)
            guard offset >= 0, size >= 0, offset <= Int64(body.count), size <= Int64(body.count) else {
                throw ArrowFormatError("buffer \(i) has offset \(offset) and length \(size) outside the body")
            }
            buffers.append(try body.slice(offset: Int(offset), length: Int(size), "buffer \(i)"))
        }
    }
    return ArrowRecordBatch(length: Int(length), nodes: nodes, buffers: buffers)
}

func parseArrowDictionaryBatch(_ table: FlatTable, body: ByteView) throws -> ArrowDictionaryBatch {
    let id = try table.scalar(0, default: Int64(0))
    guard let data = try table.table(1) else { throw ArrowFormatError("dictionary batch \(id) has no data") }
    return ArrowDictionaryBatch(id: id, data: try parseArrowRecordBatch(data, body: body), isDelta: try table.bool(2))
}
