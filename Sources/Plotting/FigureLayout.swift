/// Where each axis of a figure goes: the grid's cells share the figure's width and height, and the axes of one
/// column (row) share their left (top) decoration widths so that their plot areas line up.
struct FigureLayout {
    static let padding = 16.0
    static let gap = 24.0
    static let tickSize = 13.0
    static let labelSize = 14.0
    static let titleSize = 15.0
    static let tickLength = 5.0
    static let tickPad = 3.0
    static let labelPad = 6.0

    struct Panel {
        let axis: Axis
        let x: ClosedRange<Double>
        let y: ClosedRange<Double>
        var xticks: [Tick]
        let yticks: [Tick]
        /// The plot area in pixels.
        var left = 0.0, top = 0.0, width = 0.0, height = 0.0
    }

    var panels: [Panel] = []

    init(_ figure: Figure) throws {
        guard !figure.cells.isEmpty else { throw PlotError("the figure has no axes; draw something into it first") }
        let (rows, columns) = figure.gridSize
        var left = [Double](repeating: 0, count: columns), right = left
        var top = [Double](repeating: 0, count: rows), bottom = top
        for (position, axis) in figure.cells {
            let (x, y) = try axis.limits()
            let (xticks, yticks) = try axis.ticks()
            let r = position.row - 1, c = position.column - 1
            let tickWidth = yticks.map { TextMetrics.width($0.label, size: Self.tickSize) }.max() ?? 0
            left[c] = max(left[c], Self.tickLength + Self.tickPad + tickWidth
                          + (axis.ylabel.isEmpty ? 0 : Self.labelPad + TextMetrics.lineHeight(Self.labelSize)))
            let overhang = xticks.last.map { TextMetrics.width($0.label, size: Self.tickSize) / 2 } ?? 0
            right[c] = max(right[c], overhang, 6)
            bottom[r] = max(bottom[r], Self.tickLength + Self.tickPad + TextMetrics.lineHeight(Self.tickSize)
                            + (axis.xlabel.isEmpty ? 0 : Self.labelPad + TextMetrics.lineHeight(Self.labelSize)))
            top[r] = max(top[r], axis.title.isEmpty ? 8 : TextMetrics.lineHeight(Self.titleSize) + 8)
            panels.append(Panel(axis: axis, x: x, y: y, xticks: xticks, yticks: yticks))
        }
        let cellWidth = (figure.width - 2 * Self.padding - Double(columns - 1) * Self.gap
                         - left.reduce(0, +) - right.reduce(0, +)) / Double(columns)
        let cellHeight = (figure.height - 2 * Self.padding - Double(rows - 1) * Self.gap
                          - top.reduce(0, +) - bottom.reduce(0, +)) / Double(rows)
        guard cellWidth > 20, cellHeight > 20 else {
            throw PlotError("the figure (\(Int(figure.width)) × \(Int(figure.height)) px) is too small for a "
                            + "\(rows) × \(columns) grid of axes; make it larger with Figure(size = (w, h))")
        }
        for (i, (position, _)) in figure.cells.enumerated() {
            let r = position.row - 1, c = position.column - 1
            var x = Self.padding
            for k in 0..<c { x += left[k] + cellWidth + right[k] + Self.gap }
            var y = Self.padding
            for k in 0..<r { y += top[k] + cellHeight + bottom[k] + Self.gap }
            panels[i].left = x + left[c]
            panels[i].top = y + top[r]
            panels[i].width = cellWidth
            panels[i].height = cellHeight
            panels[i].xticks = Self.thinned(panels[i].xticks, length: cellWidth)
        }
    }

    /// Every other tick dropped until the labels fit side by side with some space between them.
    static func thinned(_ ticks: [Tick], length: Double) -> [Tick] {
        var kept = ticks
        while kept.count > 2 {
            let needed = kept.map { TextMetrics.width($0.label, size: tickSize) + 8 }.reduce(0, +)
            if needed <= length { break }
            kept = kept.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        }
        return kept
    }
}
