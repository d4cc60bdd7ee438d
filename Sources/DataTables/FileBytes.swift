import Foundation

/// The whole file at `path`, or a `DataReadError` naming it.
func readFileBytes(_ path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw DataReadError.fileNotFound(path: path)
    }
    guard !isDirectory.boolValue else { throw DataReadError.unreadable(path: path, reason: "it is a directory") }
    do {
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw DataReadError.unreadable(path: path, reason: error.localizedDescription)
    }
}
