/// Errors from reading data files and finding bundled data sets. Every message names the file or data set.
public enum DataReadError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file does not exist or cannot be opened.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// A confined read refused the file: a symbolic link along its path, or more than one hard link.
    case refused(path: String, reason: String)
    /// The Arrow file is malformed, truncated or uses a feature we do not read.
    case arrow(file: String, message: String)
    /// The CSV file is malformed; `line` is 1-based.
    case csv(file: String, line: Int, message: String)
    /// The file is not valid UTF-8 at the given 0-based byte offset (1-based line).
    case invalidUTF8(file: String, byteOffset: Int, line: Int)
    /// No bundled data set has this name.
    case unknownDataset(name: String, available: [String], suggestions: [String])
    /// The `datasets/` folder could not be found; lists the places searched.
    case datasetsDirectoryNotFound(searched: [String])

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "file not found: \(path)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .refused(let path, let reason):
            return "refused to read \(path): \(reason)"
        case .arrow(let file, let message):
            return "invalid Arrow file \(file): \(message)"
        case .csv(let file, let line, let message):
            return "\(file), line \(line): \(message)"
        case .invalidUTF8(let file, let byteOffset, let line):
            return "\(file): invalid UTF-8 at byte \(byteOffset) (line \(line)); only UTF-8 text is supported"
        case .unknownDataset(let name, let available, let suggestions):
            let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.map { ":\($0)" }.joined(separator: ", "))?"
            return "unknown dataset :\(name).\(hint) Available datasets: \(available.joined(separator: ", "))"
        case .datasetsDirectoryNotFound(let searched):
            return "cannot find the datasets folder (set MIXEDMODELS_DATASETS); searched: \(searched.joined(separator: ", "))"
        }
    }
}
