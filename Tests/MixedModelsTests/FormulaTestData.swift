import DataTables
import Foundation

/// Test-only loader of the shared CSV data sets (no quoting in those files). Columns whose values all parse as
/// integers become Int64, as doubles Float64, otherwise strings; `strings` forces string columns.
enum FormulaTestData {
    static let directory = "/work/shared/datasets"

    static func load(_ name: String, strings: Set<String> = []) throws -> DataTable {
        let text = try String(contentsOfFile: "\(directory)/\(name).csv", encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        var cells = [[String]](repeating: [], count: header.count)
        for line in lines {
            for (j, cell) in line.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                cells[j].append(String(cell))
            }
        }
        let columns = zip(header, cells).map { name, values -> Column in
            if !strings.contains(name) {
                let ints = values.compactMap { Int64($0) }
                if ints.count == values.count { return Column(name: name, integers: ints) }
                let doubles = values.compactMap { Double($0) }
                if doubles.count == values.count { return Column(name: name, doubles: doubles) }
            }
            return Column(name: name, strings: values)
        }
        return try DataTable(columns: columns)
    }
}
