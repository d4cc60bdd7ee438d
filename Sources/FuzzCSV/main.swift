// Fuzzes the CSV reader (comma and tab separated) and the table displays built on what it reads.
import DataTables
import FuzzSupport

FuzzDriver.run { bytes in
    for delimiter: Character in [",", "\t"] {
        do {
            let table = try readCSV(data: bytes, delimiter: delimiter, name: "fuzz.csv")
            _ = dataFrameDisplay(table)
            _ = describe(table).text
        } catch {
            _ = "\(error)"
        }
    }
}
