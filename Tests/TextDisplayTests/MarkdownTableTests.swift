import Testing
@testable import TextDisplay

/// Julia 1.10's Markdown table renderers and MixedModels.jl's post-processing of them. The rules checked here are
/// those of Julia's `stdlib/Markdown/src/GitHub/table.jl`, `render/html.jl` (1.10, with numeric entities for
/// ``'`!$%()=+{}[]``), `render/latex.jl`, and of MixedModels.jl's `src/mimeshow.jl`; the whole tables are checked
/// against Julia's printed strings in `LanguageTests/InsideAFitTests`.
@Suite struct MarkdownTableTests {
    @Test func plainPadsToAtLeastThreeAndEscapesBars() {
        let table = MarkdownTable(rows: [["a", "b", "c"], ["x | y", "1", "22"]], align: [.left, .right, .center])
        #expect(table.plain == """
            | a      |   b |  c  |
            |:------ | ---:|:---:|
            | x \\| y |   1 | 22  |

            """)
    }

    @Test func htmlAndLatexEscapes() {
        #expect(MarkdownTable.htmlEscaped("(a) <b> & \"c\" [1]") == "&#40;a&#41; &lt;b&gt; &amp; &quot;c&quot; &#91;1&#93;")
        #expect(MarkdownTable.latexEscaped("σ_a & 50% ~ x^2 \\ {#}") == "σ\\_a \\& 50\\% {\\textasciitilde} x\\^{}2 {\\textbackslash} \\{\\#\\}")
        let table = MarkdownTable(rows: [["", "v"], ["n", "1"]], align: [.left, .center])
        #expect(table.html == "<table><tr><th align=\"left\"></th><th align=\"center\">v</th></tr><tr>"
                + "<td align=\"left\">n</td><td align=\"center\">1</td></tr></table>")
        #expect(table.latex == "\\begin{tabular}\n{l | c}\n & v \\\\\n\\hline\nn & 1 \\\\\n\\end{tabular}\n")
    }

    @Test func mimeshowReplacements() {
        // `&#96;([^[:space:]]*)&#96;` takes the longest run without spaces; `\*\*(.*?)\*\*` the shortest.
        let code = MixedModelsMarkdown.replaceDelimited("a &#96;x&#96;y&#96; b &#96;z", open: "&#96;", close: "&#96;",
                                                        spacesAllowed: false) { "<code>\($0)</code>" }
        #expect(code == "a <code>x&#96;y</code> b &#96;z")
        let bold = MixedModelsMarkdown.replaceDelimited("**a** and **b c**", open: "**", close: "**",
                                                        spacesAllowed: true) { "<b>\($0)</b>" }
        #expect(bold == "<b>a</b> and <b>b c</b>")
        #expect(MixedModelsMarkdown.mathModeSigmas(" & σ\\_subj & σ\\_item \\\\\n& σ\\_a\\_b ")
                == " & $\\sigma_\\text{subj}$ & $\\sigma_\\text{item}$ \\\\\n& σ\\_a\\_b ")
    }

    @Test func optSummaryVectorsAndRounding() {
        #expect(OptSummaryDisplay.vector([]) == "Float64[]")
        #expect(OptSummaryDisplay.vector([1e-10, -.infinity, 0.75]) == "[1.0e-10, -Inf, 0.75]")
        #expect(MixedModelsMarkdown.roundDigits(1751.9393444646728, 4) == 1751.9393)
        #expect(MixedModelsMarkdown.roundedInteger(42.5) == "42" && MixedModelsMarkdown.roundedInteger(43.5) == "44")
    }

    /// An optimizer of the engine's own (the Newton run of large GLMMs) is not labelled as NLopt's.
    @Test func optimizerLabelNamesNLoptOnlyForItsAlgorithms() {
        var fields = OptSummaryDisplay.Fields(
            initial: [1], finitial: 2, optimizer: "LN_BOBYQA", lowerbd: [0], ftolRel: 1e-12, ftolAbs: 1e-8,
            xtolRel: 0, xtolAbs: [1e-10], initialStep: [0.75], maxfeval: -1, maxtime: -1, feval: 10, final: [1.5],
            fmin: 1, returnvalue: "FTOL_REACHED")
        #expect(OptSummaryDisplay.text(fields).contains("\nOptimizer (from NLopt):   LN_BOBYQA\n"))
        #expect(MixedModelsMarkdown.optSummary(fields).plain.contains("Optimizer (from NLopt)"))
        fields.optimizer = "NEWTON"
        fields.fromNLopt = false
        let text = OptSummaryDisplay.text(fields)
        #expect(text.contains("\nOptimizer:                NEWTON\nLower bounds:             [0.0]\n"))
        #expect(!text.contains("NLopt"))
        #expect(!MixedModelsMarkdown.optSummary(fields).plain.contains("NLopt"))
    }
}
