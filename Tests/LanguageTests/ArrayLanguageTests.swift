import Testing
@testable import MixedModelsLanguage

/// Arrays, indexing, broadcasting, ranges, named tuples and the higher-order builtins.
@Suite struct ArrayLanguageTests {
    @Test func matrixLiterals() {
        #expect(output("[1 2; 3 4]") == "2×2 Matrix{Int64}:\n 1  2\n 3  4")
        #expect(output("[1 2 3]") == "1×3 Matrix{Int64}:\n 1  2  3")
        #expect(output("[[1, 2]; [3]]") == "3-element Vector{Int64}:\n 1\n 2\n 3")
        #expect(output("a = [1, 2]; [a a]") == "2×2 Matrix{Int64}:\n 1  1\n 2  2")
        #expect(output("[1.0 2\n3 4]") == "2×2 Matrix{Float64}:\n 1.0  2.0\n 3.0  4.0")
        #expect(output("[1 -2]") == "1×2 Matrix{Int64}:\n 1  -2")
        #expect(output("[1 - 2]") == "1-element Vector{Int64}:\n -1")
    }

    @Test func indexing() {
        #expect(output("x = [10, 20, 30]; x[end], x[end - 1]") == "(30, 20)")
        #expect(output("x = [10, 20, 30]; x[2:end]") == "2-element Vector{Int64}:\n 20\n 30")
        #expect(output("x = [1.0, -2.0, 3.0]; x[x .> 0]") == "2-element Vector{Float64}:\n 1.0\n 3.0")
        #expect(output("A = [1 2; 3 4]; A[:, 1]") == "2-element Vector{Int64}:\n 1\n 3")
        #expect(output("A = [1 2; 3 4]; A[1, :]") == "2-element Vector{Int64}:\n 1\n 2")
        #expect(output("A = [1 2; 3 4]; A[end, end]") == "4")
        #expect(output("x = [1, 2, 3]; x[2:3] .= 0; x") == "3-element Vector{Int64}:\n 1\n 0\n 0")
        #expect(output("x = [1, 2, 3]; x[[true, false, true]] = [7, 9]; x") == "3-element Vector{Int64}:\n 7\n 2\n 9")
        #expect(output("(1:10)[3:4]") == "3:4")
    }

    @Test func broadcasting() {
        #expect(output("[1, 2] .+ [10 20]") == "2×2 Matrix{Int64}:\n 11  21\n 12  22")
        #expect(output("[1 2; 3 4] .* [1, 10]") == "2×2 Matrix{Int64}:\n  1   2\n 30  40")
        #expect(output("Int.([1.0, 2.0])") == "2-element Vector{Int64}:\n 1\n 2")
        #expect(output("Float64.([1, 2])") == "2-element Vector{Float64}:\n 1.0\n 2.0")
        #expect(output("x = zeros(3); x .= 1; x") == "3-element Vector{Float64}:\n 1.0\n 1.0\n 1.0")
        #expect(output("x = [1, 2]; x .+= 1; x") == "2-element Vector{Int64}:\n 2\n 3")
        #expect(output("[1, 2]'") == "1×2 adjoint(::Vector{Int64}) with eltype Int64:\n 1  2")
        #expect(output("[1 2; 3 4] * [1, 1]") == "2-element Vector{Int64}:\n 3\n 7")
        #expect(output("map(==(\"Y\"), [\"Y\", \"N\"])") == "2-element Vector{Bool}:\n 1\n 0")
        #expect(output("[1, -1] .> 0") == "2-element BitVector:\n 1\n 0")
        #expect(output("reduce(+, [1, 2, 3])") == "6")
        #expect(output("(+)(1, 2)") == "3")
    }

    @Test func rangesAndNamedTuples() {
        #expect(output("0:0.1:1") == "0.0:0.1:1.0")
        #expect(output("collect(0:0.1:0.3)") == "4-element Vector{Float64}:\n 0.0\n 0.1\n 0.2\n 0.3")
        #expect(output("(0:0.1:1)[4]") == "0.3")
        #expect(output("range(0, 1; length=11)") == "0.0:0.1:1.0")
        #expect(output("length(0:0.1:1)") == "11")
        #expect(output("1:2:9") == "1:2:9")
        #expect(output("length(1:10^12)") == "1000000000000")
        #expect(output("a = 1; b = 2; (; a, b)") == "(a = 1, b = 2)")
        #expect(output("(; a = 1)") == "(a = 1,)")
        #expect(output("nt = (a = 1, b = \"x\"); nt.b") == "\"x\"")
    }

