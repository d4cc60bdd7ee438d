/// Draws legends: `axislegend`'s box inside a panel, or a `Legend` in a grid cell of its own; one row per labelled
/// plot, a glyph and the label.
enum LegendRenderer {
    static let size = 13.0
    static let glyphWidth = 22.0
    static let padding = 8.0

    static func rowHeight() -> Double { TextMetrics.lineHeight(size) + 2 }

    /// The width and height of the legend's box.
    static func boxSize(_ entries: [Plot], title: String) -> (width: Double, height: Double) {
        let labelWidth = entries.map { TextMetrics.width($0.label ?? "", size: size) }.max() ?? 0
        let titleWidth = title.isEmpty ? 0 : TextMetrics.width(title, size: size)
        return (2 * padding + max(glyphWidth + 6 + labelWidth, titleWidth),
                2 * padding + rowHeight() * Double(entries.count + (title.isEmpty ? 0 : 1)))
    }

    /// `axislegend`: the box inside the panel at one of its corners or edges.
    static func draw(_ entries: [Plot], title: String, position: LegendPosition, panel p: FigureLayout.Panel,
                     into svg: inout SVGText) {
        guard !entries.isEmpty else { return }
        let (width, height) = boxSize(entries, title: title)
        let inset = 10.0
        let x: Double
        switch position {
        case .lt, .lb: x = p.left + inset
        case .ct, .cb: x = p.left + (p.width - width) / 2
        case .rt, .rb: x = p.left + p.width - width - inset
        }
        let y = [.rt, .lt, .ct].contains(position) ? p.top + inset : p.top + p.height - height - inset
        drawBox(entries, title: title, x: x, y: y, into: &svg)
    }

    /// The box with its top-left corner at (x, y).
    static func drawBox(_ entries: [Plot], title: String, x: Double, y: Double, into svg: inout SVGText) {
        let (width, height) = boxSize(entries, title: title)
        let row = rowHeight()
        svg.append("<g class=\"legend\" font-size=\"\(Int(size))\">\n<rect fill=\"#ffffff\" fill-opacity=\"0.9\" "
                   + "stroke=\"#000000\" stroke-opacity=\"0.25\"")
        svg.attribute("x", x); svg.attribute("y", y)
        svg.attribute("width", width); svg.attribute("height", height)
        svg.append("/>\n")
        var top = y + padding
        if !title.isEmpty {
            svg.append("<g font-weight=\"bold\">")
            SVGRenderer.text(title, x: x + width / 2, y: top + size * 0.95, anchor: "middle", into: &svg)
            svg.append("</g>\n")
            top += row
        }
        for entry in entries {
            let middle = top + row / 2
            let gx = x + padding
            switch entry.glyph {
            case .line:
                svg.append("<path" + SVGText.paint("stroke", entry.color.withAlpha(1)) + " stroke-width=\"2\" d=\"M")
                svg.number(gx); svg.append(" "); svg.number(middle); svg.append("h"); svg.number(glyphWidth)
                svg.append("\"/>\n")
            case .marker:
                svg.append("<circle" + SVGText.paint("fill", entry.color))
                svg.attribute("cx", gx + glyphWidth / 2); svg.attribute("cy", middle)
                svg.append(" r=\"4\"/>\n")
            case .patch:
                svg.append("<rect" + SVGText.paint("fill", entry.color))
                svg.attribute("x", gx); svg.attribute("y", middle - 6)
                svg.attribute("width", glyphWidth); svg.attribute("height", 12)
                svg.append("/>\n")
            }
            SVGRenderer.text(entry.label ?? "", x: gx + glyphWidth + 6, y: middle + size * 0.35, anchor: "start", into: &svg)
            top += row
        }
        svg.append("</g>\n")
    }
}
