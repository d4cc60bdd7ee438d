import Plotting

/// The plot types of the block language, under Makie's names and signatures.
enum PlotTypeCatalog {
    static let all: [PlotType] = [xy("lines", PlotTypes.lines), xy("scatter", PlotTypes.scatter),
                                  xy("stem", PlotTypes.stem), xy("barplot", PlotTypes.barplot),
                                  hist, density, band, hlines, vlines, ablines, errorbars, rangebars, boxplot,
                                  qqplot, qqnorm]

    private typealias Builder = ([Double], [Double], Appearance, Color) throws -> Plot

    /// `f(y)` (x = 1…n) or `f(x, y)`.
    private static func xy(_ name: String, _ build: @escaping Builder) -> PlotType {
        PlotType(name: name, keywords: [], arity: 1...2, signature: "\(name)(y) or \(name)(x, y)") { data, _, a, cycled in
            let y = try PlotArguments.numbers(data.last!, "y", in: name)
            let x = data.count == 2 ? try PlotArguments.numbers(data[0], "x", in: name) : y.indices.map { Double($0 + 1) }
            return try build(x, y, a, cycled)
        }
    }

    private static let hist = PlotType(name: "hist", keywords: ["bins", "normalization"], arity: 1...1,
                                       signature: "hist(values)") { data, c, a, cycled in
        let bins = try c.intKeyword("bins") ?? 15
        var normalization = "none"
        if let v = c.keyword("normalization") {
            guard case .symbol(let name) = v else { throw LanguageError("hist: normalization must be a symbol such as :pdf") }
            normalization = name
        }
        return try PlotTypes.hist(try PlotArguments.numbers(data[0], "the data", in: "hist"), bins: bins,
                                  normalization: normalization, a, cycled: cycled)
    }

    private static let density = PlotType(name: "density", keywords: ["bandwidth"], arity: 1...1,
                                          signature: "density(values)") { data, c, a, cycled in
        try PlotTypes.density(try PlotArguments.numbers(data[0], "the data", in: "density"),
                              bandwidth: try c.doubleKeyword("bandwidth"), a, cycled: cycled)
    }

    private static let band = PlotType(name: "band", keywords: [], arity: 3...3,
                                       signature: "band(x, lower, upper)") { data, _, a, cycled in
        try PlotTypes.band(try PlotArguments.numbers(data[0], "x", in: "band"),
                           try PlotArguments.numbers(data[1], "lower", in: "band"),
                           try PlotArguments.numbers(data[2], "upper", in: "band"), a, cycled: cycled)
    }

    private static let hlines = PlotType(name: "hlines", keywords: [], arity: 1...1,
                                         signature: "hlines(ys)") { data, _, a, cycled in
        PlotTypes.hlines(try PlotArguments.numbers(data[0], "ys", in: "hlines"), a, cycled: cycled)
    }

    private static let vlines = PlotType(name: "vlines", keywords: [], arity: 1...1,
                                         signature: "vlines(xs)") { data, _, a, cycled in
        PlotTypes.vlines(try PlotArguments.numbers(data[0], "xs", in: "vlines"), a, cycled: cycled)
    }

    private static let ablines = PlotType(name: "ablines", keywords: [], arity: 2...2,
                                          signature: "ablines(intercepts, slopes)") { data, _, a, cycled in
        try PlotTypes.ablines(try PlotArguments.numbers(data[0], "intercepts", in: "ablines"),
                              try PlotArguments.numbers(data[1], "slopes", in: "ablines"), a, cycled: cycled)
    }

    private static func direction(_ c: CallContext, _ name: String) throws -> PlotTypes.Direction {
        guard let v = c.keyword("direction") else { return .y }
        guard case .symbol(let s) = v, let d = PlotTypes.Direction(rawValue: s) else {
            throw LanguageError("\(name): direction must be :x or :y")
        }
        return d
    }

    private static let errorbars = PlotType(name: "errorbars", keywords: ["direction", "whiskerwidth"], arity: 3...4,
                                            signature: "errorbars(x, y, error) or errorbars(x, y, low, high)") { data, c, a, _ in
        let x = try PlotArguments.numbers(data[0], "x", in: "errorbars")
        let y = try PlotArguments.numbers(data[1], "y", in: "errorbars")
        let low = try PlotArguments.numbers(data[2], "errors", in: "errorbars")
        let high = data.count == 4 ? try PlotArguments.numbers(data[3], "high errors", in: "errorbars") : low
        return try PlotTypes.errorbars(x, y, low, high, direction: try direction(c, "errorbars"), a)
    }

    private static let rangebars = PlotType(name: "rangebars", keywords: ["direction", "whiskerwidth"], arity: 3...3,
                                            signature: "rangebars(positions, low, high)") { data, c, a, _ in
        try PlotTypes.rangebars(try PlotArguments.numbers(data[0], "positions", in: "rangebars"),
                                try PlotArguments.numbers(data[1], "low", in: "rangebars"),
                                try PlotArguments.numbers(data[2], "high", in: "rangebars"),
                                direction: try direction(c, "rangebars"), a)
    }

    private static let boxplot = PlotType(name: "boxplot", keywords: [], arity: 2...2,
                                          signature: "boxplot(categories, values)") { data, _, a, cycled in
        try PlotTypes.boxplot(try PlotArguments.numbers(data[0], "categories", in: "boxplot"),
                              try PlotArguments.numbers(data[1], "values", in: "boxplot"), a, cycled: cycled)
    }

    private static func qqline(_ c: CallContext) throws -> String {
        guard let v = c.keyword("qqline") else { return "none" }
        guard case .symbol(let s) = v else { throw LanguageError("qqline must be :none, :identity, :fit or :robust") }
        return s
    }

    private static let qqplot = PlotType(name: "qqplot", keywords: ["qqline"], arity: 2...2,
                                         signature: "qqplot(x, y)") { data, c, a, cycled in
        try PlotTypes.qqplot(try PlotArguments.numbers(data[0], "x", in: "qqplot"),
                             try PlotArguments.numbers(data[1], "y", in: "qqplot"), qqline: try qqline(c), a,
                             cycled: cycled)
    }

    private static let qqnorm = PlotType(name: "qqnorm", keywords: ["qqline"], arity: 1...1,
                                         signature: "qqnorm(values)") { data, c, a, cycled in
        try PlotTypes.qqnorm(try PlotArguments.numbers(data[0], "the data", in: "qqnorm"), qqline: try qqline(c), a,
                             cycled: cycled)
    }
}
