import Foundation
import MixedModelsLanguage

/// Figures in rendered pages: inline SVG in HTML, `NAME-LINE.svg` files beside Markdown pages, the figures `save`
/// wrote, and the images a notebook's own Markdown refers to.
public enum FigureEmbedding {
    /// The HTML of a block's figures.
    static func html(_ result: BlockResult) -> String {
        result.figures.map { "<figure class=\"plot\">\n\($0)</figure>\n" }.joined()
    }

    /// The file name of figure `k` of a block (`17-figures-42.svg`, then `17-figures-42-2.svg`).
    static func fileName(notebook: String, line: Int, k: Int) -> String {
        "\(notebook)-\(line)" + (k == 0 ? "" : "-\(k + 1)") + ".svg"
    }

    /// Markdown image links to a block's figure files.
    static func markdown(_ blockRun: BlockRun, notebook: String) -> [String] {
        guard let result = blockRun.result else { return [] }
        return result.figures.indices.map { k in
            let alt = altText(result.figures[k])
            return "![\(alt)](\(fileName(notebook: notebook, line: blockRun.block.openingLine, k: k)))"
        }
    }

    /// The files a rendered notebook needs beside its pages, relative to the output folder: its figures as SVG (when
    /// Markdown pages are written), the figures `save` wrote, and the notebook's own images.
    public static func files(for run: NotebookRun, markdown: Bool) -> [(path: String, contents: Data)] {
        var files: [(String, Data)] = []
        for blockRun in run.blocks {
            guard let result = blockRun.result else { continue }
            if markdown {
                for (k, svg) in result.figures.enumerated() {
                    files.append((fileName(notebook: run.notebook.name, line: blockRun.block.openingLine, k: k), Data(svg.utf8)))
                }
            }
            files += result.savedFigures.map { ($0.name, Data($0.svg.utf8)) }
        }
        for image in referencedImages(run.notebook) {
            if let data = FileManager.default.contents(atPath: run.notebook.directory + "/" + image) {
                files.append((image, data))
            }
        }
        return files
    }

    /// Relative image paths in the notebook's Markdown (`![](fig/x.png)`) that stay inside its folder.
    static func referencedImages(_ notebook: Notebook) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: #"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)"#) else {
            return []
        }
        let text = notebook.source.text
        var paths: [String] = []
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            let path = String(text[range]).removingPercentEncoding ?? String(text[range])
            let parts = path.split(separator: "/")
            if path.contains(":") || path.hasPrefix("/") || parts.contains("..") || parts.isEmpty { continue }
            if !paths.contains(path) { paths.append(path) }
        }
        return paths
    }

    /// What an `output=hash` block documents: a 64-bit FNV-1a hash of each figure's SVG bytes, which pins them
    /// exactly.
    static func hashLine(_ result: BlockResult) -> String {
        guard !result.figures.isEmpty else { return result.output + "(no figure to hash)" }
        return result.figures.map { svg in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in svg.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            return "SVG fnv1a-64 " + String(repeating: "0", count: 16 - hex.count) + hex
        }.joined(separator: "\n")
    }

    /// The accessible label of an SVG figure, for the Markdown image's alternative text.
    static func altText(_ svg: String) -> String {
        guard let start = svg.range(of: "aria-label=\""), let end = svg[start.upperBound...].firstIndex(of: "\"") else {
            return "Figure"
        }
        return String(svg[start.upperBound..<end]).replacingOccurrences(of: "]", with: ")")
            .replacingOccurrences(of: "[", with: "(")
    }
}
