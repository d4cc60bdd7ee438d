import Testing
@testable import MixedModelsLanguage

/// Character literals and `Char` values, `global`/`local` declarations, gathered keywords as `Base.Pairs`,
/// `SubString` results of `split`, and reading back files a block wrote — each with Julia 1.10's printed output.
@Suite struct CharactersAndFilesTests {
    /// The error a block stops with (the global `output`/`outputs` helpers give what blocks print).
    private func error(_ code: String) -> String {
        let result = Session(baseDirectory: "/tmp").run(code, file: "nb.md", firstLine: 1, timeout: 30)
        return result.error ?? "no error: \(result.output)"
    }

    @Test func characterLiteralsDisplayAsJuliasREPL() {
        #expect(output("'a'") == "'a': ASCII/Unicode U+0061 (category Ll: Letter, lowercase)")
        #expect(output("'σ'") == "'σ': Unicode U+03C3 (category Ll: Letter, lowercase)")
        #expect(output("'\\n'") == "'\\n': ASCII/Unicode U+000A (category Cc: Other, control)")
        #expect(output("'\\''") == "'\\'': ASCII/Unicode U+0027 (category Po: Punctuation, other)")
        #expect(output("'\\u03c3' == 'σ'") == "true")
        #expect(output("' '") == "' ': ASCII/Unicode U+0020 (category Zs: Separator, space)")
        #expect(output("'7'") == "'7': ASCII/Unicode U+0037 (category Nd: Number, decimal digit)")
        #expect(output("show('σ'); print('σ'); print(\"x$('a')\")") == "'σ'σxa")
        #expect(output("typeof('a'), 'a' isa AbstractChar") == "(Char, true)")
        #expect(output("\"\\u03c3\\x41\"") == "\"σA\"")
    }

    @Test func charactersCompareConvertAndCombine() {
        #expect(output("'a' < 'b', 'a' == 'a', 'a' == \"a\"") == "(true, true, false)")
        #expect(output("Int('a'), 'b' - 'a'") == "(97, 1)")
        #expect(output("Char(97)") == "'a': ASCII/Unicode U+0061 (category Ll: Letter, lowercase)")
        #expect(output("'a' + 1") == "'b': ASCII/Unicode U+0062 (category Ll: Letter, lowercase)")
        #expect(output("string('a', 1), 'a' * \"bc\", 'x' * 'y'") == "(\"a1\", \"abc\", \"xy\")")
        #expect(output("isletter('a'), isdigit('7'), isspace(' '), isletter('1')") == "(true, true, true, false)")
        #expect(output("uppercase('a'), lowercase('Σ')") == "('A', 'σ')")
        #expect(output("Dict('a' => 1)") == "Dict{Char, Int64} with 1 entry:\n  'a' => 1")
        #expect(error("isletter(\"a\")").contains("isletter"))
    }

