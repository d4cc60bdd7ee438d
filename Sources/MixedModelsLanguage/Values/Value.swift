import TextDisplay

/// A value of the block language. Arrays, dictionaries and objects are references, as in Julia.
enum Value {
    case nothing
    case missing
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// A `Char`: one Unicode code point, as Julia's characters are.
    case char(Unicode.Scalar)
    case symbol(String)
    case array(ArrayBox)
    case tuple([Value])
    case namedTuple(names: [String], values: [Value])
    case dict(DictBox)
    case pair(PairBox)
    /// `start:step:stop`, inclusive, as Julia's ranges.
    case range(start: Int, step: Int, stop: Int)
    case function(Function)
    /// A type used as a value (`MixedModel`, `Float64`, `typeof(x)`).
    case type(String)
    /// A module used as a namespace (`MixedModels.dataset`).
    case module(String)
    case object(any LanguageObject)
}

/// Both halves of `k => v`.
final class PairBox {
    let first: Value
    let second: Value
    init(_ first: Value, _ second: Value) {
        self.first = first
        self.second = second
    }
}

/// Values the interpreter does not know the inside of: tables, formulas, models, benchmark results.
protocol LanguageObject: AnyObject {
    /// Julia's name of the type (`LinearMixedModel{Float64}`, `FormulaTerm`).
    var typeName: String { get }
    /// The `text/plain` display.
    func display() -> String
    /// The form `print`/`string` use; defaults to the display.
    func printed() -> String
    /// Property names, in the order `propertynames` lists them.
    var propertyNames: [String] { get }
    /// The value of a property, nil when there is no such property.
    func property(_ name: String) throws -> Value?
    /// Sets a property; the default refuses.
    func setProperty(_ name: String, _ value: Value) throws
    /// Table forms for rendered pages.
    func renderedTables() -> [RenderedTable]
    /// Equality for `==` (default: identity).
    func isEqual(to other: any LanguageObject) -> Bool
    /// `x[i…]`, nil when the object cannot be indexed.
    func index(_ indices: [Value]) throws -> Value?
    /// `x[i…] = value`; the default refuses.
    func setIndex(_ indices: [Value], _ value: Value) throws
    /// The value of `end` in dimension `dimension` (0-based) of an index with `count` positions; nil when `end`
    /// does not apply.
    func lastIndex(dimension: Int, of count: Int) -> Int?
}

extension LanguageObject {
    func printed() -> String { display() }
    var propertyNames: [String] { [] }
    func property(_ name: String) throws -> Value? { nil }
    func setProperty(_ name: String, _ value: Value) throws {
        throw LanguageError("cannot set property `\(name)` of a \(typeName): it is read-only")
    }
    func renderedTables() -> [RenderedTable] { [] }
    func isEqual(to other: any LanguageObject) -> Bool { self === other }
    func index(_ indices: [Value]) throws -> Value? { nil }
    func setIndex(_ indices: [Value], _ value: Value) throws {
        throw LanguageError("cannot assign to an element of a \(typeName)")
    }
    func lastIndex(dimension: Int, of count: Int) -> Int? { nil }
}

/// A builtin function, or a callable type such as `DataFrame` or `Bernoulli`.
struct Function {
    let name: String
    /// Keywords the function accepts (an unknown keyword is an error naming these).
    let keywords: Set<String>
    /// True for types called as constructors (`typeof` says `DataType`/`UnionAll`).
    let isType: Bool
    let body: (CallContext) throws -> Value
    /// The methods of a function defined in a block (nil for builtins).
    var userFunction: UserFunction?

    init(_ name: String, keywords: Set<String> = [], isType: Bool = false,
         _ body: @escaping (CallContext) throws -> Value) {
        self.name = name
        self.keywords = keywords
        self.isType = isType
        self.body = body
    }

    /// How many methods Julia would list (`f(x, y = 1)` defines two).
    var methodCount: Int {
        userFunction?.methods.reduce(0) { $0 + 1 + $1.parameters.filter { $0.defaultValue != nil }.count } ?? 1
    }
}

extension Value {
    /// Julia's `typeof(x)` name.
    var typeName: String {
        switch self {
        case .nothing: "Nothing"
        case .missing: "Missing"
        case .bool: "Bool"
        case .int: "Int64"
        case .float: "Float64"
        case .string: "String"
        case .char: "Char"
        case .symbol: "Symbol"
        case .array(let a): a.typeName
        case .tuple(let items): "Tuple{\(items.map(\.typeName).joined(separator: ", "))}"
        case .namedTuple(let names, let values):
            "@NamedTuple{\(zip(names, values).map { "\($0)::\($1.typeName)" }.joined(separator: ", "))}"
        case .dict(let d): d.typeName
        case .pair(let p): "Pair{\(p.first.typeName), \(p.second.typeName)}"
        case .range(_, let step, _): step == 1 ? "UnitRange{Int64}" : "StepRange{Int64, Int64}"
        case .function(let f): f.isType ? "DataType" : "typeof(\(f.name))"
        case .type: "DataType"
        case .module: "Module"
        case .object(let o): o.typeName
        }
    }

    /// A short description for error messages: `a Float64`, `a LinearMixedModel{Float64}`.
    var described: String {
        let name = typeName
        let article = "AEIOU".contains(name.first ?? "x") ? "an" : "a"
        return "\(article) \(name)"
    }

    var isTuple: Bool {
        if case .tuple = self { return true }
        return false
    }

    var isNothing: Bool {
        if case .nothing = self { return true }
        return false
    }

    /// The number as a Double, for Int, Float64 and Bool values.
    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .float(let d): d
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }
}
