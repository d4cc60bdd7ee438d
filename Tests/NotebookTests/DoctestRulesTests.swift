import Foundation
import Testing
@testable import NotebookProcessing

/// Documenter's doctest rules: errors by prefix, `[...]`, filters on both sides, `@repl` inputs as expressions.
@Suite("Documenter doctest rules")
struct DoctestRulesTests {
    private func run(_ text: String) throws -> NotebookRun {
        let notebook = try NotebookReader.parse(text, path: "d.md")
        return NotebookRunner(makeEvaluator: LanguageEvaluators.factory(datasetsDirectory: nil), interruption: Interruption())
            .run(notebook)
    }

    private func outcome(_ text: String) throws -> BlockOutcome {
        let run = try run(text)
        return try #require(run.blocks.last).outcome
    }

    @Test func aThrownErrorMatchesItsDocumentedPrefix() throws {
        // Julia prints a stack trace we do not: up to `[...]`, and without `Stacktrace:`, the message is compared.
        let elided = "```jldoctest\njulia> error(\"bad input\")\nERROR: bad input\nStacktrace:\n[...]\n```\n"
        #expect(try outcome(elided) == .passed)
        let frames = "```jldoctest\njulia> error(\"bad input\")\nERROR: bad input\nStacktrace:\n [1] error(s::String)\n   @ Base ./error.jl:35\n```\n"
        #expect(try outcome(frames) == .passed)
        let prefix = "```jldoctest\njulia> error(\"bad input\")\nERROR: bad\n```\n"
        #expect(try outcome(prefix) == .passed)
        let other = "```jldoctest\njulia> error(\"bad input\")\nERROR: good input\n```\n"
        #expect(try outcome(other).isFailure)
        // An empty expectation never matches an error, and an expected error needs the code to throw.
        #expect(try outcome("```jldoctest\njulia> error(\"x\")\n\njulia> 1\n1\n```\n").isFailure)
        #expect(try outcome("```jldoctest\njulia> 1 + 1\nERROR: nothing thrown\n```\n").isFailure)
    }

    @Test func aScriptDoctestKeepsWhatWasPrintedBeforeTheError() throws {
        let text = "```jldoctest\nprintln(\"before\")\nerror(\"late\")\n\n# output\n\nbefore\nERROR: late\n```\n"
        let run = try run(text)
        #expect(run.blocks[0].outcome == .passed, "\(run.blocks[0].result?.output ?? "")")
        #expect(run.blocks[0].result?.output == "before\nERROR: late")
    }

    @Test func eachReplInputIsComparedOnItsOwn() throws {
        // The error rule applies to the input that threw only; the next input is compared exactly.
        let text = "```jldoctest\njulia> zzqq\nERROR: UndefVarError\n\njulia> 2 + 2\n4\n```\n"
        #expect(try outcome(text) == .passed)
        let wrongSecond = "```jldoctest\njulia> zzqq\nERROR: UndefVarError\n\njulia> 2 + 2\n5\n```\n"
        let run = try run(wrongSecond)
        #expect(run.blocks[0].outcome.isFailure)
        let report = CheckReport(runs: [run], readFailures: []).text()
        #expect(report.contains("- 5\n"), "\(report)")
        #expect(report.contains("+ 4\n"), "\(report)")
    }

    @Test func filtersApplyOnlyWhereTheyMatchBothSides() throws {
        let meta = "```@meta\nDocTestFilters = [r\"[0-9]+ ms\" => \"N ms\"]\n```\n\n"
        #expect(try outcome(meta + "```jldoctest\njulia> println(\"took 12 ms\")\ntook 345 ms\n```\n") == .passed)
        // The pattern does not occur in the documented text, so it is not applied to either side.
        #expect(try outcome(meta + "```jldoctest\njulia> println(\"took 12 ms\")\ntook N ms\n```\n").isFailure)
        // Filters are applied before the error prefix is compared too.
        let timedError = "```jldoctest\njulia> error(\"after 17 ms\")\nERROR: after 3 ms\n```\n"
        #expect(try outcome(meta + timedError) == .passed)
    }

    @Test func replBlocksRunOneExpressionPerInput() throws {
        let text = """
        ```@repl
        function twice(x)
        2x
        end
        twice(21)
        y = twice(2);
        println("shown"); y

        zzqq
        ```
        """
        let run = try run(text)
        let block = run.blocks[0]
        #expect(block.block.steps.map(\.code) == ["function twice(x)\n2x\nend", "twice(21)", "y = twice(2);",
                                                  "println(\"shown\"); y", "zzqq"])
        #expect(block.block.steps.map(\.firstLine) == [2, 5, 6, 7, 9])
        // An error in an `@repl` block is part of its transcript, as in Documenter; the block does not fail.
        #expect(block.outcome == .ran)
        let output = try #require(block.result?.output)
        #expect(output.contains("julia> twice(21)\n42\n\njulia> y = twice(2);\n\njulia> println(\"shown\"); y\nshown\n4"))
        #expect(output.contains("julia> function twice(x)\n       2x\n       end\n"))
        #expect(output.contains("julia> zzqq\nERROR: UndefVarError"))
    }

    @Test func hiddenLinesOfAnREPLBlockLeaveThePrompt() throws {
        let text = """
        ```@repl
        using Random # hide
        z = 40 + 2 # hide
        w = z + 1
        ```
        """
        let output = try #require(try run(text).blocks[0].result?.output)
        // A wholly hidden input shows no prompt, only what it printed or returned; the rest are echoed as usual.
        #expect(output == "42\n\njulia> w = z + 1\n43")
    }

    @Test func doctestOptionsAfterTheSemicolon() throws {
        let text = """
        ```jldoctest; setup = :(base = 40), filter = r"[0-9]+ ms" => s"TIME", output = false
        x = base + 2
        println("took 12 ms")
        x

        # output

        took 99 ms
        42
        ```
        """
        let block = try #require(try run(text).blocks.first)
        #expect(block.outcome == .passed)
        #expect(block.block.options.output == false)
        #expect(block.block.filters == [DoctestFilter(pattern: "[0-9]+ ms", replacement: "TIME")])
        let options = DocumenterReader.keywordOptions(#" setup = :(f(a, b)), filter = [r"a,b", r"\"x"], output=false"#)
        #expect(options == ["setup": ":(f(a, b))", "filter": #"[r"a,b", r"\"x"]"#, "output": "false"])
    }

    @Test func continuedExampleBlocksRunWithTheNextBlockOfTheirSession() throws {
        let text = """
        ```@example loop; continued = true
        total = Int[]
        for k in 1:3
        ```

        Between the two halves of the loop.

        ```@example loop
            push!(total, 2k)
        end
        sum(total)
        ```

        ```@example loop
        undefined_after_loop
        ```
        """
        let run = try run(text)
        #expect(run.blocks[0].result?.output == "")
        #expect(run.blocks[1].result?.output == "12")
        // Positions after the joined blocks are still those of the file.
        #expect(run.blocks[2].result?.error?.hasPrefix("d.md:15:1: UndefVarError") == true)
    }
}
