/// What a fit found, parameter by parameter (`rtcost fit` prints it).
public struct FitReport: Sendable, Equatable {
  /// How one scenario parameter got its value.
  public enum Source: Sendable, Equatable {
    /// Fitted to the sample: the family chosen and how well it fits.
    case fitted(FittedDistribution)
    /// Estimated (a rate, a probability, a token count) from `samples` observations.
    case estimated
    /// Read from the session events (a setting, not a distribution).
    case observed
    /// Kept at the default, for this reason.
    case defaulted(String)
  }

  /// One parameter.
  public struct Row: Sendable, Equatable {
    /// The scenario key path (`user.turns`, `noise[0].length`).
    public var keyPath: String
    /// Observations it was estimated from (0 when defaulted or observed once).
    public var samples: Int
    /// The value as the scenario file writes it.
    public var value: String
    public var source: Source

    public init(keyPath: String, samples: Int, value: String, source: Source) {
      self.keyPath = keyPath
      self.samples = samples
      self.value = value
      self.source = source
    }

    /// The one-line account of how the value was reached (also the scenario file's comment).
    public var how: String {
      switch source {
      case .fitted(let fit):
        let p = fit.ksPValue < 0.001 ? "<0.001" : String(format3(fit.ksPValue))
        var text = "\(fit.family), n=\(fit.samples), KS D=\(format3(fit.ksDistance)) p=\(p)"
        if let runnerUp = fit.alternatives.min(by: { $0.aic < $1.aic }) {
          text += ", ΔAIC vs \(runnerUp.family) \(format1(runnerUp.aic - fit.aic))"
        }
        return text
      case .estimated: return "estimated, n=\(samples)"
      case .observed: return samples > 1 ? "seen in \(samples) sessions" : "seen in the session events"
      case .defaulted(let reason): return "default: \(reason)"
      }
    }
  }

  /// The recordings, as named.
  public var recordings: [String]
  /// Observed time in all, in hours.
  public var observedHours: Double
  public var sessions: Int
  public var conversations: Int
  public var genuineTurns: Int
  public var noiseResponses: Int
  public var reprompts: Int
  public var rows: [Row]
  /// How conversations and noise were told apart, and what could not be told.
  public var notes: [String]

  /// The row of `keyPath`, if any.
  public func row(_ keyPath: String) -> Row? { rows.first { $0.keyPath == keyPath } }
}

func format3(_ value: Double) -> String { fixed(value, 3) }
func format1(_ value: Double) -> String { fixed(value, 1) }

/// `value` with `decimals` digits after the point, rounded half away from zero.
func fixed(_ value: Double, _ decimals: Int) -> String {
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let units = Int64((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
  var digits = String(units)
  if decimals > 0 {
    while digits.count <= decimals { digits = "0" + digits }
    digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
  }
  return (value < 0 && units != 0 ? "-" : "") + digits
}
