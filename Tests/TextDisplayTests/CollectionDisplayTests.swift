import Testing
@testable import TextDisplay

@Suite struct CollectionDisplayTests {
    @Test func tuples() {
        #expect(JuliaCollectionDisplay.tuple([30, 1, 6, 1].map { .integer($0) }) == "(30, 1, 6, 1)")
        #expect(JuliaCollectionDisplay.tuple([.symbol("formula"), .symbol("reterms")]) == "(:formula, :reterms)")
        #expect(JuliaCollectionDisplay.tuple([.integer(5)]) == "(5,)")
    }

    @Test func orderedDictionary() {
        let entries: [(key: JuliaElement, value: JuliaElement)] = [
            (.symbol("default"), .float(2372.7285)), (.symbol("fast"), .float(2372.7837)),
            (.symbol("nAGQ"), .float(2372.4561)), (.symbol("nAGQ_fast"), .float(2372.5133)),
        ]
        #expect(JuliaCollectionDisplay.dictionary(typeName: "OrderedCollections.OrderedDict{Symbol, Float64}",
                                                  entries: entries) == """
            OrderedCollections.OrderedDict{Symbol, Float64} with 4 entries:
              :default   => 2372.73
              :fast      => 2372.78
              :nAGQ      => 2372.46
              :nAGQ_fast => 2372.51
            """)
        #expect(JuliaCollectionDisplay.dictionary(typeName: "Dict{Symbol, Float64}", entries: [])
                == "Dict{Symbol, Float64}()")
    }

    @Test func longDictionaryIsElided() {
        let entries = (1...30).map { (key: JuliaElement.integer($0), value: JuliaElement.integer($0 * $0)) }
        let lines = JuliaCollectionDisplay.dictionary(typeName: "Dict{Int64, Int64}", entries: entries)
            .split(separator: "\n")
        #expect(lines.count == 24)
        #expect(lines.last == "  ⋮  => ⋮")
    }

    @Test func summaryTables() {
        let coefficients = CoefficientTableDisplay.renderedTable([
            CoefficientRow(name: "(Intercept)", estimate: 1527.4999999999989, standardError: 17.694552929494222),
        ])
        #expect(coefficients.rows == [["(Intercept)", "1527.5", "17.6946", "86.33", "<1e-99"]])
        let subj = VarianceComponentGroup(name: "subj", columns: ["(Intercept)", "days"],
                                          standardDeviations: [(565.51067).squareRoot(), 5.716828], correlations: [[], [0.08]])
        let varcorr = VarianceComponentsDisplay.renderedTable(groups: [subj], residualStandardDeviation: 25.591824)
        #expect(varcorr.rows == [["subj", "(Intercept)", "565.51067", "23.78047", ""],
                                 ["", "days", "32.68212", "5.71683", "+0.08"],
                                 ["Residual", "", "654.94146", "25.59182", ""]])
        let fit = ModelSummaryDisplay.fitStatisticsTable(labels: ModelSummaryDisplay.linearModelLabels,
                                                         values: [-163.66352994057, 327.327059881143])
        #expect(fit.header.first == "logLik")
        #expect(fit.rows == [["-163.6635", "327.3271"]])
    }
}
