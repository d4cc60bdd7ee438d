import MixedModels
import TextDisplay

/// A `SparseMatrixCSC{Float64, Int32}` (`sparse(m.reterms[1])`) or its adjoint (`sparse(t)'`), displayed as
/// Julia's SparseArrays displays them: the summary with the stored-entry count, then the entries with `⋅` for
/// unstored ones when no dimension reaches 16, else the braille pattern of the non-zero structure.
final class SparseMatrixObject: LanguageObject {
    /// Rows and columns of the stored (parent) matrix.
    let rows: Int
    let columns: Int
    /// Stored entries of the parent as (row, column, value), column-major order.
    let entries: [(row: Int, column: Int, value: Double)]
    let isAdjoint: Bool

    init(rows: Int, columns: Int, entries: [(row: Int, column: Int, value: Double)], isAdjoint: Bool = false) {
        self.rows = rows
        self.columns = columns
        self.entries = entries
        self.isAdjoint = isAdjoint
    }

    /// Z for one random-effects term: an entry for each observation and each of the term's columns.
    convenience init(_ term: ReMatObject) {
        let t = term.term
        let v = t.vsize
        var entries: [(row: Int, column: Int, value: Double)] = []
        entries.reserveCapacity(t.z.count)
        for (i, r) in t.refs.enumerated() {
            for k in 0..<v { entries.append((i, Int(r) * v + k, t.z[i * v + k])) }
        }
        entries.sort { ($0.column, $0.row) < ($1.column, $1.row) }
        self.init(rows: term.rows, columns: term.columns, entries: entries)
    }

    func adjoint() -> SparseMatrixObject {
        SparseMatrixObject(rows: rows, columns: columns, entries: entries, isAdjoint: !isAdjoint)
    }

    /// The displayed dimensions.
    var shape: (m: Int, n: Int) { isAdjoint ? (columns, rows) : (rows, columns) }

    static let parentTypeName = "SparseArrays.SparseMatrixCSC{Float64, Int32}"

    var typeName: String { isAdjoint ? "LinearAlgebra.Adjoint{Float64, \(Self.parentTypeName)}" : Self.parentTypeName }

    func display() -> String {
        let (m, n) = shape
        let wrapped = isAdjoint ? "adjoint(::\(Self.parentTypeName))" : Self.parentTypeName
        let count = entries.count
        let header = "\(m)×\(n) \(wrapped) with \(count) stored \(count == 1 ? "entry" : "entries")"
        guard m > 0, n > 0 else { return header }
        if max(m, n) < 16 {
            var dense = [[Double?]](repeating: [Double?](repeating: nil, count: n), count: m)
            for e in entries {
                if isAdjoint { dense[e.column][e.row] = e.value } else { dense[e.row][e.column] = e.value }
            }
            let rows = dense.map { $0.map { JuliaElement.float($0 ?? 0) } }
            return JuliaArrayDisplay.structuredMatrix(header: header, rows: rows,
                                                      isStructuralZero: { dense[$0][$1] == nil })
        }
        return header + ":\n" + braille(m: m, n: n)
    }

    /// SparseArrays' `_show_with_braille_patterns` on a 24 × 80 screen.
    func braille(m: Int, n: Int) -> String {
        let maxHeight = ScreenSize.standard.rows - 4, maxWidth = ScreenSize.standard.columns / 2
        var scaleHeight = m, scaleWidth = n
        if m > 4 * maxHeight || n > 2 * maxWidth {
            let s = min(Double(2 * maxWidth) / Double(n), Double(4 * maxHeight) / Double(m))
            scaleHeight = Int((s * Double(m)).rounded(.down))
            scaleWidth = Int((s * Double(n)).rounded(.down))
        }
        scaleHeight = max(scaleHeight, 8)
        scaleWidth = max(scaleWidth, 4)
        let width = (scaleWidth - 1) / 2 + 4, height = (scaleHeight - 1) / 4 + 1
        var grid = [[UInt32]](repeating: [UInt32](repeating: 0x2800, count: width), count: height)
        for l in 0..<height {
            grid[l][0] = 0x23A2
            grid[l][width - 2] = 0x23A5
            grid[l][width - 1] = 0x0A
        }
        grid[0][0] = 0x23A1
        grid[height - 1][0] = 0x23A3
        grid[0][width - 2] = 0x23A4
        grid[height - 1][width - 2] = 0x23A6
        let blocks: [UInt32] = [0x2801, 0x2802, 0x2804, 0x2840, 0x2808, 0x2810, 0x2820, 0x2880]
        let rowScale = Double(max(1, scaleHeight - 1)) / Double(max(1, m - 1))
        let columnScale = Double(max(1, scaleWidth - 1)) / Double(max(1, n - 1))
        for e in entries {
            let (i, j) = isAdjoint ? (e.column, e.row) : (e.row, e.column)
            let si = Int((Double(i) * rowScale + 1).rounded(.toNearestOrEven))
            let sj = Int((Double(j) * columnScale + 1).rounded(.toNearestOrEven))
            let k = (sj - 1) / 2 + 1, l = (si - 1) / 4
            grid[l][k] |= blocks[((sj - 1) % 2) * 4 + (si - 1) % 4]
        }
        var out = String.UnicodeScalarView()
        for row in grid { for c in row { if let scalar = Unicode.Scalar(c) { out.append(scalar) } } }
        out.removeLast()
        return String(out)
    }
}
