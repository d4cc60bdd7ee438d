/// Julia's displays of tuples and dictionaries.
public enum JuliaCollectionDisplay {
    /// A tuple: `(30, 1, 6, 1)`, `(:formula, :reterms)`, a one-element tuple as `(5,)`.
    public static func tuple(_ elements: [JuliaElement]) -> String {
        let items = elements.map { $0.rendered(compact: false) }
        return "(" + items.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    }

    /// A dictionary's `text/plain` display: `Dict{Symbol, Float64} with 2 entries:` then `  key => value` lines,
    /// keys padded to a common width, values in compact form, at most one screen of entries (then `⋮ => ⋮`).
    /// `typeName` is the full type as Julia prints it (`OrderedCollections.OrderedDict{Symbol, Float64}`).
    public static func dictionary(typeName: String, entries: [(key: JuliaElement, value: JuliaElement)],
                                  screen: ScreenSize = .standard) -> String {
        if entries.isEmpty { return typeName + "()" }
        var out = typeName + " with \(entries.count) " + (entries.count == 1 ? "entry" : "entries") + ":"
        let rows = screen.rows - 1, cols = screen.columns
        let shown = entries.prefix(rows)
        let keys = shown.map { $0.key.rendered(compact: true) }
        let values = shown.map { $0.value.rendered(compact: true) }
        var keyWidth = 0, valueWidth = 0
        for (k, v) in zip(keys, values) {
            keyWidth = min(max(width(k), keyWidth), cols)
            valueWidth = min(max(width(v), valueWidth), cols)
        }
        if keyWidth > max(cols / 2, cols - valueWidth) {
            keyWidth = max((cols + 2) / 3, cols - valueWidth)
        }
        for i in shown.indices {
            out += "\n  "
            if i == rows - 1 && rows < entries.count {
                out += padRight("⋮", keyWidth) + " => ⋮"
                break
            }
            out += padRight(truncate(keys[i], to: keyWidth), keyWidth) + " => "
            out += truncate(values[i], to: cols - keyWidth)
        }
        return out
    }

    /// Julia's `_truncate_at_width_or_chars`: text wider than `limit`, or holding a line break, ends in `…`.
    static func truncate(_ text: String, to limit: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        let breakIndex = scalars.firstIndex { $0 == "\r" || $0 == "\n" }
        if scalars.count <= limit && breakIndex == nil { return text }
        let keep = max(0, min(limit - 1, breakIndex ?? Int.max))
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(keep))
        return String(out) + "…"
    }

    private static func width(_ s: String) -> Int { s.unicodeScalars.count }

    private static func padRight(_ s: String, _ n: Int) -> String {
        s + String(repeating: " ", count: max(0, n - width(s)))
    }
}
