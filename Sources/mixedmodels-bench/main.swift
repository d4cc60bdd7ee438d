import MixedModels

if CommandLine.arguments.dropFirst().contains("glmm") {
    try GLMMBenchmarks.run()
} else {
    print("mixedmodels")
}
