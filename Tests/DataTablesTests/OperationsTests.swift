import Testing
@testable import DataTables

/// Row selection, sorting, grouping, joining and stacking of tables, and the displays of rows and groups.
@Suite struct OperationsTests {
    func sample() throws -> DataTable {
        try DataTable(columns: [
            Column(name: "g", strings: ["b", "a", "b", "a", "c"]),
            Column(name: "k", integers: [3, 1, 3, 2, 1]),
            Column(name: "y", doubles: [1.5, .nan, 0.5, 2.0, 0], missing: [false, false, false, false, true]),
        ])
    }

    @Test func sortingIsStableWithMissingAndNaNLast() throws {
        let t = try sample()
        #expect(try t.sortPermutation(by: [SortKey("y")]) == [2, 0, 3, 1, 4])
        #expect(try t.sortPermutation(by: [SortKey("y", reverse: true)]) == [4, 1, 3, 0, 2])
        // Ties keep their order; a second key breaks them.
        #expect(try t.sortPermutation(by: [SortKey("k")]) == [1, 4, 3, 0, 2])
        #expect(try t.sortPermutation(by: [SortKey("g"), SortKey("k", reverse: true)]) == [3, 1, 0, 2, 4])
        #expect(throws: DataTableError.self) { try t.sortPermutation(by: [SortKey("nope")]) }
    }

    @Test func groupsComeInOrderOfAppearanceOrSortedForIntegers() throws {
        let t = try sample()
        let byName = try GroupedTable(t, by: ["g"])
        #expect(byName.groups == [[0, 2], [1, 3], [4]])
        let byInteger = try GroupedTable(t, by: ["k"])
        #expect(byInteger.groups == [[1, 4], [3], [0, 2]])
        #expect(try GroupedTable(t, by: ["g"], sort: true).groups == [[1, 3], [0, 2], [4]])
        #expect(try GroupedTable(t, by: ["k"], sort: false).groups == [[0, 2], [1, 4], [3]])
        #expect(try GroupedTable(t, by: ["g", "k"]).count == 4)
        let wholeFloats = try DataTable(columns: [Column(name: "f", doubles: [2, 1, 2])])
        #expect(try GroupedTable(wholeFloats, by: ["f"]).groups == [[1], [0, 2]])
        let fractions = try DataTable(columns: [Column(name: "f", doubles: [2.5, 1, 2.5])])
        #expect(try GroupedTable(fractions, by: ["f"]).groups == [[0, 2], [1]])
    }

