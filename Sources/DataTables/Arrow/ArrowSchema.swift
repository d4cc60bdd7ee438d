// Arrow schema metadata (Schema.fbs): the fields, their types and dictionary encodings.

/// The physical types this reader decodes.
enum ArrowType: Equatable {
    case int(bitWidth: Int, signed: Bool)
    case floatingPoint(bytes: Int)
    case bool
    case utf8
    case largeUtf8

    /// The column element type a value of this Arrow type becomes.
    func elementType() throws -> ElementType {
        switch self {
        case .int(let width, let signed):
            switch (width, signed) {
            case (8, true): return .int8
            case (16, true): return .int16
            case (32, true): return .int32
            case (64, true): return .int64
            case (8, false): return .uint8
            case (16, false): return .uint16
            case (32, false): return .uint32
            case (64, false): return .uint64
            default: throw ArrowFormatError("unsupported integer bit width \(width)")
            }
        case .floatingPoint(let bytes): return bytes == 4 ? .float32 : .float64
        case .bool: return .bool
        case .utf8, .largeUtf8: return .string
        }
    }
}

/// How a dictionary-encoded field stores its indices.
struct ArrowDictionaryEncoding {
    var id: Int64
    var indexType: ArrowType
}

struct ArrowField {
    var name: String
    var type: ArrowType
    var dictionary: ArrowDictionaryEncoding?
}

/// Names of the Arrow `Type` union members, for error messages.
private let arrowTypeNames = [
    "NONE", "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal", "Date", "Time", "Timestamp",
    "Interval", "List", "Struct", "Union", "FixedSizeBinary", "FixedSizeList", "Map", "Duration", "LargeBinary",
    "LargeUtf8", "LargeList", "RunEndEncoded", "BinaryView", "Utf8View", "ListView", "LargeListView",
]

/// Parses a `Schema` table: little-endian only, flat (non-nested) fields.
func parseArrowSchema(_ schema: FlatTable) throws -> [ArrowField] {
    let endianness: Int16 = try schema.scalar(0, default: 0)
    guard endianness == 0 else { throw ArrowFormatError("big-endian Arrow data is not supported") }
    guard let fields = try schema.vector(1, elementSize: 4) else { return [] }
    var result: [ArrowField] = []
    result.reserveCapacity(fields.count)
    for i in 0..<fields.count {
        result.append(try parseArrowField(try fields.table(at: i), index: i))
    }
    return result
}

private func parseArrowField(_ field: FlatTable, index: Int) throws -> ArrowField {
    let name = try field.string(0) ?? "column\(index + 1)"
    let typeID: UInt8 = try field.scalar(2, default: 0)
    let typeTable = try field.table(3)
    let type = try parseArrowType(id: typeID, table: typeTable, column: name)
    if let children = try field.vector(5, elementSize: 4), children.count > 0 {
        throw ArrowFormatError("column :\(name) has nested children; nested Arrow types are not supported")
    }
    var dictionary: ArrowDictionaryEncoding?
    if let encoding = try field.table(4) {
        let id: Int64 = try encoding.scalar(0, default: 0)
        var indexType = ArrowType.int(bitWidth: 32, signed: true)
        if let intTable = try encoding.table(1) {
            indexType = try parseArrowType(id: 2, table: intTable, column: name)
        }
        dictionary = ArrowDictionaryEncoding(id: id, indexType: indexType)
    }
    return ArrowField(name: name, type: type, dictionary: dictionary)
}

private func parseArrowType(id: UInt8, table: FlatTable?, column: String) throws -> ArrowType {
    switch id {
    case 2:
        guard let table else { throw ArrowFormatError("column :\(column) has an Int type without parameters") }
        let width: Int32 = try table.scalar(0, default: 0)
        let signed = try table.bool(1)
        guard [8, 16, 32, 64].contains(width) else {
            throw ArrowFormatError("column :\(column) has an unsupported integer bit width \(width)")
        }
        return .int(bitWidth: Int(width), signed: signed)
    case 3:
        let precision: Int16 = try table?.scalar(0, default: 0) ?? 0
        switch precision {
        case 1: return .floatingPoint(bytes: 4)
        case 2: return .floatingPoint(bytes: 8)
        default: throw ArrowFormatError("column :\(column) is half-precision (Float16), which is not supported")
        }
    case 5: return .utf8
    case 6: return .bool
    case 20: return .largeUtf8
    default:
        let name = Int(id) < arrowTypeNames.count ? arrowTypeNames[Int(id)] : "type \(id)"
        throw ArrowFormatError("column :\(column) has Arrow type \(name), which is not supported")
    }
}