    @Test func higherOrderBuiltins() {
        #expect(output("map(x -> x^2, 1:3)") == "3-element Vector{Int64}:\n 1\n 4\n 9")
        #expect(output("map(+, [1, 2], [10, 20])") == "2-element Vector{Int64}:\n 11\n 22")
        #expect(output("filter(isodd, 1:6)") == "3-element Vector{Int64}:\n 1\n 3\n 5")
        #expect(output("foldl(-, [1, 2, 3])") == "-4")
        #expect(output("reduce(*, Int[]; init = 1)") == "1")
        #expect(output("sum(abs2, [1.0, 2.0])") == "5.0")
        #expect(output("sum(x -> 2x, 1:3)") == "12")
        #expect(output("sum([true, false, true])") == "2")
        #expect(output("count(x -> x > 1, [1, 2, 3])") == "2")
        #expect(output("any(iseven, [1, 3]), all(isodd, [1, 3])") == "(false, true)")
        #expect(output("findall(x -> x > 1, [1, 2, 3])") == "2-element Vector{Int64}:\n 2\n 3")
        #expect(output("findfirst(==(3), [1, 3, 3]), findfirst(>(5), [1])") == "(2, nothing)")
        #expect(output("sort([3, 1, 2]; rev = true)") == "3-element Vector{Int64}:\n 3\n 2\n 1")
        #expect(output("sort([\"bb\", \"a\", \"ccc\"]; by = length)") == "3-element Vector{String}:\n \"a\"\n \"bb\"\n \"ccc\"")
        #expect(output("sortperm([3, 1, 2])") == "3-element Vector{Int64}:\n 2\n 3\n 1")
        #expect(output("collect(zip([1, 2], [:a, :b]))")
                == "2-element Vector{Tuple{Int64, Symbol}}:\n (1, :a)\n (2, :b)")
        #expect(output("d = Dict(k => k^2 for k in 1:2); d[2]") == "4")
        #expect(output("[x * y for x in 1:2 for y in 1:2 if x != y]") == "2-element Vector{Int64}:\n 2\n 2")
        #expect(output("acc = [0]; foreach(x -> (acc[1] += x), [1, 2]); acc[1]") == "3")
        #expect(output("x = zeros(2); map!(i -> 2i, x, [1, 2]); x") == "2-element Vector{Float64}:\n 2.0\n 4.0")
        #expect(output("[1.0, 2.0] ≈ [1.0, 2.0 + 1e-12], isapprox(1.0, 1.1; atol = 0.2), 1 ≠ 2, 2 ∈ [1, 2], 3 ∉ [1]")
                == "(true, true, true, true, true)")
    }

    @Test func unboxedStorage() {
        let box = ArrayBox([.float(1), .float(2)], elementType: "Float64")
        #expect(box.doubles == [1, 2])
        #expect(ArrayBox([.int(1), .int(2)]).ints == [1, 2])
        #expect(ArrayBox([.bool(true)]).bools == [true])
        box.setElement(0, .float(5))
        #expect(box.elements.count == 2)
        if case .float(let d) = box.elements[0] { #expect(d == 5) } else { Issue.record("expected a float") }
        #expect(ArrayBox([.string("a")]).doubles == nil)
    }
}

@Suite struct BroadcastFastPathTests {
    @Test func floatArraysMatchTheGeneralPath() {
        #expect(output("x = [1.0, 2.0]; (x .+ 1, x .* x, 2 ./ x, x .- [0.5, 0.5])")
                == "([2.0, 3.0], [1.0, 4.0], [2.0, 1.0], [0.5, 1.5])")
        #expect(output("[1.0 2.0; 3.0 4.0] ./ 2") == "2×2 Matrix{Float64}:\n 0.5  1.0\n 1.5  2.0")
    }

    @Test func btimePrintsOneLineAndReturnsTheValue() {
        let text = output("@btime sum($(collect(1:10)))")
        #expect(text.hasSuffix(" allocations: 0 bytes)\n55") || text.contains("allocation"), "\(text)")
        #expect(text.hasSuffix("\n55"), "\(text)")
    }
}
