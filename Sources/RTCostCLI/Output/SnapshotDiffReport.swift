public import ArgumentParser
internal import Billing
internal import Decisions

/// The formats of `rtcost diff` and `rtcost gate`.
public enum DiffFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, json, markdown
}

/// Renders a ``Decisions/SnapshotDiff`` as a table, JSON or a pull-request comment.
enum SnapshotDiffReport {
  /// The hidden first line of the Markdown comment, so a bot finds and updates one comment.
  static let marker = "<!-- rtcost-diff -->"

  static func render(_ diff: SnapshotDiff, format: DiffFormat, base: String, head: String) -> String {
    switch format {
    case .table: table(diff, base: base, head: head)
    case .json: json(diff, base: base, head: head)
    case .markdown: markdown(diff, base: base, head: head)
    }
  }

  static func signedUSD(_ value: Double) -> String {
    (value >= 0 ? "+" : "") + SnapshotDiff.usd(value)
  }

  static func signedPico(_ pico: Int128) -> String {
    (pico >= 0 ? "+" : "-") + DecimalText.format(pico >= 0 ? pico : -pico, scale: 12)
  }

  static func interval(_ estimate: SnapshotDiff.Estimate) -> String {
    "\(signedUSD(estimate.interval.lowerBound))…\(signedUSD(estimate.interval.upperBound))"
  }

  /// Rows of (entry, base, head, change, interval, then one column per component).
  static func rows(_ diff: SnapshotDiff) -> [[String]] {
    var rows: [[String]] = []
    for change in diff.forecasts {
      rows.append(
        [
          "\(change.scenario) (\(change.headLabel.isEmpty ? change.baseLabel : change.headLabel)) $/device-day",
          SnapshotDiff.usd(change.baseMean), SnapshotDiff.usd(change.headMean), signedUSD(change.delta.mean),
          interval(change.delta),
        ] + change.components.map { signedUSD($0.estimate.mean) })
    }
    for change in diff.plans {
      rows.append(
        [
          "\(change.scenario) (the fleet's policies) $/month"
            + (change.presence == .both ? "" : " (\(change.presence.rawValue))"),
          SnapshotDiff.usd(change.baseMean), SnapshotDiff.usd(change.headMean), signedUSD(change.delta.mean),
          interval(change.delta),
        ] + change.components.map { signedUSD($0.estimate.mean) })
    }
    for change in diff.recordings {
      rows.append(
        [
          change.name + (change.presence == .both ? "" : " (\(change.presence.rawValue))"),
          DecimalText.format(change.basePico, scale: 12), DecimalText.format(change.headPico, scale: 12),
          signedPico(change.deltaPico), "exact",
        ] + change.components.map { signedPico($0.pico) })
    }
    return rows
  }

  static let headers =
    ["entry", "base $", "head $", "change $", "95% CI (paired)"]
    + SnapshotDiff.Component.allCases.map { $0.rawValue + " $" }

  static func table(_ diff: SnapshotDiff, base: String, head: String) -> String {
    let all = [headers] + rows(diff)
    let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    func line(_ row: [String]) -> String {
      row.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    var text = "rtcost diff: \(base) → \(head)\n\n" + line(headers) + "\n"
    text += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
    for row in rows(diff) { text += line(row) + "\n" }
    return text + "\n" + footnote + "\n"
  }

  static let footnote =
    "Forecasts: the deployed policy's mean per device-day, paired world by world on the same seeds; "
    + "plans: the fleet's mean per month, paired month by month. "
    + "Attribution order: price book (head usage at head vs base prices; model when the model differs), "
    + "policy (when the deployed policy changed), workload (the rest)."

  static func markdown(_ diff: SnapshotDiff, base: String, head: String) -> String {
    var text = marker + "\n### rtcost: cost change\n\n"
    text += "Base `\(base)` → head `\(head)`.\n\n"
    text += "| " + headers.joined(separator: " | ") + " |\n"
    text += "|" + headers.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined() + "\n"
    for row in rows(diff) {
      text +=
        "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
    }
    return text + "\n" + footnote + "\n"
  }

  static func json(_ diff: SnapshotDiff, base: String, head: String) -> String {
    func estimate(_ value: SnapshotDiff.Estimate) -> JSONValue {
      .object([
        ("mean_usd", .double(value.mean)),
        ("interval_usd", .array([.double(value.interval.lowerBound), .double(value.interval.upperBound)])),
      ])
    }
    let forecasts: [JSONValue] = diff.forecasts.map { change in
      .object([
        ("scenario", .string(change.scenario)), ("presence", .string(change.presence.rawValue)),
        ("base_policy", .string(change.baseLabel)), ("head_policy", .string(change.headLabel)),
        ("seed", .int(change.seed)), ("worlds", .int(change.worlds)),
        ("base_usd_per_device_day", .double(change.baseMean)),
        ("head_usd_per_device_day", .double(change.headMean)),
        ("change", estimate(change.delta)),
        ("components", .object(change.components.map { ($0.component.rawValue, estimate($0.estimate)) })),
      ])
    }
    let plans: [JSONValue] = diff.plans.map { change in
      .object([
        ("fleet", .string(change.scenario)), ("presence", .string(change.presence.rawValue)),
        ("base_policy", .string(change.baseLabel)), ("head_policy", .string(change.headLabel)),
        ("seed", .int(change.seed)), ("months", .int(change.worlds)),
        ("base_usd_per_month", .double(change.baseMean)),
        ("head_usd_per_month", .double(change.headMean)),
        ("change", estimate(change.delta)),
        ("components", .object(change.components.map { ($0.component.rawValue, estimate($0.estimate)) })),
      ])
    }
    let recordings: [JSONValue] = diff.recordings.map { change in
      .object([
        ("name", .string(change.name)), ("presence", .string(change.presence.rawValue)),
        ("base_pico", .int(change.basePico)), ("head_pico", .int(change.headPico)),
        ("change_pico", .int(change.deltaPico)),
        ("components_pico", .object(change.components.map { ($0.component.rawValue, .int($0.pico)) })),
      ])
    }
    return JSONValue.object([
      ("format", .string("rtcost-diff/1")), ("base", .string(base)), ("head", .string(head)),
      ("forecasts", .array(forecasts)), ("plans", .array(plans)), ("recordings", .array(recordings)),
    ]).rendered() + "\n"
  }
}
