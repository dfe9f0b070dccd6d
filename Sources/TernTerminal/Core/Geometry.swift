/// A rectangle of terminal cells: columns `x..<x+width`, rows `y..<y+height`.
///
/// ```swift
/// let area = Rect(x: 0, y: 0, width: 120, height: 40)
/// let (left, right) = area.splitColumns(at: 60)
/// ```
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The area inside a one-cell border (or any margin).
    public func inset(by margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }

    /// Splits into a left part `width` columns wide and the rest.
    public func splitColumns(at width: Int) -> (Rect, Rect) {
        let left = min(max(0, width), self.width)
        return (Rect(x: x, y: y, width: left, height: height), Rect(x: x + left, y: y, width: self.width - left, height: height))
    }

    /// Splits into a top part `height` rows tall and the rest.
    public func splitRows(at height: Int) -> (Rect, Rect) {
        let top = min(max(0, height), self.height)
        return (Rect(x: x, y: y, width: width, height: top), Rect(x: x, y: y + top, width: width, height: self.height - top))
    }

    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}
