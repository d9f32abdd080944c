/// Finds the known names closest to a mistyped one, for "did you mean" hints.
enum ModelNameSuggestions {
  /// Up to `limit` names from `names`, closest first (edit distance, ties by name); names that
  /// contain the query or that the query contains come first. When no name is close, the nearest
  /// ones are returned anyway.
  static func closest(to query: String, in names: [String], limit: Int = 3) -> [String] {
    let lowered = query.lowercased()
    let scored = Set(names).map { name -> (Int, String) in
      let candidate = name.lowercased()
      let contains = candidate.contains(lowered) || lowered.contains(candidate)
      return (contains ? 0 : editDistance(lowered, candidate) + 1, name)
    }
    let threshold = max(6, query.count / 2)
    let ranked = scored.sorted { $0 < $1 }
    let close = ranked.filter { $0.0 <= threshold }
    // Nothing close: still name the nearest known models, so the user sees what exists.
    return (close.isEmpty ? ranked : close).prefix(limit).map(\.1)
  }

  /// Levenshtein distance over Unicode scalars.
  static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.unicodeScalars)
    let b = Array(rhs.unicodeScalars)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
