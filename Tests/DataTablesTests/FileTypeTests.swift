import Foundation
import Testing
@testable import DataTables

/// The path readers read regular files only, and never show Foundation's raw error codes.
@Suite struct FileTypeTests {
    @Test func deviceIsRefusedWithItsOwnMessage() {
        #expect(errorText { try readCSV(path: "/dev/zero") } == "cannot read /dev/zero: it is a device, not a regular file")
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let path = NSTemporaryDirectory() + "fifo-\(UUID().uuidString).arrow"
        #expect(mkfifo(path, 0o644) == 0)
        defer { unlink(path) }
        #expect(errorText { try readArrow(path: path) } == "cannot read \(path): it is a FIFO (named pipe), not a regular file")
    }

    @Test func directoryIsRefused() {
        #expect(errorText { try readCSV(path: "/tmp") } == "cannot read /tmp: it is a directory")
    }

    @Test func foundationErrorsAreDescribedInPlainWords() {
        #expect(plainDescription(ofFileError: CocoaError(.fileReadNoSuchFile)) == "no such file or folder")
        #expect(plainDescription(ofFileError: CocoaError(.fileWriteNoPermission)) == "permission denied")
        do {
            _ = try FileManager.default.contentsOfDirectory(atPath: "/no/such/folder")
            Issue.record("listing a missing folder succeeded")
        } catch {
            let text = plainDescription(ofFileError: error)
            #expect(text == "no such file or directory" || text == "no such file or folder", "\(text)")
            #expect(!text.contains("NSCocoaErrorDomain"))
        }
    }
}
