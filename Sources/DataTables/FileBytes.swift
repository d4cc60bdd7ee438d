import Foundation

/// The whole file at `path`, or a `DataReadError` naming it. Only regular files are read: a FIFO, a device or a
/// directory is refused with its own message (opening never blocks on a FIFO).
public func readFileBytes(_ path: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else { throw openError(errno, path: path) }
    defer { close(descriptor) }
    return try readRegularFile(descriptor, path: path, requireSingleLink: false)
}

/// The whole file `relativePath` below the folder `root`, read without leaving `root`: every folder along the way
/// and the file itself are opened relative to their parent with `O_NOFOLLOW`, so no symbolic link is followed, and the
/// opened file must be a regular file with a single link (a hard link could name a file from anywhere). The checks
/// are made on the opened descriptors, so the path cannot be swapped between check and read.
///
/// - Parameters:
///   - relativePath: the path below `root`, without `.` or `..` components.
///   - root: the trusted folder (symbolic links in its own path are allowed).
///   - name: the path as the user wrote it, for messages.
public func readConfinedFile(_ relativePath: [String], below root: String, name: String) throws -> [UInt8] {
    let descriptor = try openConfinedFile(relativePath, below: root, name: name)
    defer { close(descriptor) }
    return try readRegularFile(descriptor, path: name, requireSingleLink: true)
}

/// True when `relativePath` below `root` names a file `readConfinedFile` would read, found without reading it.
public func isConfinedFile(_ relativePath: [String], below root: String) -> Bool {
    let name = relativePath.joined(separator: "/")
    guard let descriptor = try? openConfinedFile(relativePath, below: root, name: name) else { return false }
    defer { close(descriptor) }
    return (try? checkRegularFile(descriptor, path: name, requireSingleLink: true)) != nil
}

/// The descriptor of `relativePath` below `root`, each folder opened relative to its parent with `O_NOFOLLOW`;
/// the caller closes it.
private func openConfinedFile(_ relativePath: [String], below root: String, name: String) throws -> Int32 {
    guard let last = relativePath.last else {
        throw DataReadError.unreadable(path: name, reason: "it is a directory")
    }
    var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { throw openError(errno, path: name) }
    defer { close(folder) }
    for component in relativePath.dropLast() {
        let next = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard next >= 0 else { throw confinedOpenError(errno, folder: folder, component: component, name: name) }
        close(folder)
        folder = next
    }
    let descriptor = openat(folder, last, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else { throw confinedOpenError(errno, folder: folder, component: last, name: name) }
    return descriptor
}

/// Checks, on an opened descriptor, that it is a regular file (with a single link when asked); returns its status.
@discardableResult
private func checkRegularFile(_ descriptor: Int32, path: String, requireSingleLink: Bool) throws -> stat {
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw openError(errno, path: path) }
    if let kind = nonRegularKind(status.st_mode) {
        throw DataReadError.unreadable(path: path, reason: kind)
    }
    if requireSingleLink && status.st_nlink != 1 {
        throw DataReadError.refused(path: path, reason: "the file has \(status.st_nlink) hard links, so it may be "
                                    + "a file from outside the allowed folders")
    }
    return status
}

/// Reads everything from an opened descriptor after checking, on the descriptor itself, what it refers to.
private func readRegularFile(_ descriptor: Int32, path: String, requireSingleLink: Bool) throws -> [UInt8] {
    let status = try checkRegularFile(descriptor, path: path, requireSingleLink: requireSingleLink)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(max(0, status.st_size)))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { return bytes }
        if count < 0 {
            if errno == EINTR { continue }
            throw DataReadError.unreadable(path: path, reason: systemMessage(errno))
        }
        bytes.append(contentsOf: chunk[..<count])
    }
}

/// What a file that is not a regular file is, in words; nil for a regular file.
private func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "it is a directory"
    case S_IFIFO: return "it is a FIFO (named pipe), not a regular file"
    case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
    case S_IFSOCK: return "it is a socket, not a regular file"
    case S_IFLNK: return "it is a symbolic link"
    default: return "it is not a regular file"
    }
}

private func openError(_ code: Int32, path: String) -> DataReadError {
    code == ENOENT ? .fileNotFound(path: path) : .unreadable(path: path, reason: systemMessage(code))
}

/// The error of a failed `openat(…, O_NOFOLLOW)`: a symbolic link is named as such (Linux reports ELOOP, or
/// ENOTDIR when a folder was expected), anything else as the system says.
private func confinedOpenError(_ code: Int32, folder: Int32, component: String, name: String) -> DataReadError {
    var status = stat()
    if (code == ELOOP || code == ENOTDIR || code == EMLINK),
       fstatat(folder, component, &status, AT_SYMLINK_NOFOLLOW) == 0, status.st_mode & S_IFMT == S_IFLNK {
        return .refused(path: name, reason: "\(component) is a symbolic link, and links are not followed")
    }
    if code == ENOTDIR { return .unreadable(path: name, reason: "\(component) is not a folder") }
    return openError(code, path: name)
}

/// The system's text for an `errno` value, lower-cased as the rest of our messages ("permission denied").
private func systemMessage(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}

/// A file-system error from Foundation in plain words, without `NSCocoaErrorDomain` codes.
public func plainDescription(ofFileError error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return systemMessage(Int32(underlying.code))
    }
    if nsError.domain == NSPOSIXErrorDomain { return systemMessage(Int32(nsError.code)) }
    guard nsError.domain == NSCocoaErrorDomain else { return "\(error)" }
    switch CocoaError.Code(rawValue: nsError.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
    case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
    case .fileWriteOutOfSpace: return "no space left on the device"
    case .fileWriteVolumeReadOnly: return "the file system is read-only"
    case .fileWriteFileExists: return "the file already exists"
    case .fileReadCorruptFile, .fileReadInapplicableStringEncoding: return "the file could not be decoded"
    default: return "the operation failed (file system error \(nsError.code))"
    }
}
