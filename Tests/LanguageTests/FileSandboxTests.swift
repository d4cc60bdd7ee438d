import Foundation
import Testing
@testable import MixedModelsLanguage

/// `read_csv` and `read_arrow` read only plain files below the allowed folders: no hard link to a file elsewhere,
/// no symbolic link anywhere below the folder, no FIFO or device, each refusal with its own message.
@Suite struct FileSandboxTests {
    let dir = NSTemporaryDirectory() + "file-sandbox-\(UUID().uuidString)"
    var notebooks: String { dir + "/notebooks" }

    init() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: notebooks + "/data", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
        try "a,b\n1,2.5\n".write(toFile: notebooks + "/data/small.csv", atomically: true, encoding: .utf8)
        try "secret,x\n1,2\n".write(toFile: dir + "/elsewhere/secret.csv", atomically: true, encoding: .utf8)
    }

    func run(_ code: String, base: String? = nil) -> BlockResult {
        Session(baseDirectory: base ?? notebooks).run(code, file: "nb.md", firstLine: 4, timeout: 30)
    }

    @Test func hardLinkToAFileOutsideIsRefused() throws {
        try FileManager.default.linkItem(atPath: dir + "/elsewhere/secret.csv", toPath: notebooks + "/data/copy.csv")
        for reader in ["read_csv", "read_arrow"] {
            let result = run("\(reader)(\"data/copy.csv\")")
            #expect(result.error == "nb.md:4:1: \(reader) refuses to read \"data/copy.csv\": the file has 2 hard "
                    + "links, so it may be a file from outside the allowed folders", "\(result.output)")
        }
    }

    @Test func symbolicLinkAlongThePathIsRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: notebooks + "/linked", withDestinationPath: dir + "/elsewhere")
        let result = run("read_csv(\"linked/secret.csv\")")
        #expect(result.error == "nb.md:4:1: read_csv refuses to read \"linked/secret.csv\": linked is a symbolic "
                + "link, and links are not followed", "\(result.output)")
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        #expect(mkfifo(notebooks + "/data/pipe.csv", 0o644) == 0)
        let result = run("read_csv(\"data/pipe.csv\")")
        #expect(result.error == "nb.md:4:1: read_csv cannot read \"data/pipe.csv\": it is a FIFO (named pipe), not "
                + "a regular file", "\(result.output)")
        #expect(result.error?.contains("permission") == false)
    }

    @Test func deviceIsRefusedByPathAndThroughALink() throws {
        try FileManager.default.createSymbolicLink(atPath: notebooks + "/zero.csv", withDestinationPath: "/dev/zero")
        let linked = run("read_csv(\"zero.csv\")")
        #expect(linked.error == "nb.md:4:1: read_csv refuses to read \"zero.csv\": zero.csv is a symbolic link, and "
                + "links are not followed", "\(linked.output)")
        let direct = run("read_arrow(\"/dev/zero\")")
        #expect(direct.error?.contains("read_arrow refuses to read \"/dev/zero\": only files below") == true,
                "\(direct.output)")
    }

    @Test func isfileSeesOnlyFilesThatCouldBeRead() throws {
        let manager = FileManager.default
        try manager.linkItem(atPath: dir + "/elsewhere/secret.csv", toPath: notebooks + "/data/copy.csv")
        try manager.createSymbolicLink(atPath: notebooks + "/linked", withDestinationPath: dir + "/elsewhere")
        #expect(mkfifo(notebooks + "/data/pipe.csv", 0o644) == 0)
        let code = "(isfile(\"data/small.csv\"), isfile(\"data\"), isfile(\"data/copy.csv\"), "
            + "isfile(\"linked/secret.csv\"), isfile(\"data/pipe.csv\"), isfile(\"../elsewhere/secret.csv\"), "
            + "isfile(\"data/absent.csv\"))"
        #expect(run(code).output == "(true, false, false, false, false, false, false)")
    }

    @Test func missingFileSaysNoSuchFile() {
        let result = run("read_csv(\"data/absent.csv\")")
        #expect(result.error == "nb.md:4:1: read_csv: no such file \"data/absent.csv\"", "\(result.output)")
        let folder = run("read_csv(\"nowhere/absent.csv\")")
        #expect(folder.error == "nb.md:4:1: read_csv: no such file \"nowhere/absent.csv\"", "\(folder.output)")
    }

    @Test func directoryIsRefused() {
        let result = run("read_csv(\"data\")")
        #expect(result.error == "nb.md:4:1: read_csv cannot read \"data\": it is a directory", "\(result.output)")
    }

    @Test func plainFilesAreReadThroughDotsAndALinkedNotebookFolder() throws {
        #expect(run("size(read_csv(\"./data/../data/small.csv\"))").output == "(1, 2)")
        #expect(run("size(read_csv(\"\(notebooks)/data/small.csv\"))").output == "(1, 2)")
        // The notebook's folder itself may be reached through a link; only links below it are refused.
        try FileManager.default.createSymbolicLink(atPath: dir + "/alias", withDestinationPath: notebooks)
        #expect(run("size(read_csv(\"data/small.csv\"))", base: dir + "/alias").output == "(1, 2)")
    }

    @Test func errorsOfTheFileContentNameThePathAsWritten() throws {
        try "a,b\n1,2,3\n".write(toFile: notebooks + "/data/bad.csv", atomically: true, encoding: .utf8)
        let result = run("read_csv(\"data/bad.csv\")")
        #expect(result.error?.contains(dir) == false, "\(result.output)")
        #expect(result.error?.contains("data/bad.csv") == true, "\(result.output)")
    }
}
