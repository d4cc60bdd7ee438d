import Foundation

/// A few named values, searched linearly: local scopes hold a handful of names, and comparing short names is much
/// cheaper than hashing them.
struct Variables {
    private(set) var keys: [String] = []
    private var values: [Value] = []

    init(_ initial: [String: Value] = [:]) {
        for (k, v) in initial { self[k] = v }
    }

    subscript(name: String) -> Value? {
        get {
            for i in keys.indices where keys[i] == name { return values[i] }
            return nil
        }
        set {
            if let i = keys.firstIndex(of: name) {
                if let newValue { values[i] = newValue } else { keys.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                keys.append(name)
                values.append(newValue)
            }
        }
    }

    /// Forgets every name, keeping the storage for the next loop iteration.
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// Rebinds `name` when it is the only name here (a loop variable whose body made no locals), so that the next
    /// iteration reuses the storage; false otherwise.
    @inline(__always)
    mutating func rebindSole(_ name: String, _ value: Value) -> Bool {
        guard keys.count == 1, keys[0] == name else { return false }
        values[0] = value
        return true
    }

    /// Replaces the value of an existing name; false when the name is not here.
    mutating func update(_ name: String, _ value: Value) -> Bool {
        for i in keys.indices where keys[i] == name {
            values[i] = value
            return true
        }
        return false
    }
}

/// The local variables of one function call, loop iteration, `let` block or generator.
final class Scope {
    var variables: Variables
    let parent: Scope?
    /// True for loop scopes with only loop scopes around them up to the top level, where assigning an existing
    /// global updates it (Julia's soft scope in notebooks and the REPL).
    let isTopLevelSoft: Bool
    /// Names declared `global` in this scope.
    var globalNames: Set<String> = []

    init(parent: Scope?, soft: Bool, variables: [String: Value] = [:]) {
        self.parent = parent
        self.variables = Variables(variables)
        self.isTopLevelSoft = soft && (parent?.isTopLevelSoft ?? true)
    }
}

/// A flag another thread sets to stop a running block.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ newValue: Bool) {
        lock.lock()
        value = newValue
        lock.unlock()
    }
}

/// The per-session allocation budget, checked before a block allocates a large array or string.
enum Memory {
    /// The budget of the block running on this thread (set by `Session.run`), else the default.
    static var budget: Int {
        (Thread.current.threadDictionary[key] as? Int) ?? Interpreter.defaultMemoryBudget
    }

    static let key = "MixedModelsLanguage.memoryBudget"

    /// The number of elements of an array of this shape; `OutOfMemoryError()` when it overflows.
    static func elementCount(_ shape: [Int]) throws -> Int {
        var n = 1
        for d in shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { throw JuliaException.outOfMemory() }
            n = product
        }
        return n
    }

    /// Throws Julia's `OutOfMemoryError()` unless `count` elements of `bytes` bytes each fit in the budget.
    static func reserve(_ count: Int, bytes: Int = MemoryLayout<Value>.stride) throws {
        let (total, overflow) = max(0, count).multipliedReportingOverflow(by: max(1, bytes))
        if overflow || total > budget { throw JuliaException.outOfMemory() }
    }
}

extension Interpreter {
    /// A quarter of the machine's physical memory.
    static let defaultMemoryBudget = Int(min(ProcessInfo.processInfo.physicalMemory / 4, UInt64(Int.max)))

    /// The current stack position, to bound the depth of calls.
    @inline(never)
    static func stackAddress() -> UInt {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Throws Julia's `StackOverflowError()` when calls have used up the block's stack budget.
    func checkStack() throws {
        guard stackBase != 0 else { return }
        let here = Interpreter.stackAddress()
        let used = here > stackBase ? here - stackBase : stackBase - here
        if used > UInt(stackBudget) {
            throw LanguageError(exception: JuliaException("StackOverflowError", message: "StackOverflowError()"))
        }
    }
}
