/// Byte offset of the first byte of the first invalid UTF-8 sequence in `bytes`, or nil when all of it is valid.
/// Rejects overlong forms, surrogates and code points above U+10FFFF.
func firstInvalidUTF8Offset(_ bytes: UnsafeRawBufferPointer) -> Int? {
    let n = bytes.count
    var i = 0
    while i < n {
        let b0 = bytes[i]
        if b0 < 0x80 { i += 1; continue }
        let length: Int
        var lowest: UInt8 = 0x80, highest: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: return i
        }
        guard i + length <= n else { return i }
        let b1 = bytes[i + 1]
        guard b1 >= lowest && b1 <= highest else { return i }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
        i += length
    }
    return nil
}

/// True when every byte is ASCII (checked eight bytes at a time).
func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let n = bytes.count
    var i = 0
    while i + 8 <= n {
        if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
        i += 8
    }
    while i < n {
        if bytes[i] >= 0x80 { return false }
        i += 1
    }
    return true
}

/// The bytes as a String when they are valid UTF-8, else nil.
func validatedUTF8String(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard firstInvalidUTF8Offset(bytes) == nil else { return nil }
    return String(decoding: bytes, as: UTF8.self)
}
