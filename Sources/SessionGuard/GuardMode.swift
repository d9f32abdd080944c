/// Whether a component behaves as the real component or reproduces the original design exactly.
///
/// Seed-compatible mode exists to reproduce the original design's numbers (DESIGN §4) and to show
/// what is wrong with them; every output produced in that mode is labelled with ``label``.
public enum GuardMode: String, Sendable, Hashable, CaseIterable, Codable {
  /// The real component, with the seed's defects fixed.
  case real
  /// The original design's behaviour, defects included.
  case seed

  /// The label every report prints next to numbers produced in this mode.
  public var label: String {
    switch self {
    case .real: "real"
    case .seed: "seed-compatible (reproduces the original design, defects included)"
    }
  }
}
