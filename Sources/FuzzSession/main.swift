// Fuzzes whole blocks run by a fresh session with a short deadline: parser, interpreter, builtins, displays, data
// files (read from Tests/Fuzz/csv and Tests/Fuzz/arrow) and model fits. A block may fail, but must neither crash
// nor outlive its deadline by much (libFuzzer's -timeout catches that).
import FuzzSupport
import MixedModelsLanguage

let base = FuzzDriver.repositoryPath("Tests/Fuzz")

FuzzDriver.run { bytes in
    let session = Session(baseDirectory: base)
    _ = session.run(String(decoding: bytes, as: UTF8.self), file: "fuzz.md", firstLine: 1, timeout: 0.25)
}
