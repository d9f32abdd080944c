/// How a refusal echoes an option's number: as the user would have typed it (`-1`, not `-1.0`).
enum OptionNumber {
  /// `-1` for -1.0, `0.25` for 0.25, `nan` and `inf` as Swift spells them.
  static func text(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
