/// Puts rendered blocks in place of their placeholders in one left-to-right pass over the page's bytes, so a page
/// of n blocks costs O(page size), not one whole-page search and copy per block.
enum PlaceholderSplicing {
    /// `html` with every `<p>MARKER index MARKER</p>` replaced by `parts[index]`. A placeholder whose index is not a
    /// valid one (text that merely looks like a marker) is left as it is.
    static func splice(_ html: String, marker: String, parts: [String]) -> String {
        let bytes = Array(html.utf8)
        let opening = Array(("<p>" + marker).utf8)
        let closing = Array((marker + "</p>").utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.utf8.count })
        var copiedUpTo = 0
        var position = 0
        while let start = find(opening, in: bytes, from: position) {
            let digitsStart = start + opening.count
            var digitsEnd = digitsStart
            while digitsEnd < bytes.count, digitsEnd - digitsStart < 18,
                  (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digitsEnd]) {
                digitsEnd += 1
            }
            let index = digitsEnd > digitsStart ? Int(String(decoding: bytes[digitsStart..<digitsEnd], as: UTF8.self)) : nil
            guard let index, index < parts.count, matches(closing, in: bytes, at: digitsEnd) else {
                position = start + 1
                continue
            }
            result += bytes[copiedUpTo..<start]
            result += parts[index].utf8
            position = digitsEnd + closing.count
            copiedUpTo = position
        }
        result += bytes[copiedUpTo...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The first offset at or after `from` where `needle` starts.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var index = from
        while index + needle.count <= bytes.count {
            if bytes[index] == first, matches(needle, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func matches(_ needle: [UInt8], in bytes: [UInt8], at offset: Int) -> Bool {
        guard offset + needle.count <= bytes.count else { return false }
        for (index, byte) in needle.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }
}
