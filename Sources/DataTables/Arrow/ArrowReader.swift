import Foundation

/// Reads an Arrow IPC *file* (the `ARROW1` format written by Arrow.jl, pyarrow and R's arrow) into a table.
/// Supports int8…int64, uint8…uint64 (up to Int64.max), float32/64, bool, utf8, large_utf8,
/// dictionary-encoded columns, validity bitmaps and any number of record batches.
/// A truncated or corrupt file throws `DataReadError.arrow` naming it.
public func readArrow(path: String) throws -> DataTable {
    try readArrow(data: try readFileBytes(path), name: path)
}

/// Reads Arrow IPC file bytes; `name` identifies them in error messages.
public func readArrow(data: [UInt8], name: String = "<memory>") throws -> DataTable {
    do {
        return try data.withUnsafeBytes { try ArrowFileDecoder(file: ByteView($0)).decode() }
    } catch let error as ArrowFormatError {
        throw DataReadError.arrow(file: name, message: error.message)
    }
}

/// Reads Arrow IPC file bytes held in `Data`.
public func readArrow(data: Data, name: String = "<memory>") throws -> DataTable {
    try readArrow(data: [UInt8](data), name: name)
}

private let arrowMagic: [UInt8] = Array("ARROW1".utf8)

private struct ArrowFileDecoder {
    let file: ByteView

    func decode() throws -> DataTable {
        let footer = try readFooter()
        guard let schemaTable = try footer.table(1) else { throw ArrowFormatError("the footer has no schema") }
        let fields = try parseArrowSchema(schemaTable)
        let dictionaries = try readDictionaries(try parseArrowBlocks(footer, field: 2), fields: fields)
        var values: [ColumnValues?] = Array(repeating: nil, count: fields.count)
        var missing: [[Bool]?] = Array(repeating: nil, count: fields.count)
        var rows = 0
        for block in try parseArrowBlocks(footer, field: 3) {
            let (header, body) = try readArrowMessage(file, block: block, expectedType: 3)
            var cursor = ArrowBatchCursor(try parseArrowRecordBatch(header, body: body))
            var batchRows: Int?
            for (j, field) in fields.enumerated() {
                let chunk = try cursor.decode(field, dictionaries: dictionaries)
                if let batchRows, batchRows != chunk.values.count {
                    throw ArrowFormatError("columns of one record batch differ in length (\(batchRows) and \(chunk.values.count))")
                }
                batchRows = chunk.values.count
                if chunk.missing != nil || missing[j] != nil {
                    missing[j] = (missing[j] ?? Array(repeating: false, count: rows))
                        + (chunk.missing ?? Array(repeating: false, count: chunk.values.count))
                }
                if var existing = values[j] {
                    values[j] = nil
                    existing.append(contentsOf: chunk.values)
                    values[j] = existing
                } else {
                    values[j] = chunk.values
                }
            }
            rows += batchRows ?? 0
        }
        var columns: [Column] = []
        for (j, field) in fields.enumerated() {
            let elementType = try field.type.elementType()
            let v = values[j] ?? emptyValues(for: elementType)
            columns.append(Column(name: field.name, elementType: elementType, values: v, missing: missing[j]))
        }
        do {
            return try DataTable(columns: columns)
        } catch {
            throw ArrowFormatError("\(error)")
        }
    }

    /// Checks both magic strings and returns the footer's root table.
    private func readFooter() throws -> FlatTable {
        let n = file.count
        guard n >= 6, (0..<6).allSatisfy({ file.uncheckedByte(at: $0) == arrowMagic[$0] }) else {
            if n >= 4, (0..<4).allSatisfy({ file.uncheckedByte(at: $0) == 0xFF }) {
                throw ArrowFormatError("this is an Arrow IPC stream, not an Arrow file (missing ARROW1 magic)")
            }
            throw ArrowFormatError("not an Arrow file (it does not start with ARROW1)")
        }
        guard n >= 6 + 2 + 4 + 6, (0..<6).allSatisfy({ file.uncheckedByte(at: n - 6 + $0) == arrowMagic[$0] }) else {
            throw ArrowFormatError("the file is truncated (no closing ARROW1 magic)")
        }
        let footerLength = Int(try file.load(Int32.self, at: n - 10))
        let footerStart = n - 10 - footerLength
        guard footerLength > 0, footerStart >= 8 else {
            throw ArrowFormatError("footer length \(footerLength) does not fit in the \(n)-byte file")
        }
        return try FlatTable.root(of: try file.slice(offset: footerStart, length: footerLength, "footer"))
    }

    /// Decodes every dictionary batch, keyed by dictionary id; delta batches extend earlier ones.
    private func readDictionaries(_ blocks: [ArrowBlock], fields: [ArrowField]) throws -> [Int64: ColumnValues] {
        var dictionaries: [Int64: ColumnValues] = [:]
        for block in blocks {
            let (header, body) = try readArrowMessage(file, block: block, expectedType: 2)
            let batch = try parseArrowDictionaryBatch(header, body: body)
            guard let owner = fields.first(where: { $0.dictionary?.id == batch.id }) else {
                throw ArrowFormatError("dictionary \(batch.id) is not used by any column")
            }
            var cursor = ArrowBatchCursor(batch.data)
            let valueField = ArrowField(name: owner.name, type: owner.type, dictionary: nil)
            let chunk = try cursor.decode(valueField, dictionaries: [:])
            if batch.isDelta, var existing = dictionaries[batch.id] {
                existing.append(contentsOf: chunk.values)
                dictionaries[batch.id] = existing
            } else {
                dictionaries[batch.id] = chunk.values
            }
        }
        return dictionaries
    }
}

private func emptyValues(for type: ElementType) -> ColumnValues {
    switch type {
    case .string: .string([])
    case .bool: .bool([])
    case .float32, .float64: .float([])
    default: .integer([])
    }
}
