import TextDisplay

/// NamedArrays.jl's `NamedArray` (what FreqTables' `freqtable` returns): a vector or matrix of numbers whose
/// positions along each dimension carry names, and each dimension a name.
final class NamedArrayObject: LanguageObject {
    /// Column-major elements (`Int` or `Float64` values).
    let values: [Value]
    let shape: [Int]
    /// The names along each dimension, as values (`names(t, d)`).
    let names: [[Value]]
    let dimensionNames: [String]
    /// Julia's type of the wrapped array: `Vector{Int64}`, `Matrix{Float64}`, `Adjoint{Int64, Vector{Int64}}`.
    let arrayType: String

    init(values: [Value], shape: [Int], names: [[Value]], dimensionNames: [String], arrayType: String? = nil) {
        self.values = values
        self.shape = shape
        self.names = names
        self.dimensionNames = dimensionNames
        let element = NamedArrayObject.elementType(values)
        self.arrayType = arrayType ?? (shape.count == 1 ? "Vector{\(element)}" : "Matrix{\(element)}")
    }

    static func elementType(_ values: [Value]) -> String {
        values.allSatisfy { if case .int = $0 { true } else { false } } ? "Int64" : "Float64"
    }

    var elementType: String { NamedArrayObject.elementType(values) }

    var typeName: String {
        let dicts = names.map { "OrderedCollections.OrderedDict{\(ArrayBox.commonType(of: $0)), Int64}" }
        let kind = shape.count == 1 ? "NamedVector" : "NamedMatrix"
        return "\(kind){\(elementType), \(arrayType), Tuple{\(dicts.joined(separator: ", "))}}"
    }

    /// `names(n, d)` as strings, as the display prints them.
    private func labels(_ d: Int) -> [String] { names[d].map(Display.printed) }

    private func cell(_ i: Int) -> String { Display.repr(values[i], compact: true) }

    /// NamedArrays' `show` on a 24×80 display with `:limit` set (as the REPL and Documenter show it).
    func display() -> String {
        let summary = (shape.count == 1 ? "\(shape[0])-element" : "\(shape[0])×\(shape[1])") + " Named \(arrayType)"
        return summary + "\n" + (shape.count == 1 ? vectorBody() : matrixBody())
    }

    /// NamedArrays' `compute_range`: all of `1…n`, or the first and last halves of `maxn`.
    private static func ranges(_ maxn: Int, _ n: Int) -> [[Int]] {
        guard maxn < n else { return [Array(0..<n)] }
        let half = maxn / 2
        return [Array(0..<half), Array((n - half)..<n)]
    }

