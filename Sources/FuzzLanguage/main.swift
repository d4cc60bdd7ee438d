// Fuzzes the block language's lexer and parser, and the located error messages they produce.
import FuzzSupport
@testable import MixedModelsLanguage

FuzzDriver.run { bytes in
    let source = Array(String(decoding: bytes, as: UTF8.self))
    do {
        var parser = try Parser(source: source)
        _ = try parser.parseProgram()
    } catch let error as LanguageError {
        _ = SourceLocator(source: source, file: "fuzz.md", firstLine: 1).format(error)
    } catch {
        _ = "\(error)"
    }
}
