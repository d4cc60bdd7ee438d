import Plotting

/// Converting the block language's values into plotting data and attributes.
enum PlotArguments {
    /// Keywords every plot type takes.
    static let common: Set<String> = ["color", "label", "linewidth", "markersize", "linestyle"]
    /// Attributes `Axis(…)`, `axis = (…)` and `ax.name = …` accept.
    static let axisAttributes = ["title", "xlabel", "ylabel", "xscale", "yscale", "xticks", "yticks", "limits"]

    /// A vector of numbers (`missing` becomes NaN, which plots leave out).
    static func numbers(_ value: Value, _ what: String, in function: String) throws -> [Double] {
        let items: [Value]
        switch value {
        case .array(let a): items = a.elements
        case .tuple(let t): items = t
        case .range(let start, let step, let stop): return Iteration.rangeValues(start, step, stop).map(Double.init)
        case .int, .float: items = [value]
        // Float ranges (`-5.0:0.0625:5.0`) and other lazy collections.
        case .object where (try? Iteration.elements(of: value)) != nil: items = try Iteration.elements(of: value)
        default: throw LanguageError("\(function): \(what) must be a vector of numbers, got \(value.described)")
        }
        return try items.map { item in
            switch item {
            case .missing, .nothing: return .nan
            default:
                guard let d = item.asDouble else {
                    throw LanguageError("\(function): \(what) must hold numbers, found \(item.described)")
                }
                return d
            }
        }
    }

    static func strings(_ value: Value, _ what: String) throws -> [String] {
        guard case .array(let a) = value else { throw LanguageError("\(what) must be a vector of strings") }
        return a.elements.map { item in
            switch item {
            case .string(let s), .symbol(let s): s
            default: Display.printed(item)
            }
        }
    }

    /// `:red`, `"steelblue"`, `"#336699"`, `(:blue, 0.3)`.
    static func color(_ value: Value) throws -> Color {
        switch value {
        case .symbol(let name), .string(let name):
            guard let c = Color(named: name) else {
                throw LanguageError("unknown color `\(name)`; use a name such as "
                                    + Color.knownNames.prefix(12).joined(separator: ", ") + ", or \"#rrggbb\"")
            }
            return c
        case .tuple(let items) where items.count == 2:
            guard let alpha = items[1].asDouble, (0...1).contains(alpha) else {
                throw LanguageError("a color with opacity is (color, alpha) with alpha between 0 and 1")
            }
            return try color(items[0]).withAlpha(alpha)
        default:
            throw LanguageError("color must be a name (:red, \"steelblue\"), \"#rrggbb\" or (color, alpha); got "
                                + value.described)
        }
    }

    static func appearance(_ c: CallContext) throws -> Appearance {
        var a = Appearance()
        if let v = c.keyword("color") { a.color = try color(v) }
        if let v = c.keyword("label") { a.label = Display.printed(v) }
        a.linewidth = try c.doubleKeyword("linewidth")
        a.markersize = try c.doubleKeyword("markersize")
        if let v = c.keyword("linestyle") {
            switch v {
            case .symbol("dash"), .symbol("dot"), .symbol("dashdot"), .string("--"), .string(":"): a.dashed = true
            case .symbol("solid"), .nothing: a.dashed = false
            default: throw LanguageError("linestyle must be :solid, :dash or :dot, got \(Display.repr(v))")
            }
        }
        return a
    }

    /// `size = (w, h)` of `Figure(…)` or `figure = (size = …,)`.
    static func figure(size value: Value?) throws -> Figure {
        guard let value else { return Figure() }
        guard case .tuple(let items) = value, items.count == 2, let w = items[0].asDouble, let h = items[1].asDouble,
              w >= 100, h >= 100, w <= 4000, h <= 4000 else {
            throw LanguageError("size must be (width, height) in pixels between 100 and 4000, got \(Display.repr(value))")
        }
        return Figure(width: w, height: h)
    }

    /// The attributes of a named tuple (`axis = (xlabel = "x",)`) applied to an axis.
    static func apply(_ attributes: Value?, to axis: Axis, keyword: String) throws {
        guard let attributes else { return }
        guard case .namedTuple(let names, let values) = attributes else {
            throw LanguageError("\(keyword) must be a named tuple such as (xlabel = \"x\", title = \"t\"), got "
                                + attributes.described)
        }
        for (name, value) in zip(names, values) { try setAxisAttribute(axis, name, value) }
    }

    static func setAxisAttribute(_ axis: Axis, _ name: String, _ value: Value) throws {
        switch name {
        case "title": axis.title = Display.printed(value)
        case "xlabel": axis.xlabel = Display.printed(value)
        case "ylabel": axis.ylabel = Display.printed(value)
        case "xscale": axis.xscale = try scale(value)
        case "yscale": axis.yscale = try scale(value)
        case "xticks": axis.xticks = try ticks(value)
        case "yticks": axis.yticks = try ticks(value)
        case "limits":
            guard case .tuple(let items) = value, items.count == 4 else {
                throw LanguageError("limits must be (xlow, xhigh, ylow, yhigh); use nothing for automatic")
            }
            axis.xlimits = try range(items[0], items[1])
            axis.ylimits = try range(items[2], items[3])
        default:
            throw LanguageError("unknown Axis attribute `\(name)`; expected one of \(axisAttributes.joined(separator: ", "))")
        }
    }

    private static func range(_ lo: Value, _ hi: Value) throws -> ClosedRange<Double>? {
        if lo.isNothing && hi.isNothing { return nil }
        guard let a = lo.asDouble, let b = hi.asDouble, a < b else {
            throw LanguageError("limits need low < high, got \(Display.repr(lo)) and \(Display.repr(hi))")
        }
        return a...b
    }

    private static func scale(_ value: Value) throws -> Scale {
        switch value {
        case .function(let f) where f.name == "log10": return .log10
        case .function(let f) where f.name == "identity": return .linear
        case .symbol("log10"), .string("log10"): return .log10
        case .symbol("identity"), .string("identity"): return .linear
        default: throw LanguageError("an axis scale must be identity or log10, got \(Display.repr(value))")
        }
    }

    /// `(positions, labels)` or a vector of positions.
    private static func ticks(_ value: Value) throws -> [Tick] {
        if case .tuple(let items) = value, items.count == 2 {
            let positions = try numbers(items[0], "tick positions", in: "ticks")
            let labels = try strings(items[1], "tick labels")
            guard positions.count == labels.count else {
                throw LanguageError("ticks: \(positions.count) positions but \(labels.count) labels")
            }
            return zip(positions, labels).map { Tick(value: $0, label: $1) }
        }
        let positions = try numbers(value, "tick positions", in: "ticks")
        return zip(positions, NumberFormat.labels(positions)).map { Tick(value: $0, label: $1) }
    }

    /// Runs plotting code, turning its errors into the language's.
    static func plotting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PlotError {
            throw LanguageError(error.message)
        }
    }
}
