import Foundation
import Testing
@testable import MixedModelsLanguage

/// Runs blocks in one session and checks figures and error messages.
struct FigureBlocks {
    let session = Session(baseDirectory: "/tmp")
    init(_ setup: String) {
        _ = session.run(setup, file: "nb.md", firstLine: 1, timeout: 60)
    }

    func run(_ code: String) -> BlockResult { session.run(code, file: "nb.md", firstLine: 10, timeout: 60) }

    /// The block's single SVG figure ("" when it made none or failed).
    func figure(_ code: String) -> String {
        let result = run(code)
        #expect(result.error == nil, "\(code): \(result.error ?? "")")
        #expect(result.figures.count == 1, "\(code)")
        return result.figures.first ?? ""
    }

    func expectError(_ code: String, _ fragments: [String]) {
        let message = run(code).error ?? ""
        #expect(message.hasPrefix("nb.md:10"), "\(code): \(message)")
        for f in fragments { #expect(message.contains(f), "\(code): \(message)") }
    }
}

/// Gadfly's `plot` as MixedModels.jl's documentation pages call it.
@Suite struct GadflyTests {
    let blocks = FigureBlocks("using Gadfly, DataFrames\nx = [-1.0, 0.0, 1.0, 2.0]\nw = [0.1, 0.5, 0.25, 0.01]\n"
                        + "df = DataFrame(a = [1.0, 2.0, 3.0, 4.0], b = [2.0, 1.0, 4.0, 3.0], g = [\"p\", \"q\", \"p\", \"q\"])")

    @Test func vectorsWithGeometriesAndGuides() {
        let svg = blocks.figure("plot(x = x, y = w, Geom.hair, Geom.point, Guide.ylabel(\"Weight\"), Guide.xlabel(\"\"), "
                                + "Guide.title(\"Rule\"))")
        #expect(svg.contains("aria-label=\"Figure: Rule: Hair, Scatter of Weight\""))
        #expect(svg.contains(">Weight</text>"))
        #expect(svg.contains(">Rule</text>"))
        #expect(blocks.run("p = plot(x = x, y = w); typeof(p)").output == "Gadfly.Plot")
    }

