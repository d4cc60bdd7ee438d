/// A cell of a figure's grid layout, 1-based as in Makie's `fig[row, column]`; a cell may span several rows or
/// columns (`fig[1, 1:2]`).
public struct GridPosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rows: ClosedRange<Int>
    public var columns: ClosedRange<Int>
    /// The first row and column of the cell.
    public var row: Int { rows.lowerBound }
    public var column: Int { columns.lowerBound }

    public init(row: Int, column: Int) {
        rows = row...row
        columns = column...column
    }

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.rows = rows
        self.columns = columns
    }

    public static func < (a: GridPosition, b: GridPosition) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }

    /// Whether two cells share a grid square.
    public func overlaps(_ other: GridPosition) -> Bool {
        rows.overlaps(other.rows) && columns.overlaps(other.columns)
    }

    /// `fig[1, 1:2]`, as written in a block.
    public var description: String {
        func part(_ r: ClosedRange<Int>) -> String { r.count == 1 ? "\(r.lowerBound)" : "\(r.lowerBound):\(r.upperBound)" }
        return "fig[\(part(rows)), \(part(columns))]"
    }
}

/// A legend in a cell of its own (Makie's `Legend(fig[1, 2], ax)`): the labelled plots of some axes.
public final class FigureLegend {
    public let axes: [Axis]
    public var title: String

    public init(axes: [Axis], title: String = "") {
        self.axes = axes
        self.title = title
    }

    /// The labelled plots, one per label (faceted axes repeat their labels).
    public var entries: [Plot] {
        var seen = Set<String>()
        return axes.flatMap(\.legendEntries).filter { seen.insert($0.label ?? "").inserted }
    }
}

/// A figure: a canvas of `width × height` pixels holding axes and legends in a grid.
public final class Figure {
    public var width: Double
    public var height: Double
    /// Axes by grid cell, in insertion order.
    public private(set) var cells: [(position: GridPosition, axis: Axis)] = []
    /// Legends by grid cell, in insertion order.
    public private(set) var legends: [(position: GridPosition, legend: FigureLegend)] = []

    /// Makie's default figure size is 600 × 450.
    public init(width: Double = 600, height: Double = 450) {
        self.width = width
        self.height = height
    }

    /// The axis at a cell, if one was placed there.
    public func axis(at position: GridPosition) -> Axis? {
        cells.first { $0.position == position }?.axis
    }

    /// Places an axis; a grid square holds one axis or legend, so placing over another is an error.
    public func place(_ axis: Axis, at position: GridPosition) throws {
        try checkFree(position)
        cells.append((position, axis))
    }

    /// Places a legend in a cell of its own.
    public func place(_ legend: FigureLegend, at position: GridPosition) throws {
        try checkFree(position)
        legends.append((position, legend))
    }

    private func checkFree(_ position: GridPosition) throws {
        guard position.row >= 1, position.column >= 1 else {
            throw PlotError("grid positions start at 1, got \(position)")
        }
        if let taken = cells.first(where: { $0.position.overlaps(position) })?.position
            ?? legends.first(where: { $0.position.overlaps(position) })?.position {
            throw PlotError(taken == position ? "\(position) already holds an axis or a legend"
                            : "\(position) overlaps \(taken), which already holds an axis or a legend")
        }
    }

    /// The number of grid rows and columns in use.
    public var gridSize: (rows: Int, columns: Int) {
        let positions = cells.map(\.position) + legends.map(\.position)
        return (positions.map(\.rows.upperBound).max() ?? 1, positions.map(\.columns.upperBound).max() ?? 1)
    }
}
