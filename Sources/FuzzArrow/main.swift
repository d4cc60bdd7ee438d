// Fuzzes the Arrow IPC reader and the table displays built on what it reads.
import DataTables
import FuzzSupport

FuzzDriver.run { bytes in
    do {
        let table = try readArrow(data: bytes, name: "fuzz.arrow")
        _ = dataFrameDisplay(table)
        _ = arrowSchemaDisplay(table)
        _ = describe(table).text
    } catch {
        _ = "\(error)"
    }
}
