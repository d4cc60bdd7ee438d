/// A reason an Arrow file could not be decoded; the reader wraps it in `DataReadError.arrow` with the file name.
struct ArrowFormatError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A bounds-checked window on raw bytes: every read checks its offset and length against the window,
/// so corrupt offsets throw instead of reading outside the file.
struct ByteView {
    let raw: UnsafeRawBufferPointer
    /// Start of the window within `raw`.
    let lower: Int
    /// Number of bytes in the window.
    let count: Int

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
        self.lower = 0
        self.count = raw.count
    }

    private init(raw: UnsafeRawBufferPointer, lower: Int, count: Int) {
        self.raw = raw
        self.lower = lower
        self.count = count
    }

    /// True when `[offset, offset + length)` lies inside the window (overflow-safe).
    func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    func check(offset: Int, length: Int, _ what: @autoclosure () -> String) throws {
        guard contains(offset: offset, length: length) else {
            throw ArrowFormatError("\(what()) (offset \(offset), length \(length)) lies outside the \(count)-byte region")
        }
    }

    /// The sub-window `[offset, offset + length)`.
    func slice(offset: Int, length: Int, _ what: @autoclosure () -> String) throws -> ByteView {
        try check(offset: offset, length: length, what())
        return ByteView(raw: raw, lower: lower + offset, count: length)
    }

    /// A little-endian integer at `offset`.
    func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        try check(offset: offset, length: MemoryLayout<T>.size, "\(T.self) field")
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: lower + offset, as: T.self))
    }

    /// Unchecked read for hot loops whose whole range was checked beforehand.
    @inline(__always)
    func uncheckedLoad<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        T(littleEndian: raw.loadUnaligned(fromByteOffset: lower + offset, as: T.self))
    }

    @inline(__always)
    func uncheckedByte(at offset: Int) -> UInt8 {
        raw[lower + offset]
    }

    /// The window's bytes as a raw buffer (for bulk decoding after a range check).
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: raw[lower..<(lower + count)])
    }
}
