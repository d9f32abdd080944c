#if canImport(FoundationEssentials)
  internal import FoundationEssentials
#else
  internal import Foundation
#endif

/// The price book bundled with rtcost: `Sources/Billing/Embedded/prices.json`, a price file
/// (``PriceFile``) with every row's effective date and source, compiled into the binary by the
/// EmbedResources build-tool plugin. Updating a price is a change to that file alone.
public enum BundledPrices {
  /// The bundled file as text, exactly as it is in the source tree.
  public static var jsonText: String {
    guard let text = EmbeddedResources.text(named: "prices.json") else {
      preconditionFailure("prices.json was not embedded: the EmbedResources plugin did not run")
    }
    return text
  }

  /// The bundled file, decoded. The file is part of the build and a test validates it, so a file
  /// that does not decode is a build defect and stops the program with the decoding error.
  public static let file: PriceFile = {
    do {
      return try JSONDecoder().decode(PriceFile.self, from: Data(jsonText.utf8))
    } catch {
      preconditionFailure("the bundled prices.json does not decode: \(error)")
    }
  }()

  /// The Realtime model price cards.
  public static var cards: [PriceCard] { file.cards }

  /// Which dated snapshot each alias points at, from which day. Assumption (not documented by
  /// OpenAI day by day): an alias moves to a new snapshot on that snapshot's release date, unless
  /// the changelog says otherwise (gpt-realtime-mini moved to 2025-12-15 on 2026-01-13).
  public static var aliases: [ModelAlias] { file.aliases }

  /// Input-transcription prices.
  public static var transcription: [TranscriptionPriceCard] { file.transcription }

  /// Dated transcription snapshots and the transcription row whose prices they have.
  public static var transcriptionAliases: [ModelAlias] { file.transcriptionAliases }
}

/// An alias (`gpt-realtime`) that resolves to a dated snapshot from a given day.
public struct ModelAlias: Sendable, Equatable {
  public var alias: String
  public var target: String
  public var from: CalendarDay

  public init(_ alias: String, _ target: String, from: String) {
    self.init(alias: alias, target: target, from: CalendarDay(from)!)
  }

  public init(alias: String, target: String, from: CalendarDay) {
    self.alias = alias
    self.target = target
    self.from = from
  }
}
