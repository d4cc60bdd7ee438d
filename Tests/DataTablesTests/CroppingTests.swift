import Testing
@testable import DataTables

/// Reproduces printouts from DataFrames.jl's documentation (the `german` credit data on a 24×80 display).
@Suite struct CroppingTests {
    /// Cells for rows 1–8 and 994–1000 as the docs show them; other rows get a filler that is never displayed.
    private func column(_ name: String, _ type: String, _ head: [String], _ tail: [String], _ alignment: CellAlignment)
        -> DisplayColumn {
        DisplayColumn(name: name, typeName: type, cells: head + Array(repeating: "x", count: 985) + tail, alignment: alignment)
    }

    @Test func wideAndLongFrameIsCroppedBothWays() {
        let columns = [
            column("id", "Int64", (0...7).map(String.init), (993...999).map(String.init), .decimalPoint),
            column("Age", "Int64", ["67", "22", "49", "45", "53", "35", "53", "35"],
                   ["30", "50", "31", "40", "38", "23", "27"], .decimalPoint),
            column("Sex", "String7", ["male", "female", "male", "male", "male", "male", "male", "male"],
                   ["male", "male", "female", "male", "male", "male", "male"], .left),
            column("Job", "Int64", ["2", "2", "1", "2", "2", "1", "2", "3"], ["3", "2", "1", "3", "2", "2", "2"], .decimalPoint),
            column("Housing", "String7", ["own", "own", "own", "free", "free", "free", "own", "rent"],
                   ["own", "own", "own", "own", "own", "free", "own"], .left),
            column("Saving accounts", "String15",
                   ["NA", "little", "little", "little", "little", "NA", "quite rich", "little"],
                   ["little", "NA", "little", "little", "little", "little", "moderate"], .left),
            column("Checking account", "String15",
                   ["little", "moderate", "NA", "little", "little", "NA", "NA", "moderate"],
                   ["little", "NA", "NA", "little", "NA", "little", "moderate"], .left),
            column("Credit amount", "Int64", Array(repeating: "1169", count: 8), Array(repeating: "4576", count: 7), .decimalPoint),
            column("Duration", "Int64", Array(repeating: "6", count: 8), Array(repeating: "45", count: 7), .decimalPoint),
            column("Purpose", "String31", Array(repeating: "car", count: 8), Array(repeating: "car", count: 7), .left),
        ]
        let expected = """
            1000×10 DataFrame
              Row │ id     Age    Sex      Job    Housing  Saving accounts  Checking accou ⋯
                  │ Int64  Int64  String7  Int64  String7  String15         String15       ⋯
            ──────┼─────────────────────────────────────────────────────────────────────────
                1 │     0     67  male         2  own      NA               little         ⋯
                2 │     1     22  female       2  own      little           moderate
                3 │     2     49  male         1  own      little           NA
                4 │     3     45  male         2  free     little           little
                5 │     4     53  male         2  free     little           little         ⋯
                6 │     5     35  male         1  free     NA               NA
                7 │     6     53  male         2  own      quite rich       NA
                8 │     7     35  male         3  rent     little           moderate
              ⋮   │   ⋮      ⋮       ⋮       ⋮       ⋮            ⋮                ⋮       ⋱
              994 │   993     30  male         3  own      little           little         ⋯
              995 │   994     50  male         2  own      NA               NA
              996 │   995     31  female       1  own      little           NA
              997 │   996     40  male         3  own      little           little
              998 │   997     38  male         2  own      little           NA             ⋯
              999 │   998     23  male         2  free     little           little
             1000 │   999     27  male         2  own      moderate         moderate
                                                              4 columns and 985 rows omitted
            """
        #expect(dataFrameText(title: "1000×10 DataFrame", columns: columns) == expected)
    }

    @Test func describeWiderThanTheDisplay() {
        let rows: [(String, String, String, String, String, String)] = [
            ("id", "499.5", "0", "499.5", "999", "Int64"), ("Age", "35.546", "19", "33.0", "75", "Int64"),
            ("Sex", "", "female", "", "male", "String7"), ("Job", "1.904", "0", "2.0", "3", "Int64"),
            ("Housing", "", "free", "", "rent", "String7"), ("Saving accounts", "", "NA", "", "rich", "String15"),
            ("Checking account", "", "NA", "", "rich", "String15"), ("Credit amount", "3271.26", "250", "2319.5", "18424", "Int64"),
            ("Duration", "20.903", "4", "18.0", "72", "Int64"), ("Purpose", "", "business", "", "vacation/others", "String31"),
        ]
        let columns = [
            DisplayColumn(name: "variable", typeName: "Symbol", cells: rows.map(\.0), alignment: .left),
            DisplayColumn(name: "mean", typeName: "Union…", cells: rows.map(\.1), alignment: .left),
            DisplayColumn(name: "min", typeName: "Any", cells: rows.map(\.2), alignment: .left),
            DisplayColumn(name: "median", typeName: "Union…", cells: rows.map(\.3), alignment: .left),
            DisplayColumn(name: "max", typeName: "Any", cells: rows.map(\.4), alignment: .left),
            DisplayColumn(name: "nmissing", typeName: "Int64", cells: rows.map { _ in "0" }, alignment: .decimalPoint),
            DisplayColumn(name: "eltype", typeName: "DataType", cells: rows.map(\.5), alignment: .left),
        ]
        let expected = """
            10×7 DataFrame
             Row │ variable          mean     min       median  max              nmissing  ⋯
                 │ Symbol            Union…   Any       Union…  Any              Int64     ⋯
            ─────┼──────────────────────────────────────────────────────────────────────────
               1 │ id                499.5    0         499.5   999                     0  ⋯
               2 │ Age               35.546   19        33.0    75                      0
               3 │ Sex                        female            male                    0
               4 │ Job               1.904    0         2.0     3                       0
               5 │ Housing                    free              rent                    0  ⋯
               6 │ Saving accounts            NA                rich                    0
               7 │ Checking account           NA                rich                    0
               8 │ Credit amount     3271.26  250       2319.5  18424                   0
               9 │ Duration          20.903   4         18.0    72                      0  ⋯
              10 │ Purpose                    business          vacation/others         0
                                                                            1 column omitted
            """
        #expect(dataFrameText(title: "10×7 DataFrame", columns: columns) == expected)
    }

    @Test func verbaggIsCutAtEightyColumns() throws {
        let text = dataFrameDisplay(try Datasets.load("verbagg"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.last?.hasSuffix("1 column and 7569 rows omitted") == true)
        #expect(!dataFrameDisplay(try Datasets.load("verbagg"), displayWidth: nil).contains("⋯"))
    }
}