    @Test func logScaleTicksArePowers() {
        let svg = blocks.figure("plot(x = x, y = w, Geom.hair, Geom.point, Scale.y_log2)")
        for label in ["2⁻⁶", "2⁻⁴", "2⁻²", "2⁰"] { #expect(svg.contains(">\(label)</text>"), "\(label)") }
        let ten = blocks.figure("plot(x = [1, 10, 100], y = [1, 2, 3], Scale.x_log10)")
        for label in ["10⁰", "10¹", "10²"] { #expect(ten.contains(">\(label)</text>"), "\(label)") }
    }

    @Test func columnsOfADataFrameWithColourGroupsAndLayers() {
        let svg = blocks.figure("plot(df, x = :a, y = :b, color = :g, Geom.line)")
        #expect(svg.contains("class=\"legend\""))
        #expect(svg.contains(">p</text>") && svg.contains(">q</text>") && svg.contains(">g</text>"))
        #expect(svg.contains(">a</text>") && svg.contains(">b</text>"), "column names label the axes")
        let layered = blocks.figure("plot(df, layer(x = :a, y = :b, Geom.point), layer(x = :a, y = :b, Geom.smooth), "
                                    + "Guide.xlabel(\"A\"))")
        #expect(layered.contains(">A</text>") && layered.components(separatedBy: "<clipPath").count == 2)
    }

    @Test func categoricalColumnsBecomeLevelPositions() {
        let svg = blocks.figure("plot(df, x = :a, y = :g, Geom.point)")
        #expect(svg.contains(">p</text>") && svg.contains(">q</text>"))
    }

    @Test func densityAndHistogramOfOneVector() {
        _ = blocks.figure("plot(x = randn(MersenneTwister(1), 500), Geom.density, Guide.xlabel(\"z\"))")
        _ = blocks.figure("plot(x = randn(MersenneTwister(1), 500), Geom.histogram(bincount = 12))")
    }

    @Test func badInput() {
        blocks.expectError("plot(x = x, z = w)", ["unknown keyword argument `z` for plot", "color, x, y"])
        blocks.expectError("plot(x = [1, 2, 3], y = [1, 2], Geom.point)", ["x has 3 values but y has 2"])
        blocks.expectError("plot(x = Float64[], Geom.histogram)", ["hist: the data is empty"])
        blocks.expectError("plot(x = [NaN, NaN], Geom.density)", ["density: the data has no finite values"])
        blocks.expectError("plot(x = x, y = x, Scale.y_log10)", ["log10 y axis cannot show the non-positive value"])
        blocks.expectError("plot(x = x, Geom.line)", ["Geom.line needs both x = … and y = …"])
        blocks.expectError("plot(df, x = :nope, y = :b)", ["the data has no column `nope`", "a, b, g"])
        blocks.expectError("plot(x = :a, y = :b)", ["names a column, but no data frame was given"])
        blocks.expectError("plot(Guide.xlabel(\"x\"))", ["plot needs something to draw"])
        blocks.expectError("layer(x = x, y = w, Guide.xlabel(\"x\"))", ["Guide.xlabel belongs in plot(…)"])
        blocks.expectError("plot(x = x, y = w, Geom.smooth(method = :lm))", ["only method = :loess"])
        blocks.expectError("plot(x = x, y = w, Geom.point(size = 3))", ["unknown keyword argument `size` for Geom.point"])
    }
}

/// Spanning cells, legends in their own cell and AlgebraOfGraphics' facets.
@Suite struct FigureLayoutTests {
    let blocks = FigureBlocks("x = [1.0, 2.0, 3.0, 4.0]\n"
                        + "df = DataFrame(a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], b = [2.0, 1.0, 4.0, 3.0, 6.0, 5.0], "
                        + "g = [\"p\", \"q\", \"r\", \"p\", \"q\", \"r\"], h = [\"u\", \"u\", \"u\", \"v\", \"v\", \"v\"])")

    @Test func spanningCells() {
        let svg = blocks.figure("fig = Figure()\nlines(fig[1, 1:2], x)\nscatter(fig[2, 1], x)\nhist(fig[2, 2], x)\n"
                                + "stem(fig[3, :], x)\nfig")
        #expect(svg.components(separatedBy: "<clipPath").count - 1 == 4)
        #expect(blocks.run("fig = Figure(); fig[2, 1:3]").output == "GridPosition(fig[2, 1:3])")
        blocks.expectError("fig = Figure(); lines(fig[1, 1], x); lines(fig[1, 1:2], x)",
                           ["fig[1, 1:2] overlaps fig[1, 1], which already holds an axis or a legend"])
        blocks.expectError("fig = Figure(); fig[1, 3:2]", ["a grid position is an integer, a range such as 1:2, or `:`"])
    }

    @Test func legendInItsOwnCell() {
        let svg = blocks.figure("fig = Figure()\nax = Axis(fig[1, 1])\nlines!(ax, x; label = \"rising\")\n"
                                + "scatter!(ax, x, reverse(x); label = \"falling\")\nLegend(fig[1, 2], ax, \"Trend\")\nfig")
        #expect(svg.contains(">rising</text>") && svg.contains(">falling</text>") && svg.contains(">Trend</text>"))
        blocks.expectError("fig = Figure(); ax = Axis(fig[1, 1]); lines!(ax, x); Legend(fig[1, 2], ax)",
                           ["Legend: no plot of this axis has a label"])
        blocks.expectError("fig = Figure(); Legend(fig[1, 2], 3)", ["an axis whose plots have labels"])
    }

    @Test func facets() {
        let wrapped = blocks.figure("draw(data(df) * mapping(:a, :b; layout = :g) * visual(Scatter))")
        #expect(wrapped.components(separatedBy: "<clipPath").count - 1 == 3)
        for level in ["p", "q", "r"] { #expect(wrapped.contains(">\(level)</text>"), "panel title \(level)") }
        let grid = blocks.figure("draw(data(df) * mapping(:a, :b; row = :h, col = :g, color = :g) * visual(Lines))")
        #expect(grid.components(separatedBy: "<clipPath").count - 1 == 6)
        #expect(grid.contains("class=\"legend\"") && grid.contains(">u, p</text>"))
        blocks.expectError("draw(data(df) * mapping(:a, :b; layout = :g, col = :h) * visual(Scatter))",
                           ["use either layout or col/row"])
        blocks.expectError("draw(data(df) * mapping(:a, :b; layout = :nope) * visual(Scatter))",
                           ["no column `nope` to facet by"])
    }

    @Test func mappingNamesItsAxes() {
        let svg = blocks.figure("draw(data(df) * mapping(:a => \"Alpha\", :b => \"Beta\") * visual(Scatter))")
        #expect(svg.contains(">Alpha</text>") && svg.contains(">Beta</text>"))
        blocks.expectError("draw(data(df) * mapping(:a => 3) * visual(Scatter))",
                           ["mapping: argument 1 must be :column or :column => \"label\""])
    }

    @Test func dataTakesANamedTupleOfColumns() {
        let svg = blocks.figure("draw(data((; u = [1.0, 2.0, 3.0], v = [3.0, 1.0, 2.0])) * mapping(:u, :v) * visual(Lines))")
        #expect(svg.contains("<polyline") || svg.contains("<path"))
        blocks.expectError("draw(data((; u = [1.0, 2.0], v = [1.0])) * mapping(:u, :v) * visual(Lines))", ["length"])
    }
}

/// MixedModelsMakie's plots of a bootstrap and a profile, and `caterpillar!`.
@Suite struct InferencePlotTests {
    let blocks = FigureBlocks("using Random\nsleepstudy = MixedModels.dataset(:sleepstudy)\n"
                        + "fm = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy)\n"
                        + "samp = parametricbootstrap(MersenneTwister(42), 50, fm)\n"
                        + "dyestuff = MixedModels.dataset(:dyestuff)\n"
                        + "fm1 = fit(MixedModel, @formula(yield ~ 1 + (1|batch)), dyestuff; REML = false)\npr = profile(fm1)")

    @Test func bootstrapPlots() {
        let ridge = blocks.figure("ridgeplot(samp)")
        #expect(ridge.contains(">(Intercept)</text>") && ridge.contains(">days</text>"))
        #expect(ridge.contains("Normalized bootstrap density and 95% confidence interval"))
        #expect(blocks.figure("ridgeplot(samp; show_intercept = false, conf_level = 0.9)").contains("90% confidence"))
        #expect(blocks.figure("coefplot(samp)").contains(">days</text>"))
        blocks.expectError("ridgeplot(fm)", ["a bootstrap from parametricbootstrap"])
        blocks.expectError("ridgeplot(samp; conf_level = 1.5)", ["conf_level must lie between 0 and 1"])
        blocks.expectError("ridgeplot(samp; colour = :red)", ["unknown keyword argument `colour` for ridgeplot"])
    }

    @Test func profilePlots() {
        let zeta = blocks.figure("zetaplot(pr)")
        #expect(zeta.contains(">β1</text>") && zeta.contains(">ζ</text>"))
        let sigmas = blocks.figure("zetaplot(pr; absv = true, ptyp = \"σ\")")
        #expect(sigmas.contains(">σ1</text>") && sigmas.contains(">|ζ|</text>"))
        let all = blocks.figure("profileplot(pr)")
        #expect(all.components(separatedBy: "<clipPath").count - 1 == 3)
        blocks.expectError("zetaplot(pr; ptyp = \"x\")", ["ptyp must be 'β', 'σ' or 'θ'"])
        blocks.expectError("zetaplot(fm1)", ["a profile from profile(m)"])
        blocks.expectError("profileplot(pr; coverage = [0.5, 1.2])", ["coverage levels must lie between 0 and 1"])
    }

    @Test func caterpillarIntoAFigureAGridCellOrAnAxis() {
        _ = blocks.figure("fig = Figure(); caterpillar!(fig, fm, :subj); fig")
        let cell = blocks.figure("fig = Figure(); lines(fig[1, 1], [1, 2]); caterpillar!(fig[2, 1], fm); fig")
        #expect(cell.components(separatedBy: "<clipPath").count - 1 == 3)
        _ = blocks.figure("fig = Figure(); ax = Axis(fig[1, 1]); caterpillar!(ax, fm; orderby = 2); fig")
        blocks.expectError("caterpillar!(3, fm)", ["a Figure, a grid position fig[i, j] or an Axis"])
    }

    @Test func caterpillarLineAtZeroOnlyWhenAsked() {
        // MixedModelsMakie's `vline_at_zero` is false by default: one more line per axis when it is true.
        func elements(_ svg: String) -> Int { svg.components(separatedBy: "<line").count + svg.components(separatedBy: "<path").count }
        let plain = blocks.figure("caterpillar(fm)")
        let withLine = blocks.figure("caterpillar(fm; vline_at_zero = true)")
        #expect(elements(withLine) > elements(plain))
        #expect(blocks.figure("caterpillar(fm; vline_at_zero = false)") == plain)
    }
}
