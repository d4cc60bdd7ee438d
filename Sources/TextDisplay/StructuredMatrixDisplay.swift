extension JuliaArrayDisplay {
    /// A structured matrix (`Diagonal`, `UpperTriangular`, `SymTridiagonal` …): `header:` then the rows, where
    /// the structural zeros print as a `⋅` centred in the width the zero itself would take (Julia's
    /// `replace_in_print_matrix`). `header` is the full first line, such as `3×3 Diagonal{Int64, Vector{Int64}}`.
    public static func structuredMatrix(header: String, rows: [[JuliaElement]], isStructuralZero: (Int, Int) -> Bool,
                                        screen: ScreenSize = .standard) -> String {
        let m = rows.count, n = rows.first?.count ?? 0
        if m == 0 || n == 0 { return header }
        let compact = n > 1
        let cells = rows.enumerated().map { i, row in
            row.enumerated().map { j, element -> AlignedCell in
                var cell = element.cell(compact: compact)
                if isStructuralZero(i, j) { cell.text = centeredMark(width: cell.text.unicodeScalars.count) }
                return cell
            }
        }
        let body = MatrixLayout(rowCount: m, columnCount: n, cell: { i, j in cells[i][j] }, screen: screen)
        return header + ":\n" + body.render()
    }

    /// `⋅` at position ⌈width/2⌉ of `width` spaces.
    private static func centeredMark(width: Int) -> String {
        let position = (width + 1) / 2
        return String(repeating: " ", count: position - 1) + "\u{22C5}" + String(repeating: " ", count: width - position)
    }
}
