import Foundation

/// Masks the parts of `@benchmark` output that change from run to run, keeping its shape (`ignore=timing`).
enum TimingMask {
    private static let bars: Set<Character> = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let units: Set<String> = ["ns", "μs", "us", "ms", "s", "bytes", "KiB", "MiB", "GiB", "TiB"]

    /// Numbers become `#`, time and memory units `<unit>`, spacing one space, histogram rows one `<histogram>` line,
    /// and `sample`/`evaluation` lose their plural `s`. Blank lines are dropped: a histogram's empty top row is
    /// trimmed to nothing, depending on the samples.
    static func mask(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let masked = maskLine(String(line))
            if masked.isEmpty { continue }
            if masked == "<histogram>", lines.last == "<histogram>" { continue }
            lines.append(masked)
        }
        return lines.joined(separator: "\n")
    }

    private static func maskLine(_ line: String) -> String {
        // BenchmarkTools switches the histogram to a log scale for skewed samples.
        let trimmed = line.trimmingTrailingWhitespace().replacingOccurrences(of: "log(frequency)", with: "frequency")
        if !trimmed.isEmpty, trimmed.allSatisfy({ bars.contains($0) || $0 == " " }) {
            return "<histogram>"
        }
        var pieces: [String] = []
        for token in OutputToken.tokenize(trimmed) {
            switch token.kind {
            case .space:
                pieces.append(" ")
            case .float, .integer:
                pieces.append("#")
            case .text:
                if units.contains(token.text) {
                    pieces.append("<unit>")
                } else if token.text == "samples" || token.text == "evaluations" {
                    pieces.append(String(token.text.dropLast()))
                } else if token.text.allSatisfy({ bars.contains($0) }) {
                    pieces.append("<bars>")
                } else {
                    pieces.append(token.text)
                }
            }
        }
        return pieces.joined()
    }
}

extension String {
    /// The string without trailing spaces, tabs and carriage returns.
    func trimmingTrailingWhitespace() -> String {
        var result = Substring(self)
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result.removeLast() }
        return String(result)
    }
}
