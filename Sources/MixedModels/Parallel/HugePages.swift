import Foundation

/// Large buffers written once front to back (the model matrix, the observation-major [X y]): where the kernel
/// offers transparent huge pages on request (`madvise` mode, Debian's default), the 2 MB-aligned interior of the
/// buffer is backed by huge pages, one page fault per 2 MB instead of 512, a third of the construction of a
/// 73 000 × 29 model otherwise. Values are untouched; where huge pages are off (or off Linux) this is a no-op.
enum HugePages {
    static let size = 2 << 20
    /// Smaller buffers have too few whole huge pages inside them to matter.
    static let threshold = 4 << 20

    /// `count` uninitialized elements aligned to a huge page and advised to be backed by huge pages (nil below the
    /// threshold or when the allocation fails); release with `free`.
    static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T>? {
        #if os(Linux)
        let bytes = count * MemoryLayout<T>.stride
        guard bytes >= threshold else { return nil }
        var raw: UnsafeMutableRawPointer?
        let rounded = (bytes + size - 1) / size * size
        guard posix_memalign(&raw, size, rounded) == 0, let raw else { return nil }
        _ = madvise(raw, rounded, MADV_HUGEPAGE)
        return raw.bindMemory(to: T.self, capacity: count)
        #else
        return nil
        #endif
    }

    /// Advises huge pages for the aligned interior of `count` fresh, not yet written elements at `start`.
    static func advise<T>(_ start: UnsafeMutablePointer<T>, count: Int) {
        #if os(Linux)
        let bytes = count * MemoryLayout<T>.stride
        guard bytes >= threshold else { return }
        let first = (Int(bitPattern: start) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: start) + bytes) & ~(size - 1)
        guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, MADV_HUGEPAGE)
        #endif
    }
}
