import Testing
@testable import MixedModelsLanguage

/// Julia's block syntax: conditionals, loops, functions, closures, scopes and `try`.
@Suite struct ControlFlowTests {
    @Test func conditionals() {
        #expect(output("x = 3\nif x > 2\n  \"big\"\nelseif x > 1\n  \"medium\"\nelse\n  \"small\"\nend") == "\"big\"")
        #expect(output("x = 1\nif x > 2 \"big\" elseif x > 1 \"medium\" else \"small\" end") == "\"small\"")
        #expect(output("true ? 1 : 2") == "1")
        #expect(output("false && error(\"no\")") == "false")
        #expect(output("true || error(\"no\")") == "true")
        #expect(output("x = 0; x > 1 || (x = 5); x") == "5")
        #expect(output("const K = 3; K + 1") == "4")
    }

    @Test func loops() {
        #expect(output("s = 0\nfor i in 1:10\n  s += i\nend\ns") == "55")
        #expect(output("s = 0\nfor i = 1:3, j in 1:2\n  s += i * j\nend\ns") == "18")
        #expect(output("out = []\nfor (i, x) in enumerate([:a, :b])\n  push!(out, (i, x))\nend\nout")
                == "2-element Vector{Any}:\n (1, :a)\n (2, :b)")
        #expect(output("t = 0\nfor (a, b) in zip([1, 2], [10, 20])\n  t += a * b\nend\nt") == "50")
        #expect(output("n = 0\nfor (k, v) in Dict(:a => 1)\n  n += v\nend\nn") == "1")
        #expect(output("n = 0\nfor (k, v) in pairs((a = 1, b = 2))\n  n += v\nend\nn") == "3")
        #expect(output("i = 0\nwhile true\n  i += 1\n  i >= 5 && break\nend\ni") == "5")
        #expect(output("s = 0\nfor i in 1:10\n  iseven(i) && continue\n  s += i\nend\ns") == "25")
        #expect(output("for x in (1, 2.5)\n  println(x)\nend") == "1\n2.5\n")
    }

    @Test func comparisonChains() {
        // Julia chains comparisons: `a < b < c` is `a < b && b < c`, not `(a < b) < c`.
        #expect(output("0 < 0.005 < 1e-2") == "true")
        #expect(output("1 < 2 < 3 < 2") == "false")
        #expect(output("1 <= 1 == 1.0 != 2") == "true")
        #expect(output("(1 < 2) < 3") == "true")
        // The middle operand is evaluated once, and the chain stops at the first false comparison.
        #expect(output("calls = []; f() = (push!(calls, 1); 5); (1 < f() < 10, length(calls))") == "(true, 1)")
        #expect(output("3 < 2 < error(\"not evaluated\")") == "false")
        #expect(output("x = [0.0, 0.005, 0.5]; 0 .< x .< 1e-2") == "3-element BitVector:\n 0\n 1\n 0")
        #expect(output("count(0 .< [1, 5, 9] .<= 5)") == "2")
        #expect(output("x = [0.5, 2.0]; @. 0 < x < 1") == "2-element BitVector:\n 1\n 0")
    }

    @Test func logicalAndBitwiseOperators() {
        #expect(output("(true & false, true | false)") == "(false, true)")
        #expect(output("(missing & false, missing | true)") == "(false, true)")
        #expect(output("(12 & 10, 12 | 3)") == "(8, 15)")
        #expect(output("[true, false] .& [true, true]") == "2-element BitVector:\n 1\n 0")
        #expect(output("[true, false] .| [false, false]") == "2-element BitVector:\n 1\n 0")
    }

    @Test func letWithBareNames() {
        // `let x, y`: new locals; an outer value is the starting value, an undefined name is assigned inside.
        #expect(output("let form, n\n  form = 2\n  n = 3\n  form * n\nend") == "6")
        #expect(output("let fresh_in_let\n  fresh_in_let = 1\nend\nfresh_in_let").contains("UndefVarError"))
        #expect(output("v = [3, 1, 3, 2, 1]; unique!(v); v") == "3-element Vector{Int64}:\n 3\n 1\n 2")
    }

    @Test func broadcastPairsAndFormulasOverTwoLines() {
        #expect(output("[:a, :b] .=> \"σ\"") == "2-element Vector{Pair{Symbol, String}}:\n :a => \"σ\"\n :b => \"σ\"")
        #expect(output("f = @formula y ~\n    1 + x\nstring(f)") == "\"y ~ 1 + x\"")
    }

    @Test func splatIntoAnIndex() {
        #expect(output("A = [1 2; 3 4]; pos = (2, 1); A[pos...]") == "3")
        #expect(output("A = [1 2; 3 4]; A[1, (2,)...]") == "2")
        #expect(output("x = (1, 2); x...").contains("expected the end of the statement (a new line or `;`), found `...`"))
    }

    @Test func emptyIndex() {
        // Found by the session fuzzer: `[][]` indexed an empty array at position 0 and trapped.
        #expect(output("[][]").contains("BoundsError: attempt to access 0-element Vector{Any} at index []"))
        #expect(output("[1, 2][]").contains("BoundsError"))
        #expect(output("[7][]") == "7")
        #expect(output("[]\\[][]").contains("BoundsError"))
    }

    @Test func manyGlobalsInALoop() {
        // More globals than the interpreter remembers slots for, updated in turn.
        let code = "a = 0; b = 0; c = 0; d = 0; e = 0; f = 0\n"
            + "for i in 1:10\n  a += 1; b += 2; c += 3; d += 4; e += 5; f += 6\nend\n(a, b, c, d, e, f)"
        #expect(output(code) == "(10, 20, 30, 40, 50, 60)")
    }

    @Test func loopScopes() {
        // A loop variable and a new name assigned in a loop are local to it; an existing global is updated.
        #expect(output("for i in 1:2\n  fresh = i\nend\nfresh").contains("UndefVarError: `fresh` not defined"))
        #expect(output("total = 0\nfor i in 1:3\n  total += i\nend\ntotal") == "6")
        #expect(output("function f()\n  s = 0\n  for i in 1:3\n    s += i\n  end\n  s\nend\nf()") == "6")
        #expect(output("g = 10\nfunction h()\n  g = 1\n  g\nend\n(h(), g)") == "(1, 10)")
        #expect(output("function h2()\n  global gg = 7\nend\nh2(); gg") == "7")
    }

    @Test func functions() {
        #expect(output("function f(x, y=1; kw=2)\n  return x + y + kw\nend")
                == "f (generic function with 2 methods)")
        #expect(outputs("function f(x, y=1; kw=2)\n  x + y + kw\nend", "f(1), f(1, 2), f(1; kw=10)")[1] == "(4, 5, 12)")
        #expect(output("sq(x) = x^2; sq(4)") == "16")
        #expect(output("area(r::Real) = 2r; area(s::String) = s; (area(2), area(\"a\"))") == "(4, \"a\")")
        #expect(output("fact(n) = n <= 1 ? 1 : n * fact(n - 1); fact(20)") == "2432902008176640000")
        #expect(output("v(xs...) = length(xs); v(1, 2, 3)") == "3")
        #expect(output("(x -> x + 1)(1)") == "2")
        #expect(output("((a, b) -> a * b)(3, 4)") == "12")
        #expect(output("map([1, 2]) do x\n  x * 10\nend") == "2-element Vector{Int64}:\n 10\n 20")
        #expect(output("f(; a) = a; f(a = 3)") == "3")
        #expect(output("f(; a) = a; f()").contains("UndefKeywordError: keyword argument `a` not assigned"))
        #expect(output("k(x::Int) = x; k(1.5)").contains("MethodError: no method matching k(::Float64)"))
        #expect(output("function early(x)\n  x > 0 && return \"pos\"\n  \"other\"\nend\nearly(1), early(-1)")
                == "(\"pos\", \"other\")")
    }

    @Test func closures() {
        #expect(output("counter = let n = 0\n  () -> (n += 1)\nend\ncounter(); counter()") == "2")
        #expect(output("adder(k) = x -> x + k; add2 = adder(2); add2(5)") == "7")
        #expect(output("fs = [() -> i for i in 1:3]; [f() for f in fs]") == "3-element Vector{Int64}:\n 1\n 2\n 3")
        #expect(output("let a = 1, b = a + 1\n  a + b\nend") == "3")
        #expect(output("begin\n  u = 2\n  u * 3\nend") == "6")
    }

    @Test func exceptions() {
        #expect(output("try\n  error(\"boom\")\ncatch e\n  e\nend") == "ErrorException(\"boom\")")
        #expect(output("try\n  throw(ArgumentError(\"bad\"))\ncatch e\n  e.msg\nend") == "\"bad\"")
        #expect(output("try\n  [1, 2][3]\ncatch e\n  e isa BoundsError\nend") == "true")
        #expect(output("try\n  undefined_thing\ncatch e\n  typeof(e)\nend") == "UndefVarError")
        #expect(output("try\n  Dict(:a => 1)[:b]\ncatch e\n  e\nend") == "KeyError(:b)")
        #expect(output("try\n  1 ÷ 0\ncatch e\n  e\nend") == "DivideError()")
        #expect(output("try\n  [1, 2] .+ [1, 2, 3]\ncatch e\n  e isa DimensionMismatch\nend") == "true")
        #expect(output("try\n  zeros(10^15)\ncatch e\n  e\nend") == "OutOfMemoryError()")
        #expect(output("g(x::Int) = x\ntry\n  g(\"a\")\ncatch e\n  e isa MethodError\nend") == "true")
        #expect(output("try\n  1\nfinally\n  println(\"done\")\nend") == "done\n1")
        #expect(output("x = try\n  error(\"a\")\ncatch\n  2\nend\nx") == "2")
        #expect(output("try\n  try\n    error(\"inner\")\n  catch\n    rethrow()\n  end\ncatch e\n  e.msg\nend") == "\"inner\"")
    }

    @Test func exceptionsAtTopLevelPrintAsJulia() {
        #expect(output("error(\"boom\")") == "test.md:1:1: boom")
        #expect(output("throw(ArgumentError(\"bad input\"))") == "test.md:1:1: ArgumentError: bad input")
        #expect(output("[1, 2, 3][5]") == "test.md:1:1: BoundsError: attempt to access 3-element Vector{Int64} at index [5]")
        #expect(output("Dict(:a => 1)[:b]") == "test.md:1:1: KeyError: key :b not found")
        #expect(output("qqzzk + 1") == "test.md:1:1: UndefVarError: `qqzzk` not defined")
        #expect(output("[1 2; 3 4][3, 1]")
                == "test.md:1:1: BoundsError: attempt to access 2×2 Matrix{Int64} at index [3, 1]")
    }

    @Test func outputBeforeAnErrorIsKept() {
        let session = Session(baseDirectory: "/tmp")
        let result = session.run("println(\"before\")\nerror(\"after\")", file: "nb.md", firstLine: 1, timeout: 30)
        #expect(result.output == "before\nnb.md:2:1: after")
        #expect(result.error == "nb.md:2:1: after")
    }

    @Test func macros() {
        #expect(output("@show 1 + 2") == "1 + 2 = 3\n3")
        #expect(output("@info \"hello\"") == "[ Info: hello\n")
        #expect(output("@info \"hello\" x = 1 y = 2") == "┌ Info: hello\n│   x = 1\n└   y = 2\n")
        #expect(output("t = @elapsed sum(1:10); t isa Float64") == "true")
        #expect(output("r = @timed 1 + 1; r.value") == "2")
        #expect(output("@time 1 + 1").hasSuffix(" seconds\n2"))
        #expect(output("@assert 1 > 2").contains("AssertionError: 1 > 2"))
        #expect(output("x = [1.0, 2.0]; @. x = x * 2 + 1; x") == "2-element Vector{Float64}:\n 3.0\n 5.0")
    }

    @Test func unsupportedSyntaxNamesItself() {
        #expect(output("macro m(x)\n  x\nend").contains("`macro` definitions are not supported"))
        #expect(output("struct P\n  x\nend").contains("`struct` definitions are not supported"))
        #expect(output("module M end").contains("`module` definitions are not supported"))
        #expect(output("quote x end").contains("`quote` blocks are not supported"))
        #expect(output("@time_it 1").contains("did you mean @time"))
        #expect(!output("@frobnicate 1").contains("did you mean @frobnicate"))
        #expect(output("break").contains("outside a loop"))
    }

    @Test func suggestionsAreDistinctAndNeverTheRejectedName() {
        let message = output("Itn(2)")
        #expect(message.contains("UndefVarError: `Itn` not defined"))
        #expect(message.components(separatedBy: "`Int`").count <= 2, "\(message)")
        #expect(!message.contains("`Itn`?") && !message.contains("`Itn`,"), "\(message)")
    }
}

@Suite struct CommonIdiomTests {
    @Test func indexHelpersAndUninitialisedArrays() {
        #expect(output("x = [5, 6]; [i for i in eachindex(x)]") == "2-element Vector{Int64}:\n 1\n 2")
        #expect(output("axes([1 2 3; 4 5 6])") == "(1:2, 1:3)")
        #expect(output("v = Vector{Float64}(undef, 2); v[1] = 3; v") == "2-element Vector{Float64}:\n 3.0\n 0.0")
        #expect(output("size(Matrix{Int}(undef, 2, 3))") == "(2, 3)")
        #expect(output("h(x::AbstractVector{<:Real}) = sum(x); h([1, 2])") == "3")
        #expect(output("a = b = 2; a + b") == "4")
        #expect(output("σ₁ = 2; θ = 3; σ₁ * θ") == "6")
    }
}
