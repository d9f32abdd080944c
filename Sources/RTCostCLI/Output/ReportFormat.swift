public import ArgumentParser

/// The output formats of rtcost's reports; each command accepts the ones it documents.
public enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, json, csv, md
}

/// The formats of commands whose reports are a table for people or JSON for machines, so that
/// `--help` lists only what the command writes.
public enum TableOrJSON: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, json
}
