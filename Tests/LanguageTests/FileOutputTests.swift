import Testing
@testable import MixedModelsLanguage

/// `open(…, "w") do io … end`, `write`, `print(io, …)`: text files only in the rendered site's folder.
@Suite struct FileOutputTests {
    @Test func writtenTextBecomesAFileOfTheBlock() {
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("""
            open("tables/out.txt", "w") do io
                println(io, "hello")
                print(io, 1, 2)
                show(io, [1, 2])
                write(io, "!")
            end
            """, file: "nb.md", firstLine: 1, timeout: 10)
        #expect(result.error == nil, "\(result.output)")
        #expect(result.output == "1", "the do block's value is write's byte count")
        #expect(result.savedFigures == [SavedFigure(name: "tables/out.txt", svg: "hello\n12[1, 2]!")])
        let direct = session.run("write(\"plain.csv\", \"a,b\\n\")", file: "nb.md", firstLine: 9, timeout: 10)
        #expect(direct.output == "4")
        #expect(direct.savedFigures == [SavedFigure(name: "plain.csv", svg: "a,b\n")])
    }

    @Test func appendingContinuesAnEarlierBlocksFile() {
        let session = Session(baseDirectory: "/tmp")
        _ = session.run("io = open(\"log.txt\", \"w\")\nprintln(io, \"first\")\nclose(io)", file: "nb.md",
                        firstLine: 1, timeout: 10)
        let second = session.run("open(\"log.txt\", \"a\") do io\n    println(io, \"second\")\nend", file: "nb.md",
                                 firstLine: 5, timeout: 10)
        #expect(second.savedFigures == [SavedFigure(name: "log.txt", svg: "first\nsecond\n")])
        let closed = session.run("println(io, 1)", file: "nb.md", firstLine: 9, timeout: 10)
        #expect(closed.error?.contains("IOStream is not writeable") == true, "\(closed.output)")
    }

    @Test func pathsOutsideTheOutputFolderAreRefused() {
        let session = Session(baseDirectory: "/tmp")
        for (code, fragment) in [
            ("open(\"/tmp/x.txt\", \"w\") do io end", "open refuses \"/tmp/x.txt\": blocks write files only into"),
            ("write(\"../x.txt\", \"a\")", "write refuses \"../x.txt\""),
            ("write(\"a//b.txt\", \"a\")", "write refuses \"a//b.txt\""),
            ("write(\"index.html\", \"<script>\")", "blocks write only text files"),
            ("write(\"fig.svg\", \"<svg/>\")", "blocks write only text files"),
            ("open(\"no-such-file.csv\", \"r\")", "SystemError: opening file \"no-such-file.csv\": No such file"),
            ("open(\"no-such-file.csv\")", "SystemError: opening file \"no-such-file.csv\": No such file"),
            ("open(\"x.txt\", \"r+\")", "blocks open files for reading (\"r\") or writing"),
        ] {
            let result = session.run(code, file: "nb.md", firstLine: 3, timeout: 10)
            #expect(result.error?.hasPrefix("nb.md:3") == true, "\(code): \(result.output)")
            #expect(result.error?.contains(fragment) == true, "\(code): \(result.output)")
            #expect(result.savedFigures.isEmpty)
        }
    }
}
