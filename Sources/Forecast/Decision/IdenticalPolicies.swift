public import RealtimeEvents
public import SessionGuard

/// Policies whose results are identical in every world (the same metrics, not only the same means):
/// a report shows them once, with a sentence naming what they share.
public struct IdenticalPolicies: Sendable, Equatable {
  /// Indices into ``ForecastResults/summaries()`` of the members, ascending; the first is the
  /// representative unless the baseline is a member, which then represents the group.
  public var members: [Int]
  /// The summary index shown for the group: the baseline when it is a member, else the first.
  public var representative: Int
  /// Whether the baseline is a member.
  public var containsBaseline: Bool
  /// The members other than the representative, in words made of grid-label parts, such as
  /// `activity=seed, any timeout` (empty for a group of one).
  public var othersDescription: String

  /// The groups of `results`, ordered by their representative's index.
  ///
  /// - Complexity: O(worlds × policies × groups) metric comparisons.
  public static func groups(_ results: ForecastResults) -> [IdenticalPolicies] {
    let id = results.identity
    let count = id.models.count * id.policies.count
    var groups: [[Int]] = []
    for index in 0..<count {
      let model = index / id.policies.count
      let match = groups.firstIndex { group in
        group[0] / id.policies.count == model
          && results.worlds.allSatisfy { sameResults($0.metrics[group[0]], $0.metrics[index]) }
      }
      if let match { groups[match].append(index) } else { groups.append([index]) }
    }
    return groups.map { members in
      let representative = members.contains(id.baseline) ? id.baseline : members[0]
      let others = members.filter { $0 != representative }
      return IdenticalPolicies(
        members: members, representative: representative, containsBaseline: members.contains(id.baseline),
        othersDescription: describe(others, in: id))
    }.sorted { $0.representative < $1.representative }
  }

  /// Whether two runs report the same: every metric but the count of simulated events (a policy
  /// that never fires still schedules its checks).
  static func sameResults(_ a: RunMetrics, _ b: RunMetrics) -> Bool {
    var a = a
    a.events = b.events
    return a == b
  }

  /// Describes `members` by what they share besides the timeout: each set of other settings once,
  /// followed by `any timeout` when it holds for every timeout (and check interval) of the grid,
  /// else by the timeouts it holds for.
  static func describe(_ members: [Int], in id: ForecastResults.Identity) -> String {
    guard !members.isEmpty else { return "" }
    let policyCount = id.policies.count
    let comparesModels = id.models.count > 1
    func key(_ index: Int) -> String {
      var untimed = id.policies[index % policyCount]
      untimed.idleTimeout = nil
      return (comparesModels ? "\(id.models[index / policyCount]) · " : "")
        + untimed.gridLabel
        .replacingPrefix("timeout=off ")
    }
    let oneCheckInterval = Set(id.policies.map(\.checkInterval)).count == 1
    func timing(_ policy: GuardSettings) -> String {
      guard let timeout = policy.idleTimeout else { return "off" }
      return DurationText.format(timeout)
        + (oneCheckInterval ? "" : " (check \(DurationText.format(policy.checkInterval)))")
    }
    var keys: [String] = []
    for index in members where !keys.contains(key(index)) { keys.append(key(index)) }
    return keys.map { shared in
      let subset = members.filter { key($0) == shared }
      let grid = (0..<(id.models.count * policyCount)).filter { key($0) == shared }
      if grid.count > 1, subset.count == grid.count {
        let checks = Set(subset.map { id.policies[$0 % policyCount].checkInterval }).count
        return shared + (checks > 1 ? ", any timeout and check interval" : ", any timeout")
      }
      let timings = subset.map { timing(id.policies[$0 % policyCount]) }
      return shared + ", timeout " + timings.joined(separator: ", ")
    }.joined(separator: "; ")
  }
}

extension String {
  /// The string without `prefix` when it starts with it.
  fileprivate func replacingPrefix(_ prefix: String) -> String {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
  }
}
