/// Draws a figure as a standalone SVG document.
public enum SVGRenderer {
    static let font = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// The SVG text of `figure`. `id` prefixes the clip-path ids so that several figures can share one HTML page.
    public static func render(_ figure: Figure, id: String = "fig") throws -> String {
        let layout = try FigureLayout(figure)
        var svg = SVGText()
        let label = SVGText.escape(accessibleLabel(figure))
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure\" role=\"img\"")
        svg.attribute("width", figure.width)
        svg.attribute("height", figure.height)
        svg.append(" viewBox=\"0 0 ")
        svg.number(figure.width)
        svg.append(" ")
        svg.number(figure.height)
        svg.append("\" aria-label=\"\(label)\" font-family=\"\(font)\">\n<title>\(label)</title>\n")
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        for (index, panel) in layout.panels.enumerated() {
            drawPanel(panel, clipID: "\(id)-clip\(index + 1)", into: &svg)
        }
        for box in layout.legends {
            LegendRenderer.drawBox(box.entries, title: box.title, x: box.x, y: box.y, into: &svg)
        }
        svg.append("</svg>\n")
        return svg.text
    }

    /// What a screen reader announces: each axis's title or its labels.
    public static func accessibleLabel(_ figure: Figure) -> String {
        let parts = figure.cells.map { _, axis -> String in
            var words: [String] = []
            if !axis.title.isEmpty { words.append(axis.title) }
            let kinds = axis.plots.map(\.kind).joined(separator: ", ")
            switch (axis.xlabel.isEmpty, axis.ylabel.isEmpty) {
            case (false, false): words.append("\(axis.ylabel) against \(axis.xlabel)")
            case (false, true): words.append("\(kinds) over \(axis.xlabel)")
            case (true, false): words.append("\(kinds) of \(axis.ylabel)")
            case (true, true): if words.isEmpty { words.append(kinds.isEmpty ? "empty axis" : kinds) }
            }
            return words.joined(separator: ": ")
        }
        return "Figure: " + parts.joined(separator: "; ")
    }

    private static func drawPanel(_ p: FigureLayout.Panel, clipID: String, into svg: inout SVGText) {
        let map = CoordinateMap(p)
        let right = p.left + p.width, bottom = p.top + p.height
        // Grid lines at the ticks.
        svg.append("<path stroke=\"#000000\" stroke-opacity=\"0.12\" stroke-width=\"1\" fill=\"none\" d=\"")
        for t in p.xticks {
            let x = map.x(t.value)
            svg.append("M"); svg.number(x); svg.append(" "); svg.number(p.top)
            svg.append("V"); svg.number(bottom)
        }
        for t in p.yticks {
            let y = map.y(t.value)
            svg.append("M"); svg.number(p.left); svg.append(" "); svg.number(y)
            svg.append("H"); svg.number(right)
        }
        svg.append("\"/>\n")
        // Plots, clipped to the plot area.
        svg.append("<clipPath id=\"\(clipID)\"><rect")
        svg.attribute("x", p.left); svg.attribute("y", p.top)
        svg.attribute("width", p.width); svg.attribute("height", p.height)
        svg.append("/></clipPath>\n<g clip-path=\"url(#\(clipID))\">\n")
        for plot in p.axis.plots {
            for mark in plot.marks { MarkRenderer.draw(mark, map, into: &svg) }
        }
        svg.append("</g>\n")
        // Frame and ticks.
        svg.append("<rect fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"")
        svg.attribute("x", p.left); svg.attribute("y", p.top)
        svg.attribute("width", p.width); svg.attribute("height", p.height)
        svg.append("/>\n<path stroke=\"#000000\" stroke-width=\"1\" d=\"")
        for t in p.xticks {
            svg.append("M"); svg.number(map.x(t.value)); svg.append(" "); svg.number(bottom)
            svg.append("v"); svg.number(FigureLayout.tickLength)
        }
        for t in p.yticks {
            svg.append("M"); svg.number(p.left); svg.append(" "); svg.number(map.y(t.value))
            svg.append("h"); svg.number(-FigureLayout.tickLength)
        }
        svg.append("\"/>\n")
        let tickSize = FigureLayout.tickSize
        svg.append("<g font-size=\"\(Int(tickSize))\" fill=\"#000000\">\n")
        let xLabelTop = bottom + FigureLayout.tickLength + FigureLayout.tickPad
        for t in p.xticks {
            text(t.label, x: map.x(t.value), y: xLabelTop + tickSize * 0.92, anchor: "middle", into: &svg)
        }
        for t in p.yticks {
            text(t.label, x: p.left - FigureLayout.tickLength - FigureLayout.tickPad, y: map.y(t.value) + tickSize * 0.35,
                 anchor: "end", into: &svg)
        }
        svg.append("</g>\n")
        drawLabels(p, into: &svg)
        if let legend = p.axis.legend {
            LegendRenderer.draw(p.axis.legendEntries, title: legend.title, position: legend.position, panel: p, into: &svg)
        }
    }

    private static func drawLabels(_ p: FigureLayout.Panel, into svg: inout SVGText) {
        let bottom = p.top + p.height, center = p.left + p.width / 2
        let labelSize = FigureLayout.labelSize
        if !p.axis.xlabel.isEmpty {
            let y = bottom + FigureLayout.tickLength + FigureLayout.tickPad + TextMetrics.lineHeight(FigureLayout.tickSize)
                + FigureLayout.labelPad + labelSize * 0.92
            svg.append("<g font-size=\"\(Int(labelSize))\">")
            text(p.axis.xlabel, x: center, y: y, anchor: "middle", into: &svg)
            svg.append("</g>\n")
        }
        if !p.axis.ylabel.isEmpty {
            let tickWidth = p.yticks.map { TextMetrics.width($0.label, size: FigureLayout.tickSize) }.max() ?? 0
            let x = p.left - FigureLayout.tickLength - FigureLayout.tickPad - tickWidth - FigureLayout.labelPad
                - labelSize * 0.25
            let y = p.top + p.height / 2
            svg.append("<text font-size=\"\(Int(labelSize))\" text-anchor=\"middle\" transform=\"translate(")
            svg.number(x); svg.append(" "); svg.number(y)
            svg.append(") rotate(-90)\">\(SVGText.escape(p.axis.ylabel))</text>\n")
        }
        if !p.axis.title.isEmpty {
            svg.append("<g font-size=\"\(Int(FigureLayout.titleSize))\" font-weight=\"bold\">")
            text(p.axis.title, x: center, y: p.top - 8, anchor: "middle", into: &svg)
            svg.append("</g>\n")
        }
    }

    static func text(_ s: String, x: Double, y: Double, anchor: String, into svg: inout SVGText) {
        svg.append("<text")
        svg.attribute("x", x)
        svg.attribute("y", y)
        svg.append(anchor == "start" ? ">" : " text-anchor=\"\(anchor)\">")
        svg.append(SVGText.escape(s))
        svg.append("</text>\n")
    }
}

/// Data coordinates to pixels for one panel.
struct CoordinateMap {
    let left: Double, top: Double, width: Double, height: Double
    let x0: Double, x1: Double, y0: Double, y1: Double
    let xscale: Scale, yscale: Scale

    init(_ p: FigureLayout.Panel) {
        left = p.left; top = p.top; width = p.width; height = p.height
        xscale = p.axis.xscale; yscale = p.axis.yscale
        x0 = xscale.forward(p.x.lowerBound); x1 = xscale.forward(p.x.upperBound)
        y0 = yscale.forward(p.y.lowerBound); y1 = yscale.forward(p.y.upperBound)
    }

    func x(_ v: Double) -> Double { left + (xscale.forward(v) - x0) / (x1 - x0) * width }
    func y(_ v: Double) -> Double { top + height - (yscale.forward(v) - y0) / (y1 - y0) * height }
}
