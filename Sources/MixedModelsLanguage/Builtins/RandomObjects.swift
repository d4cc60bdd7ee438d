import Foundation
import JuliaRandom

/// A random number generator as a block-language value (`MersenneTwister(42)`, `Xoshiro(1)`, `TaskLocalRNG()`).
final class RandomGeneratorObject: LanguageObject {
    let generator: any JuliaRNG
    /// True for the session's default generator, which Julia shows as `TaskLocalRNG()`.
    let isTaskLocal: Bool

    init(_ generator: any JuliaRNG, isTaskLocal: Bool = false) {
        self.generator = generator
        self.isTaskLocal = isTaskLocal
    }

    var typeName: String {
        if isTaskLocal { return "TaskLocalRNG" }
        return generator is MersenneTwister ? "MersenneTwister" : "Xoshiro"
    }

    func display() -> String {
        if isTaskLocal { return "TaskLocalRNG()" }
        return String(describing: generator)
    }
}

/// Each session's default generator (Julia's task-local Xoshiro): seeded from system entropy when the session
/// starts, reseeded by `Random.seed!(n)`. Kept outside the interpreter, keyed by the interpreter's identity.
enum DefaultGenerators {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var table: [ObjectIdentifier: (owner: Weak, rng: Xoshiro)] = [:]

    final class Weak {
        weak var value: Interpreter?
        init(_ value: Interpreter) { self.value = value }
    }

    static func generator(for interpreter: Interpreter) -> Xoshiro {
        lock.lock()
        defer { lock.unlock() }
        let key = ObjectIdentifier(interpreter)
        if let entry = table[key], entry.owner.value === interpreter { return entry.rng }
        table = table.filter { $0.value.owner.value != nil }
        var seed = SystemRandomNumberGenerator()
        let rng = Xoshiro(seed.next(), seed.next(), seed.next(), seed.next())
        table[key] = (Weak(interpreter), rng)
        return rng
    }
}
