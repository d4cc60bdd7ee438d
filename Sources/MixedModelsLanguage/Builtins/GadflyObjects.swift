import DataTables
import Plotting

/// One element of Gadfly's grammar passed to `plot(…)`: a geometry with its settings, a guide, a scale or a layer.
final class GadflyElement: LanguageObject {
    enum Kind {
        case geometry(String, settings: [(name: String, value: Value)])
        case xlabel(String), ylabel(String), title(String)
        case scale(xAxis: Bool, Scale)
        case layer(GadflyLayer)
    }

    let kind: Kind
    let name: String
    init(_ kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }
    var typeName: String {
        switch kind {
        case .geometry: "Gadfly.Geometry"
        case .xlabel, .ylabel, .title: "Gadfly.Guide"
        case .scale: "Gadfly.Scale"
        case .layer: "Gadfly.Layer"
        }
    }
    func display() -> String { name }
}

/// What one layer draws: its data, the columns or vectors of its aesthetics and its geometries.
struct GadflyLayer {
    var table: DataTable?
    var x: Value?
    var y: Value?
    var color: Value?
    var geometries: [(name: String, settings: [(name: String, value: Value)])] = []
}

/// Gadfly's `Geom`, `Guide` and `Scale` modules: their members by name.
final class GadflyNamespace: LanguageObject {
    let name: String
    let members: [String: Value]
    init(_ name: String, members: [String: Value]) {
        self.name = name
        self.members = members
    }
    var typeName: String { "Module" }
    func display() -> String { "Gadfly.\(name)" }
    var propertyNames: [String] { members.keys.sorted() }
    func property(_ name: String) throws -> Value? { members[name] }
}

/// What `plot(…)` returns: a Gadfly plot, shown inline like a Makie figure.
final class GadflyPlotObject: LanguageObject, FigureValue {
    let figure: Figure
    init(_ figure: Figure) { self.figure = figure }
    var typeName: String { "Gadfly.Plot" }
    func display() -> String { "Plot(...)" }
}
