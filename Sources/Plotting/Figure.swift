/// A cell of a figure's grid layout, 1-based as in Makie's `fig[row, column]`.
public struct GridPosition: Hashable, Comparable, Sendable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
    public static func < (a: GridPosition, b: GridPosition) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

/// A figure: a canvas of `width × height` pixels holding axes in a grid.
public final class Figure {
    public var width: Double
    public var height: Double
    /// Axes by grid cell, in insertion order.
    public private(set) var cells: [(position: GridPosition, axis: Axis)] = []

    /// Makie's default figure size is 600 × 450.
    public init(width: Double = 600, height: Double = 450) {
        self.width = width
        self.height = height
    }

    /// The axis at a cell, if one was placed there.
    public func axis(at position: GridPosition) -> Axis? {
        cells.first { $0.position == position }?.axis
    }

    /// Places an axis; a cell holds one axis, so placing twice is an error.
    public func place(_ axis: Axis, at position: GridPosition) throws {
        guard position.row >= 1, position.column >= 1 else {
            throw PlotError("grid positions start at 1, got fig[\(position.row), \(position.column)]")
        }
        guard self.axis(at: position) == nil else {
            throw PlotError("fig[\(position.row), \(position.column)] already holds an axis")
        }
        cells.append((position, axis))
    }

    /// The number of grid rows and columns in use.
    public var gridSize: (rows: Int, columns: Int) {
        (cells.map(\.position.row).max() ?? 1, cells.map(\.position.column).max() ?? 1)
    }
}
