import Testing
@testable import DataTables

@Suite struct DatasetLoadingTests {
    @Test func dyestuffLoads() throws {
        let t = try Datasets.load("dyestuff")
        #expect(t.rowCount == 30)
        #expect(t.columnNames == ["batch", "yield"])
        #expect(t.columns.map(\.elementType) == [.string, .int16])
    }
}
