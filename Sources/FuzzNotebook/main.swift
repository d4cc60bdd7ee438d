// Fuzzes the notebook reader (cmark-gfm, block options, expected outputs), the comparison of outputs, the fixer and
// both page renderers. Blocks are "run" by an evaluator that prints their code back, so hostile text reaches every
// renderer as output as well as code.
import Foundation
import FuzzSupport
import MixedModelsLanguage
import NotebookProcessing

/// Prints each block's code as its output; a block whose code mentions `error` fails with that text.
final class EchoEvaluator: BlockEvaluator {
    func run(_ code: String, file: String, firstLine: Int, timeout: Double) -> BlockResult {
        code.contains("error") ? BlockResult(output: code, error: "\(file):\(firstLine): \(code)")
            : BlockResult(output: code)
    }
}

let assets = try SiteAssets.load(directory: FuzzDriver.repositoryPath("site"))
let runner = NotebookRunner { _, _ in EchoEvaluator() }
let pages = [PageLink(name: "fuzz", title: "Fuzz"), PageLink(name: "other", title: "Other")]

FuzzDriver.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    do {
        let notebook = try NotebookReader.parse(text, path: "/fuzz/fuzz.md")
        let run = runner.run(notebook)
        _ = HTMLPage.render(run, assets: assets, pages: pages, date: Date(timeIntervalSince1970: 0))
        _ = MarkdownPage.render(run)
        _ = OutputFixer.fix(run, addMissing: true)
    } catch {
        _ = "\(error)"
    }
}
