/// A session's global variables, each in a slot that never moves once the name is first assigned.
///
/// A loop that updates a global (`s += i` a million times) asks for the same few names over and over: the slots of
/// the names used last are remembered and found again by comparing names, which for short names costs far less than
/// hashing them into the dictionary.
struct GlobalVariables {
    private var slotOfName: [String: Int] = [:]
    /// The names, in the order first assigned.
    private(set) var names: [String] = []
    private var values: [Value] = []
    /// The slots most recently found, searched before the dictionary.
    private var recent: [Int] = []
    private var nextRecent = 0
    private static let recentCapacity = 4

    /// The slot of `name`, nil when it was never assigned.
    mutating func slot(_ name: String) -> Int? {
        for s in recent where names[s] == name { return s }
        guard let s = slotOfName[name] else { return nil }
        remember(s)
        return s
    }

    private mutating func remember(_ slot: Int) {
        if recent.count < Self.recentCapacity {
            recent.append(slot)
        } else {
            recent[nextRecent] = slot
            nextRecent = (nextRecent + 1) % Self.recentCapacity
        }
    }

    /// The value in a slot `slot(_:)` returned.
    subscript(slot slot: Int) -> Value {
        get { values[slot] }
        set { values[slot] = newValue }
    }

    /// The value of `name`, nil when it was never assigned.
    mutating func value(of name: String) -> Value? {
        slot(name).map { values[$0] }
    }

    /// Binds `name` to `value`, creating the variable if needed.
    mutating func set(_ name: String, _ value: Value) {
        if let s = slot(name) {
            values[s] = value
        } else {
            slotOfName[name] = values.count
            names.append(name)
            values.append(value)
            remember(values.count - 1)
        }
    }
}
