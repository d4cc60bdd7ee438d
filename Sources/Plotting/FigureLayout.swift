/// Where each axis and legend of a figure goes. Grid columns (rows) holding axes share the figure's width (height)
/// left over by the decorations and by columns (rows) that hold only legends, which are as wide (tall) as their
/// legends; the axes of one column (row) share their left (top) decoration widths so that their plot areas line up,
/// and a cell spanning several columns (rows) reaches from the first one's plot area to the last one's.
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

    /// A legend of its own cell: its entries and the top-left corner of its box.
    struct LegendBox {
        let entries: [Plot]
        let title: String
        var x = 0.0, y = 0.0
    }

    var panels: [Panel] = []
    var legends: [LegendBox] = []

    init(_ figure: Figure) throws {
        guard !figure.cells.isEmpty else { throw PlotError("the figure has no axes; draw something into it first") }
        let (rows, columns) = figure.gridSize
        var left = [Double](repeating: 0, count: columns), right = left
        var top = [Double](repeating: 0, count: rows), bottom = top
        var axisColumns = Set<Int>(), axisRows = Set<Int>()
        for (position, axis) in figure.cells {
            let (x, y) = try axis.limits()
            let (xticks, yticks) = try axis.ticks()
            let r0 = position.row - 1, r1 = position.rows.upperBound - 1
            let c0 = position.column - 1, c1 = position.columns.upperBound - 1
            axisColumns.formUnion(c0...c1)
            axisRows.formUnion(r0...r1)
            let tickWidth = yticks.map { TextMetrics.width($0.label, size: Self.tickSize) }.max() ?? 0
            left[c0] = max(left[c0], Self.tickLength + Self.tickPad + tickWidth
                           + (axis.ylabel.isEmpty ? 0 : Self.labelPad + TextMetrics.lineHeight(Self.labelSize)))
            let overhang = xticks.last.map { TextMetrics.width($0.label, size: Self.tickSize) / 2 } ?? 0
            right[c1] = max(right[c1], overhang, 6)
            bottom[r1] = max(bottom[r1], Self.tickLength + Self.tickPad + TextMetrics.lineHeight(Self.tickSize)
                             + (axis.xlabel.isEmpty ? 0 : Self.labelPad + TextMetrics.lineHeight(Self.labelSize)))
            top[r0] = max(top[r0], axis.title.isEmpty ? 8 : TextMetrics.lineHeight(Self.titleSize) + 8)
            panels.append(Panel(axis: axis, x: x, y: y, xticks: xticks, yticks: yticks))
        }
        var fixedWidth = [Double](repeating: 0, count: columns), fixedHeight = [Double](repeating: 0, count: rows)
        for (position, legend) in figure.legends {
            let entries = legend.entries
            guard !entries.isEmpty else {
                throw PlotError("Legend at \(position): no plot of its axes has a label; add label = \"…\" to the plots")
            }
            let size = LegendRenderer.boxSize(entries, title: legend.title)
            legends.append(LegendBox(entries: entries, title: legend.title))
            let c = position.column - 1, r = position.row - 1
            if position.columns.count == 1, !axisColumns.contains(c) { fixedWidth[c] = max(fixedWidth[c], size.width) }
            if position.rows.count == 1, !axisRows.contains(r) { fixedHeight[r] = max(fixedHeight[r], size.height) }
        }
        let flexibleColumns = max(1, fixedWidth.filter { $0 == 0 }.count)
        let flexibleRows = max(1, fixedHeight.filter { $0 == 0 }.count)
        let cellWidth = (figure.width - 2 * Self.padding - Double(columns - 1) * Self.gap - left.reduce(0, +)
                         - right.reduce(0, +) - fixedWidth.reduce(0, +)) / Double(flexibleColumns)
        let cellHeight = (figure.height - 2 * Self.padding - Double(rows - 1) * Self.gap - top.reduce(0, +)
                          - bottom.reduce(0, +) - fixedHeight.reduce(0, +)) / Double(flexibleRows)
        guard cellWidth > 20, cellHeight > 20 else {
            throw PlotError("the figure (\(Int(figure.width)) × \(Int(figure.height)) px) is too small for a "
                            + "\(rows) × \(columns) grid; make it larger with Figure(size = (w, h))")
        }
        let widths = fixedWidth.map { $0 > 0 ? $0 : cellWidth }, heights = fixedHeight.map { $0 > 0 ? $0 : cellHeight }
        let columnStart = Self.starts(widths, before: left, after: right)
        let rowStart = Self.starts(heights, before: top, after: bottom)
        for (i, (position, _)) in figure.cells.enumerated() {
            let c0 = position.column - 1, c1 = position.columns.upperBound - 1
            let r0 = position.row - 1, r1 = position.rows.upperBound - 1
            panels[i].left = columnStart[c0] + left[c0]
            panels[i].width = columnStart[c1] + left[c1] + widths[c1] - panels[i].left
            panels[i].top = rowStart[r0] + top[r0]
            panels[i].height = rowStart[r1] + top[r1] + heights[r1] - panels[i].top
            panels[i].xticks = Self.thinned(panels[i].xticks, length: panels[i].width)
        }
        for (i, (position, _)) in figure.legends.enumerated() {
            let c0 = position.column - 1, c1 = position.columns.upperBound - 1
            let r0 = position.row - 1, r1 = position.rows.upperBound - 1
            let size = LegendRenderer.boxSize(legends[i].entries, title: legends[i].title)
            let x0 = columnStart[c0], x1 = columnStart[c1] + left[c1] + widths[c1] + right[c1]
            let y0 = rowStart[r0], y1 = rowStart[r1] + top[r1] + heights[r1] + bottom[r1]
            legends[i].x = x0 + max(0, (x1 - x0 - size.width) / 2)
            legends[i].y = y0 + max(0, (y1 - y0 - size.height) / 2)
        }
    }

    /// Where each grid column (row) begins, decorations included.
    private static func starts(_ sizes: [Double], before: [Double], after: [Double]) -> [Double] {
        var position = padding
        return sizes.indices.map { k in
            defer { position += before[k] + sizes[k] + after[k] + gap }
            return position
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
