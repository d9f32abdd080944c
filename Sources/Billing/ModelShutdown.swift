/// The announced end of a model: from `day` on it no longer accepts requests.
public struct ModelShutdown: Sendable, Equatable {
  /// The first day the model is no longer served.
  public var day: CalendarDay
  /// Where the date comes from, with what is uncertain about it.
  public var source: String

  public init(day: CalendarDay, source: String) {
    self.day = day
    self.source = source
  }

  /// Whether the model is shut down on `day`.
  public func isShutDown(on day: CalendarDay) -> Bool { self.day <= day }

  /// Whether the model is shut down on some day of the month `month` of `year` (1…12): a month
  /// priced whole at its rates would include days it cannot be used.
  public func isShutDown(inYear year: Int, month: Int) -> Bool {
    day <= CalendarDay.last(ofMonth: month, year: year)
  }
}

/// A model asked for on a day (or in a month) on which it is shut down.
public struct ShutdownWarning: Sendable, Equatable, CustomStringConvertible {
  /// The name asked for (an alias or a dated name).
  public var requested: String
  /// The model that is shut down (the snapshot the alias resolved to).
  public var model: String
  public var shutdown: ModelShutdown
  /// What was asked about: a day (`2027-02-01`) or a month (`2027-01`).
  public var period: String

  public init(requested: String, model: String, shutdown: ModelShutdown, period: String) {
    self.requested = requested
    self.model = model
    self.shutdown = shutdown
    self.period = period
  }

  public var description: String {
    let name = requested == model ? model : "\(requested) (\(model))"
    return "\(name) is shut down from \(shutdown.day), so pricing \(period) with it is hypothetical "
      + "(use its replacement) [source: \(shutdown.source)]"
  }
}

extension PriceBook {
  /// A warning when `model` (an alias resolves on `day`) is shut down on `day`; nil otherwise.
  public func shutdownWarning(for model: String, on day: CalendarDay) throws(PriceBookError)
    -> ShutdownWarning?
  {
    let (name, announced) =
      isLiveModel(model)
      ? (model, try liveCard(for: model, on: day).shutdown)
      : try { () throws(PriceBookError) in
        let row = try card(for: model, on: day)
        return (row.model, row.shutdown)
      }()
    guard let shutdown = announced, shutdown.isShutDown(on: day) else { return nil }
    return ShutdownWarning(requested: model, model: name, shutdown: shutdown, period: day.description)
  }

  /// A warning when `model` is shut down on any day of the month `month` (1…12) of `year`: the
  /// check for a forecast or a plan that prices a whole month. An alias resolves on the month's
  /// last day (the snapshot in force at the end of the month).
  public func shutdownWarning(for model: String, inYear year: Int, month: Int) throws(PriceBookError)
    -> ShutdownWarning?
  {
    let last = CalendarDay.last(ofMonth: month, year: year)
    let (name, announced) =
      isLiveModel(model)
      ? (model, try liveCard(for: model, on: last).shutdown)
      : try { () throws(PriceBookError) in
        let row = try card(for: model, on: last)
        return (row.model, row.shutdown)
      }()
    guard let shutdown = announced, shutdown.isShutDown(inYear: year, month: month) else { return nil }
    return ShutdownWarning(
      requested: model, model: name, shutdown: shutdown, period: String(last.description.prefix(7)))
  }

  /// ``shutdownWarning(for:on:)`` for an input-transcription model.
  public func transcriptionShutdownWarning(for model: String, on day: CalendarDay) throws(PriceBookError)
    -> ShutdownWarning?
  {
    let row = try transcriptionCard(for: model, on: day)
    guard let shutdown = row.shutdown, shutdown.isShutDown(on: day) else { return nil }
    return ShutdownWarning(requested: model, model: row.model, shutdown: shutdown, period: day.description)
  }

  /// ``shutdownWarning(for:inYear:month:)`` for an input-transcription model.
  public func transcriptionShutdownWarning(for model: String, inYear year: Int, month: Int)
    throws(PriceBookError) -> ShutdownWarning?
  {
    let last = CalendarDay.last(ofMonth: month, year: year)
    let row = try transcriptionCard(for: model, on: last)
    guard let shutdown = row.shutdown, shutdown.isShutDown(inYear: year, month: month) else { return nil }
    return ShutdownWarning(
      requested: model, model: row.model, shutdown: shutdown, period: String(last.description.prefix(7)))
  }
}