    @Test func groupedDisplayShowsFirstAndLastGroups() throws {
        let t = try DataTable(columns: [
            Column(name: "id", strings: ["p", "q", "p", "q"]),
            Column(name: "v", integers: [1, 2, 3, 4]),
        ])
        #expect(groupedDataFrameDisplay(try GroupedTable(t, by: ["id"])) == """
            GroupedDataFrame with 2 groups based on key: id
            First Group (2 rows): id = "p"
             Row │ id      v
                 │ String  Int64
            ─────┼───────────────
               1 │ p           1
               2 │ p           3
            ⋮
            Last Group (2 rows): id = "q"
             Row │ id      v
                 │ String  Int64
            ─────┼───────────────
               1 │ q           2
               2 │ q           4
            """)
        #expect(groupedDataFrameDisplay(try GroupedTable(t.taking(rows: [1]), by: ["id", "v"])) == """
            GroupedDataFrame with 1 group based on keys: id, v
            First Group (1 row): id = "q", v = 2
             Row │ id      v
                 │ String  Int64
            ─────┼───────────────
               1 │ q           2
            """)
    }

    @Test func rowDisplayKeepsTheParentRowNumber() throws {
        let t = try DataTable(columns: [
            Column(name: "a", integers: [1, 2, 1, 2]),
            Column(name: "b", strings: ["a", "a", "b", "b"]),
            Column(name: "c", integers: [1, 2, 3, 4]),
        ])
        #expect(dataFrameRowDisplay(t, row: 3) == """
            DataFrameRow
             Row │ a      b       c
                 │ Int64  String  Int64
            ─────┼──────────────────────
               4 │     2  b           4
            """)
    }

    @Test func innerAndLeftJoins() throws {
        let name = try DataTable(columns: [
            Column(name: "ID", integers: [1, 2, 3]),
            Column(name: "Name", strings: ["John Doe", "Jane Doe", "Joe Blogs"]),
        ])
        let job = try DataTable(columns: [
            Column(name: "ID", integers: [1, 2, 4]),
            Column(name: "Job", strings: ["Lawyer", "Doctor", "Farmer"]),
        ])
        let inner = try join(name, job, on: ["ID"], kind: .inner)
        #expect(inner.rowCount == 2)
        #expect(inner["Job"]?.juliaTypeName == "String")
        let left = try join(name, job, on: ["ID"], kind: .left)
        #expect(dataFrameDisplay(left) == """
            3×3 DataFrame
             Row │ ID     Name       Job
                 │ Int64  String     String?
            ─────┼───────────────────────────
               1 │     1  John Doe   Lawyer
               2 │     2  Jane Doe   Doctor
               3 │     3  Joe Blogs  missing
            """)
        // Every right-hand column admits missing in a left join, even when all rows matched.
        #expect(try join(name.taking(rows: [0, 1]), job, on: ["ID"], kind: .left)["Job"]?.juliaTypeName
                == "Union{Missing, String}")
        #expect(throws: JoinError.duplicateNames(["Name"])) { try join(name, name, on: ["ID"], kind: .inner) }
        let unique = try join(name, name, on: ["ID"], kind: .inner, makeUnique: true)
        #expect(unique.columnNames == ["ID", "Name", "Name_1"])
    }

    @Test func leftJoinPutsUnmatchedRowsLast() throws {
        let left = try DataTable(columns: [Column(name: "k", integers: [9, 1, 2])])
        let right = try DataTable(columns: [Column(name: "k", integers: [2, 1]), Column(name: "v", doubles: [0.5, 1.5])])
        let joined = try join(left, right, on: ["k"], kind: .left)
        #expect(joined["k"]?.values == .integer([1, 2, 9]))
        #expect(joined["v"]?.missing == [false, false, true])
        #expect(try join(left, right.taking(rows: []), on: ["k"], kind: .left)["v"]?.missingCount == 3)
    }

    @Test func verticalConcatenationPromotesAndChecksNames() throws {
        let a = try DataTable(columns: [Column(name: "x", integers: [1, 2]), Column(name: "s", strings: ["p", "q"])])
        let b = try DataTable(columns: [Column(name: "s", strings: ["r"]), Column(name: "x", doubles: [0.5])])
        let stacked = try verticalConcatenation([a, b])
        #expect(stacked.columnNames == ["x", "s"])
        #expect(stacked["x"]?.values == .float([1, 2, 0.5]))
        #expect(stacked["s"]?.values == .string(["p", "q", "r"]))
        let c = try DataTable(columns: [Column(name: "x", integers: [1])])
        #expect(throws: TableCombinationError.columnNamesDiffer(argument: 2, missing: ["s"])) {
            try verticalConcatenation([a, c])
        }
    }

    @Test func uniqueRowsKeepFirstOccurrences() throws {
        let t = try sample()
        #expect(try t.uniqueRows(by: ["g"])["k"]?.values == .integer([3, 1, 1]))
        #expect(try t.uniqueRows(by: ["g", "k"]).rowCount == 4)
    }

    @Test func largeFramesAreElidedInRenderedTables() throws {
        let n = 73_421
        let t = try DataTable(columns: [Column(name: "i", integers: (1...Int64(n)).map { $0 })])
        let rendered = dataFrameRenderedTable(t)
        #expect(rendered.caption == "73421×1 DataFrame")
        #expect(rendered.rows.count == 26)
        #expect(rendered.rows[12] == ["13", "13"])
        #expect(rendered.rows[13] == ["⋮", "⋮"])
        #expect(rendered.rows[14] == ["73410", "73410"])
        #expect(rendered.rows[25] == ["73421", "73421"])
        #expect(rendered.footnote == "73396 rows omitted")
        let wide = try DataTable(columns: (1...102).map { Column(name: "c\($0)", integers: [1]) })
        let cut = dataFrameRenderedTable(wide)
        #expect(cut.header.count == 102)
        #expect(cut.header.last == "⋯")
        #expect(cut.footnote == "2 columns omitted")
        #expect(dataFrameRenderedTable(t.taking(rows: Array(0..<25))).footnote == nil)
    }
}
