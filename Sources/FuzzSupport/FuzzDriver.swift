import Foundation

/// libFuzzer's entry point for programs that have their own `main` (linked from `libclang_rt.fuzzer_no_main`).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The harness body; libFuzzer's callback is a C function pointer and cannot capture it.
private var harnessBody: ([UInt8]) -> Void = { _ in }

/// Runs libFuzzer with the process's command line (corpus folders and `-flag=value` options) over `body`.
public enum FuzzDriver {
    public static func run(_ body: @escaping ([UInt8]) -> Void) -> Never {
        harnessBody = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            harnessBody(bytes)
            return 0
        }
        exit(status)
    }

    /// A folder of the repository (`Tests/Fuzz/…`, `site`), found from this source file's place.
    public static func repositoryPath(_ relative: String) -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(relative).path
    }
}
