/// How the diagonal block of L for the last term of a crossed model is factored when fill-in reaches it.
enum DiagonalFactorChoice {
    /// Sparse when the analysed factor is large and sparse enough to win, dense otherwise.
    case automatic
    case dense
    /// Sparse whenever the term allows it (a scalar term), whatever the fill.
    case sparse
}

extension PLSSystem {
    /// Below this order the dense factor costs well under a millisecond: no analysis is attempted.
    static let sparseMinimumLevels = 256
    /// The sparse factor must need at most this fraction of the dense factor's flops (q³/3): small supernodes run
    /// BLAS far below its dense speed, and forming M in the sparse pattern costs an indirection per entry.
    static let sparseFlopFraction = 0.25
    /// A lower triangle of M fuller than this leaves no sparse factor worth having (crossed designs with heavy
    /// levels, where one level meeting every level of the last term makes M dense): no ordering is computed.
    static let sparseDensityLimit = 0.3

    /// The sparse factor for the last term when it is scalar and, unless forced, when its measured fill wins.
    static func sparseDiagonal(_ term: TermLayout, blocks: [BlockSparseBlock], width: Int,
                               choice: DiagonalFactorChoice) -> SparseCholeskyBlock? {
        guard choice != .dense, term.v == 1, blocks.allSatisfy({ $0.vr == 1 }) else { return nil }
        if choice == .automatic && term.levels < sparseMinimumLevels { return nil }
        let q = Double(term.levels)
        let limit = choice == .sparse ? Int.max : Int(sparseDensityLimit * q * (q + 1) / 2)
        guard let block = SparseCholeskyBlock(levels: term.levels, blocks: blocks, maxRightHandSides: width,
                                              maxNonZeros: limit),
              block.isAnalysed else { return nil }
        if choice == .sparse { return block }
        return block.flops <= sparseFlopFraction * q * q * q / 3 ? block : nil
    }
}