    private static func left(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
    private static func right(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }

    private static func row(_ nameWidth: Int, _ name: String, _ width: Int, _ parts: [[String]],
                            dots: String = "…", separator: String = " │ ") -> String {
        var s = left(name, nameWidth) + separator + parts[0].map { right($0, width) }.joined(separator: "  ")
        if parts.count > 1 { s += "  \(dots)  " + parts[1].map { right($0, width) }.joined(separator: "  ") }
        return s
    }

    private func vectorBody() -> String {
        let rowNames = labels(0)
        let rowRanges = NamedArrayObject.ranges(min(17, shape[0]), shape[0])
        let width = rowRanges.joined().map { cell($0).count }.max() ?? 0
        let nameWidth = max(rowNames.map(\.count).max() ?? 0, 1 + dimensionNames[0].count)
        var lines = [NamedArrayObject.left(dimensionNames[0], nameWidth) + " │ ",
                     String(repeating: "─", count: nameWidth + 1) + "┼" + String(repeating: "─", count: width + 1)]
        for (k, range) in rowRanges.enumerated() {
            if k > 0 { lines.append(NamedArrayObject.row(nameWidth, "⋮", width, [["⋮"]], separator: "   ")) }
            for i in range { lines.append(NamedArrayObject.row(nameWidth, rowNames[i], width, [[cell(i)]])) }
        }
        return lines.joined(separator: "\n")
    }

    private func matrixBody() -> String {
        let (rows, columns) = (shape[0], shape[1])
        let rowNames = labels(0), columnNames = labels(1)
        let rowRanges = NamedArrayObject.ranges(min(17, rows), rows)
        let shownRows = Array(rowRanges.joined())
        let cells = shownRows.map { i in (0..<columns).map { j in cell(i + j * rows) } }
        let width = max(cells.joined().map(\.count).max() ?? 0, columnNames.map(\.count).max() ?? 0)
        let nameWidth = max(rowNames.map(\.count).max() ?? 0, dimensionNames.map(\.count).reduce(0, +) + 3)
        let maxColumns = (80 - nameWidth - 4) / (width + 2)
        let columnRanges = NamedArrayObject.ranges(maxColumns, columns)
        let header = NamedArrayObject.row(nameWidth,
                                          NamedArrayObject.right(dimensionNames.joined(separator: " ╲ "), nameWidth),
                                          width, columnRanges.map { $0.map { columnNames[$0] } })
        var lines = [header, String(repeating: "─", count: nameWidth + 1) + "┼"
                     + String(repeating: "─", count: max(0, header.count - nameWidth - 2))]
        var l = 0
        for (k, range) in rowRanges.enumerated() {
            if k > 0 {
                lines.append(NamedArrayObject.row(nameWidth, "⋮", width, columnRanges.map { $0.map { _ in "⋮" } },
                                                  dots: "⋱", separator: "   "))
            }
            for (j, i) in range.enumerated() {
                let edge = (k == 0 && j == 0) || (k == rowRanges.count - 1 && j == range.count - 1)
                lines.append(NamedArrayObject.row(nameWidth, rowNames[i], width,
                                                  columnRanges.map { $0.map { cells[l][$0] } }, dots: edge ? "…" : " "))
                l += 1
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `n[i]`, `n["name"]`, `n[i, j]`, `n["a", :]`: positions or names along each dimension.
    func index(_ indices: [Value]) throws -> Value? {
        if indices.count == 1 && shape.count == 2 {
            guard case .int(let k) = indices[0], k >= 1, k <= values.count else {
                throw JuliaException.boundsError(.object(self), indices)
            }
            return values[k - 1]
        }
        guard indices.count == shape.count else {
            throw LanguageError("a \(shape.count)-dimensional NamedArray takes \(shape.count) indices, got \(indices.count)")
        }
        let selected = try indices.enumerated().map { d, v -> [Int]? in
            if case .type("Colon") = v { return nil }
            return [try position(v, along: d)]
        }
        let picks = selected.enumerated().map { d, s in s ?? Array(0..<shape[d]) }
        let free = selected.indices.filter { selected[$0] == nil }
        if free.isEmpty {
            return values[shape.count == 1 ? picks[0][0] : picks[0][0] + picks[1][0] * shape[0]]
        }
        if free.count == 1 && shape.count == 2 {
            let d = free[0]
            let out = picks[d].map { k in d == 0 ? values[k + picks[1][0] * shape[0]] : values[picks[0][0] + k * shape[0]] }
            return .object(NamedArrayObject(values: out, shape: [out.count], names: [names[d]],
                                            dimensionNames: [dimensionNames[d]]))
        }
        return .object(self)
    }

    /// The 0-based position of an index along dimension `d`: an integer, or one of the dimension's names.
    private func position(_ v: Value, along d: Int) throws -> Int {
        if case .int(let k) = v, !names[d].contains(where: { if case .int = $0 { true } else { false } }) {
            guard k >= 1 && k <= shape[d] else { throw JuliaException.boundsError(.object(self), [v]) }
            return k - 1
        }
        let key = DictBox.identity(of: v)
        guard let i = names[d].firstIndex(where: { DictBox.identity(of: $0) == key }) else {
            throw JuliaException.keyError(v)
        }
        return i
    }

    /// `n'`: a vector becomes a 1×n matrix whose row is named `1` (dimension `'`); a matrix is transposed.
    func adjoint() -> NamedArrayObject {
        if shape.count == 1 {
            return NamedArrayObject(values: values, shape: [1, shape[0]], names: [[.string("1")], names[0]],
                                    dimensionNames: ["'", dimensionNames[0]],
                                    arrayType: "Adjoint{\(elementType), \(arrayType)}")
        }
        var out: [Value] = []
        for i in 0..<shape[0] { for j in 0..<shape[1] { out.append(values[i + j * shape[0]]) } }
        return NamedArrayObject(values: out, shape: [shape[1], shape[0]], names: names.reversed(),
                                dimensionNames: dimensionNames.reversed(),
                                arrayType: "Adjoint{\(elementType), \(arrayType)}")
    }

    /// The plain array of the values.
    var array: ArrayBox { ArrayBox(values, shape: shape, elementType: elementType) }
}
