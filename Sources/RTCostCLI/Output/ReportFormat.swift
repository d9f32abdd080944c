public import ArgumentParser

/// The output formats of rtcost's reports; each command accepts the ones it documents.
public enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, json, csv, md
}
