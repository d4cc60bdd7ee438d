import Testing
@testable import MixedModelsLanguage

/// The Base, Statistics and LinearAlgebra builtins: Julia's result types, displays and error messages.
@Suite struct StandardLibraryTests {
    @Test func resultTypesFollowJulia() {
        #expect(output("sum([true, false, true])") == "2")
        #expect(output("typeof(sum([true, true]))") == "Int64")
        #expect(output("float([1, 2])") == "2-element Vector{Float64}:\n 1.0\n 2.0")
        #expect(output("(floor(Int, 2.7), ceil(Int, 2.1), trunc(Int, -2.5), floor(3))") == "(2, 3, -2, 3)")
        #expect(output("cumsum([1, 2, 3])") == "3-element Vector{Int64}:\n 1\n 3\n 6")
        #expect(output("zeros(Int, 2, 2)") == "2×2 Matrix{Int64}:\n 0  0\n 0  0")
        #expect(output("(extrema([3, 1, 2]), argmin([3, 1, 2]), findmax([3, 9, 2]))") == "((1, 3), 2, (9, 2))")
    }

    @Test func statistics() {
        #expect(output("(mean([1, 2, 3, 4]), median([1, 2, 3, 4]), var([1, 2, 3, 4]))") == "(2.5, 2.5, 1.6666666666666667)")
        #expect(output("quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.1)") == "1.4")
        #expect(output("cor([1.0, 2.0, 3.0], [2.0, 4.0, 6.5])") == "0.9979487157886733")
        #expect(output("mean(skipmissing([1.0, missing, 3.0]))") == "2.0")
        #expect(output("std([2.0]; corrected=false)") == "0.0")
    }

    @Test func arrays() {
        #expect(output("reshape(collect(1:4), 2, :)") == "2×2 Matrix{Int64}:\n 1  3\n 2  4")
        #expect(output("v = [1, 2]; push!(v, 3); insert!(v, 1, 0); pop!(v); v") == "3-element Vector{Int64}:\n 0\n 1\n 2")
        #expect(output("repeat([1, 2]; inner=2)") == "4-element Vector{Int64}:\n 1\n 1\n 2\n 2")
        #expect(output("x = [1.0, 2.0]; y = copy(x); y[1] = 5.0; x[1]") == "1.0")
    }

    @Test func linearAlgebraDisplays() {
        #expect(output("Diagonal([1.5, 2.0])") == "2×2 Diagonal{Float64, Vector{Float64}}:\n 1.5   ⋅ \n  ⋅   2.0")
        #expect(output("cholesky(hcat([4.0, 2.0], [2.0, 3.0])).U")
                == "2×2 UpperTriangular{Float64, Matrix{Float64}}:\n 2.0  1.0\n  ⋅   1.41421")
        #expect(output("det(hcat([1.0, 3.0], [2.0, 4.0]))") == "-2.0")
        #expect(output("dot([1, 2], [3, 4])") == "11")
    }

    @Test func strings() {
        #expect(output("(lpad(7, 3, \"0\"), rpad(\"a\", 3, \"-\"), replace(\"abc\", \"b\" => \"x\"))") == "(\"007\", \"a--\", \"axc\")")
        #expect(output("sprint(show, [1, 2])") == "\"[1, 2]\"")
        #expect(output("show(stdout, MIME(\"text/plain\"), [1.5])") == "1-element Vector{Float64}:\n 1.5")
    }

    @Test func badInputGivesOneClearMessage() {
        #expect(output("cholesky(hcat([1.0, 2.0], [2.0, 1.0]))")
                .contains("PosDefException: matrix is not positive definite; Cholesky factorization failed."))
        #expect(output("inv(hcat([1.0, 2.0], [2.0, 4.0]))").contains("SingularException"))
        #expect(output("det([1.0, 2.0])").contains("DimensionMismatch"))
        #expect(output("zeros(100000, 100000)").contains("OutOfMemoryError()"))
        #expect(output("dot([1.0], [1.0, 2.0])").contains("DimensionMismatch"))
        #expect(output("mean(Float64[])").contains("empty collection") || output("mean([])").contains("empty collection"))
        #expect(output("reshape([1, 2, 3], 2, 2)").contains("DimensionMismatch"))
        #expect(output("rand(MersenneTwister(-1))").contains("must be non-negative"))
    }

    @Test func randomNumbersInTheLanguage() {
        #expect(output("rand(MersenneTwister(1234))") == "0.5908446386657102")
        #expect(outputs("Random.seed!(1234)", "rand()")[1] == "0.32597672886359486")
        #expect(output("MersenneTwister(42)") == "MersenneTwister(42)")
        #expect(output("rng = MersenneTwister(1234); rand(rng); rng") == "MersenneTwister(1234, (0, 1002, 0, 1))")
    }
}
