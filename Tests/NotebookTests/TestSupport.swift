import Foundation
import MixedModelsLanguage
@testable import NotebookProcessing

/// A stand-in for the language: answers each block with a function of its code, remembering nothing.
final class ScriptedEvaluator: BlockEvaluator {
    let answer: (String) -> BlockResult
    private(set) var calls: [(code: String, firstLine: Int, timeout: Double)] = []

    init(answer: @escaping (String) -> BlockResult) {
        self.answer = answer
    }

    func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        calls.append((code, firstLine, timeout))
        return answer(code)
    }
}

/// An evaluator that echoes `print(x)` as `x`, throws on `throw(x)` and otherwise returns the code itself.
func echoingAnswer(_ code: String) -> BlockResult {
    if code.hasPrefix("throw(") {
        let message = "nb.md:1:1: " + code.dropFirst(6).dropLast()
        return BlockResult(output: message, error: message)
    }
    return BlockResult(output: code)
}

func runNotebook(_ text: String, path: String = "nb.md", answer: @escaping (String) -> BlockResult = echoingAnswer)
    throws -> NotebookRun {
    let notebook = try NotebookReader.parse(text, path: path)
    let runner = NotebookRunner { _, _ in ScriptedEvaluator(answer: answer) }
    return runner.run(notebook)
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "notebook-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
