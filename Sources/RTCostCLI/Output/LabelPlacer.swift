/// Places chart labels beside their points so that no two labels, and no label and point, overlap:
/// each label takes the first free spot of a fixed list of offsets, farther out ring by ring.
///
/// Text width is estimated at 0.6 × font size per character (sans-serif digits and letters are
/// narrower), so a placement that is free here is free on screen.
struct LabelPlacer {
  struct Box {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    func intersects(_ other: Box) -> Bool {
      left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }
  }

  /// The area labels must stay in.
  var bounds: Box
  var fontSize: Double
  private(set) var taken: [Box] = []

  init(bounds: Box, fontSize: Double) {
    self.bounds = bounds
    self.fontSize = fontSize
  }

  /// Marks a point (a marker of radius `radius`) as taken.
  mutating func reserve(x: Double, y: Double, radius: Double) {
    taken.append(Box(left: x - radius, top: y - radius, right: x + radius, bottom: y + radius))
  }

  /// Marks a box as taken (a legend, a title).
  mutating func reserve(_ box: Box) { taken.append(box) }

  /// The text anchor position (start-anchored, baseline y) of `text` beside (x, y), or nil when no
  /// spot is free.
  mutating func place(_ text: String, x: Double, y: Double) -> (x: Double, y: Double)? {
    let width = Double(text.count) * fontSize * 0.6
    let height = fontSize + 2
    for ring in 1...6 {
      let gap = 6 * Double(ring)
      let offsets: [(Double, Double)] = [
        (gap, -gap / 2), (gap, gap / 2 + height), (-gap - width, -gap / 2), (-gap - width, gap / 2 + height),
        (-width / 2, -gap), (-width / 2, gap + height),
      ]
      for (dx, dy) in offsets {
        let box = Box(left: x + dx, top: y + dy - height, right: x + dx + width, bottom: y + dy)
        guard box.left >= bounds.left, box.right <= bounds.right, box.top >= bounds.top,
          box.bottom <= bounds.bottom, !taken.contains(where: { $0.intersects(box) })
        else { continue }
        taken.append(box)
        return (x + dx, y + dy - 2)
      }
    }
    return nil
  }
}
