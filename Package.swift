// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The engine's loops over observations (SIMD accumulations of weighted cross products, the GLMM updates) compiled
/// for AVX2 when the machine building them has it: the binaries run where they are built. The arithmetic is the
/// same IEEE operations in the same order (Swift never fuses a multiply and an add unasked), so results are
/// bit-identical to a baseline x86-64 build; only the vector width changes.
let engineSettings: [SwiftSetting] = {
    #if os(Linux) && arch(x86_64)
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
    let flags = Set(line.split(separator: " ").map(String.init))
    // What LLVM's "haswell" assumes beyond baseline x86-64.
    let haswell = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm", "popcnt", "sse4_2"]
    return haswell.allSatisfy(flags.contains) ? [.unsafeFlags(["-target-cpu", "haswell"])] : []
    #else
    return []
    #endif
}()

let package = Package(
    name: "MixedModels",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DataTables", targets: ["DataTables"]),
        .library(name: "JuliaRandom", targets: ["JuliaRandom"]),
        .library(name: "MixedModels", targets: ["MixedModels"]),
        .library(name: "MixedModelsLanguage", targets: ["MixedModelsLanguage"]),
        .library(name: "NotebookProcessing", targets: ["NotebookProcessing"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .executable(name: "mixedmodels", targets: ["mixedmodels"]),
        .executable(name: "mixedmodels-bench", targets: ["mixedmodels-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 of notebooks and data files for the render cache.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Notebook front matter and mixedmodels.yml.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `mixedmodels preview`'s HTTP server: small, no SwiftNIO, builds in seconds (Hummingbird needs SwiftNIO).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Debian's native libraries (see shared/spec/native-libraries.md).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CNLopt", path: "Sources/CNLopt", pkgConfig: "nlopt",
                       providers: [.apt(["libnlopt-dev"])]),
        // Supernodal sparse Cholesky for large, sparse random-effects blocks (Debian ships no pkg-config file).
        .systemLibrary(name: "CCholmod", path: "Sources/CCholmod", providers: [.apt(["libsuitesparse-dev"])]),
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // Counts heap allocations for `@benchmark`'s memory estimate.
        .target(name: "CAllocationCounter"),
        // Julia 1.10's random number streams (MersenneTwister, Xoshiro, randn), no dependencies.
        .target(name: "JuliaRandom"),
        // Julia-style text layouts shared by the data tables, the engine and the language.
        .target(name: "TextDisplay"),
        // Figures as deterministic SVG: axes, ticks, Makie's plot types; no dependencies.
        .target(name: "Plotting"),
        // Typed columns, tables, Arrow and CSV readers, bundled data sets.
        .target(name: "DataTables", dependencies: ["TextDisplay"]),
        // The statistics engine: formulas, model frames, LMM and GLMM fits.
        .target(name: "MixedModels", dependencies: ["DataTables", "TextDisplay", "JuliaRandom", "CBLAS", "CNLopt",
                                                     "CCholmod"],
                swiftSettings: engineSettings),
        // The `mixedmodel` block language: lexer, parser, interpreter, builtins.
        // Run-time exclusivity checks cost the tree-walking interpreter a third of a scalar loop's time; its
        // accesses to interpreter state never overlap (one block runs at a time on one thread).
        .target(name: "MixedModelsLanguage", dependencies: ["MixedModels", "DataTables", "TextDisplay", "JuliaRandom",
                                                     "CBLAS", "CAllocationCounter", "Plotting"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // Notebooks: reading with cmark-gfm, running, checking, fixing and rendering.
        .target(name: "NotebookProcessing", dependencies: [
            "MixedModelsLanguage", "DataTables", "CCmarkGFM", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // `mixedmodels preview`: serves a site folder and tells open pages to reload (server-sent events).
        .target(name: "PreviewServer", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(name: "mixedmodels", dependencies: [
            "NotebookProcessing", "PreviewServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "mixedmodels-bench", dependencies: ["MixedModels", "DataTables", "JuliaRandom",
                                                                  "MixedModelsLanguage", "Plotting"]),

        .testTarget(name: "TextDisplayTests", dependencies: ["TextDisplay"]),
        .testTarget(name: "JuliaRandomTests", dependencies: ["JuliaRandom"]),
        .testTarget(name: "DataTablesTests", dependencies: ["DataTables"]),
        // The spec's examples and printed outputs, shared by the engine's and the notebooks' tests.
        .target(name: "SpecFixtures", path: "Tests/SpecFixtures"),
        .testTarget(name: "MixedModelsTests", dependencies: ["MixedModels", "DataTables", "JuliaRandom", "SpecFixtures"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
        .testTarget(name: "LanguageTests", dependencies: ["MixedModelsLanguage"]),
        .testTarget(name: "NotebookTests", dependencies: ["NotebookProcessing", "SpecFixtures"]),
        .testTarget(name: "PreviewServerTests", dependencies: ["PreviewServer"]),
    ],
    swiftLanguageModes: [.v5]
)

// Fuzz harnesses (libFuzzer + AddressSanitizer, one per input surface; see scripts/fuzz), declared only when
// MIXEDMODELS_FUZZ=1 so that the ordinary build and tests neither build nor need them.
if Context.environment["MIXEDMODELS_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport"))
    let harnesses: [(String, [Target.Dependency])] = [
        ("FuzzArrow", ["DataTables"]),
        ("FuzzCSV", ["DataTables"]),
        ("FuzzFormula", ["MixedModels", "DataTables"]),
        ("FuzzLanguage", ["MixedModelsLanguage"]),
        ("FuzzSession", ["MixedModelsLanguage"]),
        ("FuzzNotebook", ["NotebookProcessing", "MixedModelsLanguage"]),
    ]
    for (name, dependencies) in harnesses {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies))
    }
}