    @Test func stringsAreSequencesOfCharacters() {
        let letters = """
            3-element Vector{Char}:
             'a': ASCII/Unicode U+0061 (category Ll: Letter, lowercase)
             'b': ASCII/Unicode U+0062 (category Ll: Letter, lowercase)
             'c': ASCII/Unicode U+0063 (category Ll: Letter, lowercase)
            """
        #expect(output("collect(\"abc\")") == letters)
        #expect(output("sort(collect(\"cab\"))") == letters)
        #expect(output("[c for c in \"abc\"]") == letters)
        #expect(output("show(collect(\"ab\"))") == "['a', 'b']")
        #expect(output("'b' in \"abc\", 'z' ∈ \"abc\"") == "(true, false)")
        #expect(output("\"abc\"[2]") == "'b': ASCII/Unicode U+0062 (category Ll: Letter, lowercase)")
        #expect(output("\"abc\"[2:3], first(\"hello\", 2), last(\"hello\")") == "(\"bc\", \"he\", 'o')")
        #expect(output("map(uppercase, \"abc\"), filter(isletter, \"a1b2\"), String(['o', 'k'])")
                == "(\"ABC\", \"ab\", \"ok\")")
        #expect(output("n = 0\nfor c in \"a b\"\n    n += isspace(c)\nend\nn") == "1")
        #expect(output("count(isdigit, \"a1b22\")") == "3")
    }

    @Test func theAdjointQuoteStillFollowsValues() {
        #expect(output("x = [1 2; 3 4]\nx'[1, 2], x''[1, 2], (x)'[2, 1]") == "(3, 2, 2)")
        #expect(output("v = [1, 2]\nv' * v") == "5")
        #expect(output("A = [1 2; 3 4]\nA[1, :]' * [1, 1]") == "3")
        #expect(output("[1.0 2.0]'") == "2×1 adjoint(::Matrix{Float64}) with eltype Float64:\n 1.0\n 2.0")
        #expect(error("'ab'").contains("character literal holds more than one character"))
        #expect(error("''").contains("empty character literal"))
        #expect(error("x = 'a").contains("character literal"))
    }

    @Test func splitGivesSubStringsThatActAsStrings() {
        #expect(output("split(\"a,b,c\", ',')") == "3-element Vector{SubString{String}}:\n \"a\"\n \"b\"\n \"c\"")
        #expect(output("p = split(\"1 22\")\nparse(Int, p[2]), String(p[1]), p[1] == \"1\"") == "(22, \"1\", true)")
    }

    @Test func globalAndLocalDeclarations() {
        #expect(output("counter = 0\nfunction bump!()\n    global counter += 1\nend\nbump!(); bump!()\ncounter") == "2")
        #expect(output("total = 0\nfor i in 1:3\n    global total += i\nend\ntotal") == "6")
        #expect(output("function setboth()\n    global a1, b1\n    a1 = 1\n    b1 = 2\nend\nsetboth()\n(a1, b1)")
                == "(1, 2)")
        #expect(output("function make()\n    global made = 10\nend\nmake()\nmade") == "10")
        #expect(output("x = 1\nfunction f()\n    local x = 5\n    x + 1\nend\n(f(), x)") == "(6, 1)")
        #expect(output("k = 0\nfor i in 1:2\n    for j in 1:2\n        global k += i * j\n    end\nend\nk") == "9")
    }

    @Test func gatheredKeywordsAreBasePairs() {
        let f = "f(; kw...) = kw"
        #expect(outputs(f, "f(a = 1, b = 2)").last! == "pairs(::NamedTuple) with 2 entries:\n  :a => 1\n  :b => 2")
        #expect(outputs(f, "f(alpha = 1, b = \"x\")").last! == "pairs(::NamedTuple) with 2 entries:\n  :alpha => 1\n  :b     => \"x\"")
        #expect(outputs(f, "f()").last! == "Base.Pairs{Symbol, Union{}, Tuple{}, @NamedTuple{}}()")
        #expect(outputs(f, "typeof(f(a = 1, b = 2.0))").last!
                == "Base.Pairs{Symbol, Union{Float64, Int64}, Tuple{Symbol, Symbol}, @NamedTuple{a::Int64, b::Float64}}")
        #expect(outputs(f, "kw = f(a = 1, b = 2)\nkw[:a], keys(kw), values(kw), haskey(kw, :b), isempty(kw)").last!
                == "(1, (:a, :b), (a = 1, b = 2), true, false)")
        #expect(outputs(f, "for (k, v) in f(a = 1, b = 2)\n    println(k, \" = \", v)\nend").last! == "a = 1\nb = 2\n")
        #expect(output("g(; a = 0, b = 0) = a - b\nh(; kw...) = g(; kw...)\nh(b = 3, a = 10)") == "7")
        #expect(error("f(; kw...) = kw[:c]\nf(a = 1)").contains("KeyError: key :c not found"))
    }

    @Test func filesWrittenEarlierReadBack() {
        let session = Session(baseDirectory: "/tmp")
        func run(_ code: String) -> BlockResult { session.run(code, file: "nb.md", firstLine: 1, timeout: 30) }
        _ = run("write(\"notes.txt\", \"one\\ntwo\\n\")")
        #expect(run("read(\"notes.txt\", String)").output == "\"one\\ntwo\\n\"")
        #expect(run("readlines(\"notes.txt\")").output == "2-element Vector{String}:\n \"one\"\n \"two\"")
        #expect(run("for line in eachline(\"notes.txt\")\n    println(uppercase(line))\nend").output == "ONE\nTWO\n")
        #expect(run("isfile(\"notes.txt\"), isfile(\"absent-lang-test.txt\")").output == "(true, false)")
        #expect(run("open(readline, \"notes.txt\")").output == "\"one\"")
        #expect(run("open(\"notes.txt\") do io\n    readline(io)\n    read(io, String)\nend").output == "\"two\\n\"")
        _ = run("open(\"t.csv\", \"w\") do io\n    println(io, \"a,b\")\n    println(io, \"1,x\")\nend")
        #expect(run("using CSV, DataFrames\nCSV.read(\"t.csv\", DataFrame).b").output
                == "1-element Vector{String}:\n \"x\"")
        let missing = run("read(\"absent-lang-test.txt\", String)")
        #expect(missing.error?.contains("SystemError: opening file \"absent-lang-test.txt\": No such file or directory") == true,
                "\(missing.output)")
        let caught = run("try\n    readlines(\"absent-lang-test.txt\")\ncatch e\n    e isa SystemError\nend")
        #expect(caught.output == "true", "\(caught.output) \(caught.error ?? "")")
        let outside = run("read(\"/etc/hostname\", String)")
        #expect(outside.error?.contains("only files below the notebook's folder") == true, "\(outside.output)")
    }
}
