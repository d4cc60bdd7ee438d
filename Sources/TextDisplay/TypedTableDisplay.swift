/// The text layouts of TypedTables' `Table` (the bootstrap's `samp.tbl`) and `DictTable` (`confint(samp)`).
public enum TypedTableDisplay {
    /// `Table with 5 columns and 10000 rows:`, a header row, a `┌──` rule, then rows `i │ values…`, values in
    /// compact form, left-aligned two spaces apart; rows beyond `displayHeight` lines are elided with `⋮`.
    public static func table(columns: [String], rows: [[String]], displayHeight: Int = 24) -> String {
        let n = rows.count
        let shown = n + 4 <= displayHeight ? n : max(1, displayHeight - 5)
        let elided = shown < n
        let indexWidth = String(n).count
        var widths = columns.map(\.count)
        for row in rows.prefix(shown) { for (j, cell) in row.enumerated() { widths[j] = max(widths[j], cell.count) } }
        func line(_ index: String, _ separator: String, _ cells: [String]) -> String {
            var text = " " + String(repeating: " ", count: indexWidth - index.count) + index + " " + separator
            for (j, cell) in cells.enumerated() {
                text += " " + cell + (j < cells.count - 1 ? String(repeating: " ", count: widths[j] - cell.count + 1) : "")
            }
            return text
        }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * widths.count)
        var lines = ["Table with \(columns.count) column\(columns.count == 1 ? "" : "s") and \(n) row\(n == 1 ? "" : "s"):",
                     line("", " ", columns),
                     String(repeating: " ", count: indexWidth + 2) + "┌" + rule]
        for (i, row) in rows.prefix(shown).enumerated() { lines.append(line(String(i + 1), "│", row)) }
        if elided { lines.append(line("⋮", "│", widths.map { _ in "⋮" })) }
        return lines.joined(separator: "\n")
    }

    /// `DictTable with 2 columns and 3 rows:`, the key column left of a `│`, values in compact form.
    public static func dictTable(keyName: String, keys: [String], columns: [String], values: [[String]]) -> String {
        let keyWidth = max(keyName.count, keys.map(\.count).max() ?? 0)
        var widths = columns.map(\.count)
        for row in values { for (j, cell) in row.enumerated() { widths[j] = max(widths[j], cell.count) } }
        func cells(_ row: [String]) -> String {
            row.enumerated().map { j, cell in
                cell + (j < row.count - 1 ? String(repeating: " ", count: widths[j] - cell.count) : "")
            }.joined(separator: "  ")
        }
        func pad(_ s: String) -> String { s + String(repeating: " ", count: keyWidth - s.count) }
        var lines = ["DictTable with \(columns.count) columns and \(keys.count) rows:",
                     " " + pad(keyName) + "   " + cells(columns),
                     " " + String(repeating: "─", count: keyWidth + 1) + "┬"
                         + String(repeating: "─", count: widths.reduce(0, +) + 2 * widths.count)]
        for (key, row) in zip(keys, values) { lines.append(" " + pad(key) + " │ " + cells(row)) }
        return lines.joined(separator: "\n")
    }
}
