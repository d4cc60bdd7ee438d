import Foundation
import TextDisplay

/// Arrays of language values shown through TextDisplay's Julia array layouts.
enum ArrayDisplay {
    /// The element as TextDisplay renders it inside a container.
    static func element(_ v: Value) -> JuliaElement {
        switch v {
        case .float(let d): .float(d)
        case .int(let i): .integer(i)
        case .bool(let b): .bool(b)
        case .string(let s): .string(s)
        case .symbol(let s): .symbol(s)
        case .missing: .missing
        default: .text(Display.repr(v))
        }
    }

    /// An element of an array whose element type is `type`: Bools of a Bool array show as `1`/`0`, as Julia's
    /// `show` does when the type is known from the container.
    static func element(_ v: Value, in type: String) -> JuliaElement {
        if type == "Bool", case .bool(let b) = v { return .integer(b ? 1 : 0) }
        return element(v)
    }

    /// Rows of a column-major matrix (or one slice of a higher array).
    private static func rows(_ elements: ArraySlice<Value>, rows m: Int, columns n: Int,
                             type: String) -> [[JuliaElement]] {
        let base = elements.startIndex
        return (0..<m).map { i in (0..<n).map { j in element(elements[base + i + j * m], in: type) } }
    }

    private static func slices(_ a: ArrayBox) -> [[[JuliaElement]]] {
        let m = a.shape[0], n = a.shape[1]
        let size = max(1, m * n)
        return stride(from: 0, to: a.count, by: size).map { rows(a.elements[$0..<($0 + size)], rows: m, columns: n, type: a.elementType) }
    }

    /// The REPL's `text/plain` display.
    static func textPlain(_ a: ArrayBox) -> String {
        let shown = denseTextPlain(a)
        if let pool = a.categoricalPool, a.shape.count <= 2 {
            let dense = a.shape.count == 1 ? "Vector{\(a.elementType)}" : "Matrix{\(a.elementType)}"
            return shown.replacingFirst(dense, with: pool.summaryName(elementType: a.elementType,
                                                                      dimensions: a.shape.count))
        }
        guard let link = a.viewLink, link.kind != .reshape, a.shape.count <= 2 else { return shown }
        let dense = a.shape.count == 1 ? "Vector{\(a.elementType)}" : "Matrix{\(a.elementType)}"
        return shown.replacingFirst(dense, with: link.summary(elementType: a.elementType))
    }

    private static func denseTextPlain(_ a: ArrayBox) -> String {
        switch a.shape.count {
        case 1:
            // A vector shows each Char in full (code point and category), as Julia's non-compact display does.
            return JuliaArrayDisplay.vector(elementTypeName: a.elementType, elements: a.elements.map {
                if case .char(let c) = $0 { return .text(CharacterDisplay.described(c)) }
                return element($0, in: a.elementType)
            })
                .replacingFirst("Vector{Bool}", with: a.isBitArray ? "BitVector" : "Vector{Bool}")
        case 2:
            return JuliaArrayDisplay.matrix(elementTypeName: a.elementType,
                                            rows: rows(a.elements[...], rows: a.shape[0], columns: a.shape[1],
                                                       type: a.elementType))
                .replacingFirst("Matrix{Bool}", with: a.isBitArray ? "BitMatrix" : "Matrix{Bool}")
        default:
            return JuliaArrayDisplay.array3(elementTypeName: a.elementType, slices: slices(a))
        }
    }

    /// The one-line `show` form.
    static func inline(_ a: ArrayBox) -> String {
        let prefix = a.elementType == "Any" || a.elementType == "Bool" ? a.elementType : ""
        switch a.shape.count {
        case 1: return JuliaArrayDisplay.inlineVector(a.elements.map { element($0, in: a.elementType) }, prefix: prefix)
        case 2: return JuliaArrayDisplay.inlineMatrix(rows(a.elements[...], rows: a.shape[0], columns: a.shape[1],
                                                           type: a.elementType), prefix: prefix)
        default: return JuliaArrayDisplay.inlineArray3(slices: slices(a), prefix: prefix)
        }
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard target != replacement, let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
