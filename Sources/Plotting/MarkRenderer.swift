/// Draws one mark in pixel coordinates.
enum MarkRenderer {
    static func draw(_ mark: Mark, _ map: CoordinateMap, into svg: inout SVGText) {
        switch mark {
        case .polyline(let x, let y, let width, let color, let dashed):
            svg.append("<path fill=\"none\"" + SVGText.paint("stroke", color) + " stroke-width=\"")
            svg.number(width)
            svg.append(dashed ? "\" stroke-dasharray=\"6 4\"" : "\"")
            svg.append(" stroke-linejoin=\"round\" d=\"")
            var pen = false
            for i in 0..<min(x.count, y.count) {
                guard x[i].isFinite, y[i].isFinite else {
                    pen = false
                    continue
                }
                svg.append(pen ? "L" : "M")
                svg.number(map.x(x[i])); svg.append(" "); svg.number(map.y(y[i]))
                pen = true
            }
            svg.append("\"/>\n")
        case .markers(let x, let y, let size, let color) where color.alpha == 1:
            // Opaque markers as one path of zero-length round-capped strokes: a dot each, a third of the bytes of
            // separate circles. (Translucent markers stay circles, so that overlaps darken.)
            svg.append("<path fill=\"none\"" + SVGText.paint("stroke", color) + " stroke-linecap=\"round\" stroke-width=\"")
            svg.number(size)
            svg.append("\" d=\"")
            for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
                svg.append("M")
                svg.number(map.x(x[i])); svg.append(" "); svg.number(map.y(y[i]))
                svg.append("h0")
            }
            svg.append("\"/>\n")
        case .markers(let x, let y, let size, let color):
            svg.append("<g" + SVGText.paint("fill", color) + ">\n")
            var radius = SVGText()
            radius.number(size / 2)
            for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
                svg.append("<circle")
                svg.attribute("cx", map.x(x[i]))
                svg.attribute("cy", map.y(y[i]))
                svg.append(" r=\"" + radius.text + "\"/>\n")
            }
            svg.append("</g>\n")
        case .rects(let rects, let fill, let stroke):
            svg.append("<g" + SVGText.paint("fill", fill) + (stroke.map { SVGText.paint("stroke", $0) } ?? "") + ">\n")
            for r in rects where r.x0.isFinite && r.x1.isFinite && r.y0.isFinite && r.y1.isFinite {
                let a = map.x(r.x0), b = map.x(r.x1), c = map.y(r.y0), d = map.y(r.y1)
                svg.append("<rect")
                svg.attribute("x", min(a, b)); svg.attribute("y", min(c, d))
                svg.attribute("width", abs(b - a)); svg.attribute("height", abs(d - c))
                svg.append("/>\n")
            }
            svg.append("</g>\n")
        case .polygon(let x, let y, let fill):
            svg.append("<path" + SVGText.paint("fill", fill) + " d=\"")
            var first = true
            for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
                svg.append(first ? "M" : "L")
                svg.number(map.x(x[i])); svg.append(" "); svg.number(map.y(y[i]))
                first = false
            }
            svg.append("Z\"/>\n")
        case .segments(let segments, let width, let color):
            strokePath(width: width, color: color, dashed: false, into: &svg)
            for s in segments where s.x0.isFinite && s.x1.isFinite && s.y0.isFinite && s.y1.isFinite {
                line(map.x(s.x0), map.y(s.y0), map.x(s.x1), map.y(s.y1), into: &svg)
            }
            svg.append("\"/>\n")
        case .hlines(let ys, let width, let color, let dashed):
            strokePath(width: width, color: color, dashed: dashed, into: &svg)
            for y in ys where y.isFinite {
                line(map.left, map.y(y), map.left + map.width, map.y(y), into: &svg)
            }
            svg.append("\"/>\n")
        case .vlines(let xs, let width, let color, let dashed):
            strokePath(width: width, color: color, dashed: dashed, into: &svg)
            for x in xs where x.isFinite {
                line(map.x(x), map.top, map.x(x), map.top + map.height, into: &svg)
            }
            svg.append("\"/>\n")
        case .ablines(let intercepts, let slopes, let width, let color):
            strokePath(width: width, color: color, dashed: false, into: &svg)
            let lo = map.xscale.inverse(map.x0), hi = map.xscale.inverse(map.x1)
            for (a, b) in zip(intercepts, slopes) where a.isFinite && b.isFinite {
                line(map.x(lo), map.y(a + b * lo), map.x(hi), map.y(a + b * hi), into: &svg)
            }
            svg.append("\"/>\n")
        }
    }

    private static func strokePath(width: Double, color: Color, dashed: Bool, into svg: inout SVGText) {
        svg.append("<path fill=\"none\"" + SVGText.paint("stroke", color) + " stroke-width=\"")
        svg.number(width)
        svg.append(dashed ? "\" stroke-dasharray=\"6 4\" d=\"" : "\" d=\"")
    }

    private static func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, into svg: inout SVGText) {
        svg.append("M"); svg.number(x0); svg.append(" "); svg.number(y0)
        svg.append("L"); svg.number(x1); svg.append(" "); svg.number(y1)
    }
}
