import Foundation
import MixedModelsLanguage

/// Why a block failed.
public enum BlockFailure: Equatable, Sendable {
    /// The block threw without `error=true`.
    case error(String)
    /// The block has `error=true` but ran without an error.
    case missingError
    /// The output differs from the expected output.
    case mismatch([DiffLine])
}

/// The verdict on one block.
public enum BlockOutcome: Equatable, Sendable {
    /// `eval=false`: shown, not run.
    case notRun
    /// Ran; there is no expected output to compare with (or `ignore=all`).
    case ran
    /// Ran and matched its expected output.
    case passed
    case failed(BlockFailure)

    public var isFailure: Bool {
        if case .failed = self { return true }
        return false
    }
}

/// One block's run.
public struct BlockRun: Sendable {
    public var block: NotebookBlock
    /// nil when the block was not run.
    public var result: BlockResult?
    public var outcome: BlockOutcome
    /// Wall-clock seconds the block took.
    public var seconds: Double

    /// What the block showed: its output, or for a block that threw, the error message.
    public var shownOutput: String {
        guard let result else { return "" }
        if let error = result.error, !block.options.error { return error }
        return result.output
    }
}

/// A notebook's run: every block, in order.
public struct NotebookRun: Sendable {
    public var notebook: Notebook
    public var blocks: [BlockRun]
    public var started: Date
    public var seconds: Double
    /// The data files the blocks read (real paths, sorted).
    public var filesRead: [String] = []
    /// False when a block was abandoned after its timeout (what it read is then not known for certain).
    public var isComplete = true
    /// True when the results came from the cache instead of running the blocks.
    public var fromCache = false
    /// For results from the cache: the SHA-256 of the cache entry and the notebook's text, which together decide
    /// everything its pages show but the site around them (see `SiteWriter`).
    public var resultsFingerprint: String?

    public init(notebook: Notebook, blocks: [BlockRun], started: Date, seconds: Double) {
        self.notebook = notebook
        self.blocks = blocks
        self.started = started
        self.seconds = seconds
    }

    /// Blocks that count in `N passed, N failed`: every block that was run.
    public var passedCount: Int { blocks.filter { $0.outcome == .passed || $0.outcome == .ran }.count }
    public var failedCount: Int { blocks.filter { $0.outcome.isFailure }.count }
    /// Blocks whose output was compared with a documented output and matched.
    public var matchedCount: Int { blocks.filter { $0.outcome == .passed }.count }
    /// Blocks that ran with nothing to compare their output with.
    public var uncomparedCount: Int { blocks.filter { $0.outcome == .ran }.count }
}
