import Testing
@testable import DataTables

@Suite struct DisplayTests {
    @Test func arrowSchemaOfDyestuff() throws {
        #expect(arrowSchemaDisplay(try Datasets.load("dyestuff")) == """
            Arrow.Table with 30 rows, 2 columns, and schema:
             :batch  String
             :yield  Int16
            """)
        #expect(arrowSchemaDisplay(try Datasets.load("sleepstudy")) == """
            Arrow.Table with 180 rows, 3 columns, and schema:
             :subj      String
             :days      Int8
             :reaction  Float64
            """)
    }

    @Test func schemaNamesMissingTypesAndNonIdentifiers() throws {
        let t = try DataTable(columns: [
            Column(name: "(Intercept)", doubles: [1, 2], missing: [false, true]),
            Column(name: "x", integers: [1, 2]),
        ])
        #expect(arrowSchemaDisplay(t) == """
            Arrow.Table with 2 rows, 2 columns, and schema:
             Symbol("(Intercept)")  Union{Missing, Float64}
             :x                     Int64
            """)
    }

    @Test func describeDyestuff() throws {
        #expect(describe(try Datasets.load("dyestuff")).text == """
            2×7 DataFrame
             Row │ variable  mean    min   median  max   nmissing  eltype
                 │ Symbol    Union…  Any   Union…  Any   Int64     DataType
            ─────┼──────────────────────────────────────────────────────────
               1 │ batch             A             F            0  String
               2 │ yield     1527.5  1440  1530.0  1635         0  Int16
            """)
    }

    /// Needs `JuliaFloatFormat.compact` (6 significant digits) from TextDisplay for the mean 60.0533.
    @Test func describePastes() throws {
        #expect(describe(try Datasets.load("pastes")).text == """
            3×7 DataFrame
             Row │ variable  mean     min   median  max   nmissing  eltype
                 │ Symbol    Union…   Any   Union…  Any   Int64     DataType
            ─────┼───────────────────────────────────────────────────────────
               1 │ batch              A             J            0  String
               2 │ cask               a             c            0  String
               3 │ strength  60.0533  54.2  59.3    66.0         0  Float64
            """)
    }

    @Test func describeNumericOnlyAndMissing() throws {
        let t = try DataTable(columns: [
            Column(name: "i", integers: [1, 2, 3, 4]),
            Column(name: "x", doubles: [0.5, 1.5, 2.5, 0], missing: [false, false, false, true]),
        ])
        #expect(describe(t).text(displayHeight: nil, displayWidth: nil) == """
            2×7 DataFrame
             Row │ variable  mean     min   median   max   nmissing  eltype
                 │ Symbol    Float64  Real  Float64  Real  Int64     Type
            ─────┼───────────────────────────────────────────────────────────────────────────
               1 │ i             2.5   1        2.5   4           0  Int64
               2 │ x             1.5   0.5      1.5   2.5         1  Union{Missing, Float64}
            """)
    }

    @Test func decimalAlignmentFollowsPrettyTables() {
        #expect(alignOnDecimalPoint(["-16.6282", "0.369516", "26.9747"]) == ["-16.6282  ", "  0.369516", " 26.9747  "])
        #expect(alignOnDecimalPoint(["1", "22", "missing"]) == ["      1", "     22", "missing"])
    }

    @Test func raneftableStyleFrame() {
        let columns = [
            DisplayColumn(name: "batch", typeName: "String", cells: ["A", "B", "C"], alignment: .left),
            DisplayColumn(name: "(Intercept)", typeName: "Float64", cells: ["-16.6282", "0.369516", "26.9747"],
                          alignment: .decimalPoint),
        ]
        #expect(dataFrameText(title: "3×2 DataFrame", columns: columns) == """
            3×2 DataFrame
             Row │ batch   (Intercept)
                 │ String  Float64
            ─────┼─────────────────────
               1 │ A        -16.6282
               2 │ B          0.369516
               3 │ C         26.9747
            """)
    }

    @Test func longTableIsElidedLikeA24LineDisplay() throws {
        let t = try DataTable(columns: [
            Column(name: "A", integers: (0..<500).map { 2 * $0 + 1 }),
            Column(name: "B", integers: (0..<500).map { $0 / 50 + 1 }),
            Column(name: "C", integers: (1...500).map { $0 }),
        ])
        let expected = """
            500×3 DataFrame
             Row │ A      B      C
                 │ Int64  Int64  Int64
            ─────┼─────────────────────
               1 │     1      1      1
               2 │     3      1      2
               3 │     5      1      3
               4 │     7      1      4
               5 │     9      1      5
               6 │    11      1      6
               7 │    13      1      7
               8 │    15      1      8
              ⋮  │   ⋮      ⋮      ⋮
             494 │   987     10    494
             495 │   989     10    495
             496 │   991     10    496
             497 │   993     10    497
             498 │   995     10    498
             499 │   997     10    499
             500 │   999     10    500
                       485 rows omitted
            """
        #expect(dataFrameDisplay(t) == expected)
        #expect(dataFrameDisplay(t, displayHeight: nil).split(separator: "\n").count == 504)
    }

    @Test func missingStringsAndTypesInFrames() throws {
        let t = try DataTable(columns: [
            Column(name: "name", strings: ["alice", "bob", ""], missing: [false, false, true]),
            Column(name: "ok", bools: [true, false, true]),
        ])
        #expect(dataFrameDisplay(t) == """
            3×2 DataFrame
             Row │ name     ok
                 │ String?  Bool
            ─────┼────────────────
               1 │ alice     true
               2 │ bob      false
               3 │ missing   true
            """)
        let rendered = dataFrameRenderedTable(t)
        #expect(rendered.caption == "3×2 DataFrame")
        #expect(rendered.header == ["Row", "name", "ok"])
        #expect(rendered.subheader == ["", "String?", "Bool"])
        #expect(rendered.rows[2] == ["3", "missing", "true"])
        #expect(rendered.rightAligned == [true, false, true])
        #expect(rendered.footnote == nil)
    }

    @Test func longStringsAreEscapedAndCut() {
        #expect(displayString("a\tb\\") == "a\\tb\\\\")
        #expect(displayString(String(repeating: "x", count: 40)) == String(repeating: "x", count: 32) + "…")
    }
}
