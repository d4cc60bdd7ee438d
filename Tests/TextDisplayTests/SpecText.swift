/// Builds expected text from lines so trailing spaces of the spec stay visible in the source.
func lines(_ items: String...) -> String { items.joined(separator: "\n") }
