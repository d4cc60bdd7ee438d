import ArgumentParser
import NotebookProcessing

// cmark-gfm's extension registry is not thread-safe: register before any worker thread starts.
Markdown.prepare()
MixedModelsCommand.main()
