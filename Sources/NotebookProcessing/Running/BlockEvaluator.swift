import MixedModelsLanguage

/// Something that runs the code of `mixedmodel` blocks with persistent state: the language's `Session`, or a stand-in
/// in tests of the processor.
public protocol BlockEvaluator: AnyObject {
    /// Runs one block; see `Session.run(_:file:firstLine:timeout:)`.
    func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult
    /// The data files the blocks run so far have read (real paths): what cached results also depend on.
    var filesRead: [String] { get }
}

extension BlockEvaluator {
    public var filesRead: [String] { [] }
}

extension Session: BlockEvaluator {}

/// Makes the evaluator of one named session of one notebook.
public typealias EvaluatorFactory = (_ sessionName: String, _ notebook: Notebook) -> BlockEvaluator

/// Evaluators backed by the block language.
public enum LanguageEvaluators {
    /// A factory of language sessions rooted at the notebook's folder, loading data sets from `datasetsDirectory`
    /// (nil: the language's own lookup).
    public static func factory(datasetsDirectory: String?) -> EvaluatorFactory {
        { _, notebook in Session(baseDirectory: notebook.directory, datasetsDirectory: datasetsDirectory) }
    }
}
