import Foundation
import Testing
@testable import MixedModelsLanguage

/// Makie's names in the block language: figures as block values, destructuring, `save`, and clear errors.
@Suite struct PlotBuiltinTests {
    private func run(_ code: String, setup: String = "x = [1.0, 2.0, 3.0]") -> BlockResult {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run(setup, file: "nb.md", firstLine: 1, timeout: 30)
        return session.run(code, file: "nb.md", firstLine: 10, timeout: 30)
    }

    private func expectError(_ code: String, _ fragments: [String], setup: String = "x = [1.0, 2.0, 3.0]") {
        let result = run(code, setup: setup)
        let message = result.error ?? ""
        #expect(message.hasPrefix("nb.md:10"), "message: \(message)")
        for f in fragments { #expect(message.contains(f), "message: \(message)") }
    }

    @Test func aFigureValueIsShownAsSVGWithoutText() {
        let result = run("hist(x; bins = 3, axis = (xlabel = \"value\", title = \"T\"))")
        #expect(result.error == nil)
        #expect(result.output == "")
        #expect(result.figures.count == 1)
        #expect(result.figures.first?.hasPrefix("<svg") == true)
        #expect(result.figures.first?.contains("aria-label=\"Figure: T: Hist over value\"") == true)
    }

    @Test func destructuringAFigureAxisPlot() {
        let result = run("f, ax, p = lines(x, x .* 2; label = \"double\")\nscatter!(ax, x, x)\naxislegend(ax)\n"
                         + "ax.ylabel = \"y\"\n(typeof(f), typeof(ax), typeof(p))")
        #expect(result.error == nil, "\(result.output)")
        #expect(result.output == "(Figure, Axis, Lines)")
    }

    @Test func gridOfPanels() {
        let result = run("fig = Figure(size = (700, 400))\nlines(fig[1, 1], x)\nax = Axis(fig[1, 2]; xscale = log10)\n"
                         + "scatter!(ax, x, x)\nhlines!(ax, 2; color = (:red, 0.5))\nfig")
        #expect(result.error == nil, "\(result.output)")
        #expect(result.figures.first?.contains("width=\"700\"") == true)
        #expect(result.figures.first?.components(separatedBy: "<clipPath").count == 3)
    }

    @Test func saveRecordsTheFigureForTheSite() {
        let result = run("f = hist(x)\nsave(\"figs/h.svg\", f)")
        #expect(result.error == nil, "\(result.output)")
        #expect(result.savedFigures.map(\.name) == ["figs/h.svg"])
        #expect(result.savedFigures.first?.svg.hasPrefix("<svg") == true)
    }

    @Test func badInput() {
        expectError("hist(x; colour = :red)", ["unknown keyword argument `colour` for hist", "bins", "color", "label"])
        expectError("lines([1, 2, 3], [1, 2])", ["lines: x has 3 values but y has 2"])
        expectError("hist([])", ["hist: the data is empty"])
        expectError("density([NaN, NaN])", ["density: the data has no finite values"])
        expectError("scatter([0, 1], [1, 2]; axis = (xscale = log10,))", ["log10 x axis cannot show the non-positive value 0"])
        expectError("save(\"../out.svg\", hist(x))", ["save refuses \"../out.svg\"", "rendered site's folder"])
        expectError("save(\"/tmp/out.svg\", hist(x))", ["save refuses"])
        expectError("hist(x; axis = (xlable = \"a\",))", ["unknown Axis attribute `xlable`", "xlabel"])
        expectError("lines(x; color = :nocolor)", ["unknown color `nocolor`"])
    }

    @Test func modelPlots() {
        let setup = "sleepstudy = MixedModels.dataset(:sleepstudy)\n"
            + "fm = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy)"
        for code in ["caterpillar(fm)", "qqcaterpillar(fm, :subj)", "shrinkageplot(fm)", "coefplot(fm)"] {
            let result = run(code, setup: setup)
            #expect(result.error == nil, "\(code): \(result.output)")
            #expect(result.figures.count == 1, "\(code)")
        }
        // The shrinkage reference refits L at a scaled θ; the fitted model must be unchanged afterwards.
        let session = Session(baseDirectory: "/tmp")
        _ = session.run(setup, file: "nb.md", firstLine: 1, timeout: 30)
        let before = session.run("ranef(fm)", file: "nb.md", firstLine: 2, timeout: 30).output
        _ = session.run("shrinkageplot(fm)", file: "nb.md", firstLine: 3, timeout: 30)
        #expect(session.run("ranef(fm)", file: "nb.md", firstLine: 4, timeout: 30).output == before)
        expectError("caterpillar(fm, :item)", ["no grouping factor `item`", ":subj"], setup: setup)
    }
}

/// The AlgebraOfGraphics subset: layers multiplied and added, drawn with one colour per group.
@Suite struct AlgebraOfGraphicsTests {
    @Test func groupedLinesGetALegendAndDistinctColours() {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run("df = DataFrame(MixedModels.dataset(:sleepstudy))", file: "nb.md", firstLine: 1, timeout: 30)
        let result = session.run("draw(data(df) * mapping(:days, :reaction; color = :subj) * visual(Lines))",
                                 file: "nb.md", firstLine: 2, timeout: 30)
        #expect(result.error == nil, "\(result.output)")
        let svg = result.figures.first ?? ""
        #expect(svg.contains("class=\"legend\""))
        #expect(svg.contains(">S308</text>"))
        #expect(svg.contains("stroke=\"#0072b2\"") && svg.contains("stroke=\"#e69f00\""))
        let density = session.run("draw(data(df) * mapping(:reaction) * density())", file: "nb.md", firstLine: 3,
                                  timeout: 30)
        #expect(density.error == nil && density.figures.count == 1, "\(density.output)")
        let missing = session.run("draw(data(df) * mapping(:nope, :reaction) * visual(Scatter))", file: "nb.md",
                                  firstLine: 4, timeout: 30)
        #expect(missing.error?.contains("the data has no column `nope`") == true, "\(missing.output)")
    }
}
