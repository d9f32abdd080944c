import CYaml

/// A check of a YAML text's event stream before it is composed into nodes.
///
/// Composing is where YAML input can hang: Yams hashes every mapping key to find duplicates, and
/// a key built from nested aliases (an "alias bomb", a few hundred bytes) expands to billions of
/// nodes. The preflight walks libyaml's events once, in time linear in the text, and refuses
///
/// - a mapping key that is not a plain scalar (a list, a mapping or an alias): every key of the
///   project's files is a plain name;
/// - a document whose aliases expand to more than ``maximumNodes`` nodes.
///
/// A syntax error is left to the composer, which reports it with its own line and column.
public enum YAMLPreflight {
  /// The most nodes a document may hold once its aliases are expanded: the largest bundled file
  /// holds a few hundred; a million is far past any real file and still checked in milliseconds.
  public static let maximumNodes = 1_000_000

  /// Why a text was refused, and the 1-based line of the node.
  public struct Problem: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
  }

  /// Throws the first problem in `text`, or returns when it may be composed.
  public static func check(_ text: String) throws(Problem) {
    var bytes = Array(text.utf8)
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return }
    defer { yaml_parser_delete(&parser) }
    try bytes.withUnsafeMutableBufferPointer { buffer throws(Problem) in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var walk = Walk()
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return }
        defer { yaml_event_delete(&event) }
        if event.type == YAML_STREAM_END_EVENT { return }
        try walk.step(event)
      }
    }
  }

  /// The state of one walk: the open collections and the expanded size of every anchor.
  struct Walk {
    /// One open collection: whether it is a mapping, whether its next node is a key, its anchor
    /// and the nodes it holds so far.
    struct Frame {
      var isMapping: Bool
      var expectsKey: Bool
      var anchor: String?
      var nodes: Int
    }

    var frames: [Frame] = []
    var anchorSizes: [String: Int] = [:]
    var total = 0

    mutating func step(_ event: yaml_event_t) throws(Problem) {
      let line = Int(event.start_mark.line) + 1
      switch event.type {
      case YAML_SCALAR_EVENT:
        try finish(nodes: 1, anchor: Self.text(event.data.scalar.anchor), line: line)
      case YAML_ALIAS_EVENT:
        try checkKey(kind: "an alias", line: line)
        let anchor = Self.text(event.data.alias.anchor) ?? ""
        try finish(nodes: anchorSizes[anchor] ?? 1, anchor: nil, line: line)
      case YAML_SEQUENCE_START_EVENT:
        try checkKey(kind: "a list", line: line)
        try open(isMapping: false, anchor: Self.text(event.data.sequence_start.anchor), line: line)
      case YAML_MAPPING_START_EVENT:
        try checkKey(kind: "a mapping", line: line)
        try open(isMapping: true, anchor: Self.text(event.data.mapping_start.anchor), line: line)
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let frame = frames.popLast() else { return }
        total -= frame.nodes + 1
        try finish(nodes: frame.nodes + 1, anchor: frame.anchor, line: line)
      case YAML_DOCUMENT_START_EVENT:
        frames = []
        total = 0
      default:
        return
      }
    }

    /// Refuses a collection or alias where the open mapping expects a key.
    func checkKey(kind: String, line: Int) throws(Problem) {
      guard let frame = frames.last, frame.isMapping, frame.expectsKey else { return }
      throw Problem(line: line, message: "mapping keys must be plain names, not \(kind)")
    }

    mutating func open(isMapping: Bool, anchor: String?, line: Int) throws(Problem) {
      frames.append(Frame(isMapping: isMapping, expectsKey: true, anchor: anchor, nodes: 0))
      try count(1, line: line)
    }

    /// A node of `nodes` (expanded) nodes is complete: its parent holds it, and its anchor names
    /// its size.
    mutating func finish(nodes: Int, anchor: String?, line: Int) throws(Problem) {
      try count(nodes, line: line)
      if let anchor { anchorSizes[anchor] = nodes }
      guard !frames.isEmpty else { return }
      frames[frames.count - 1].nodes += nodes
      if frames[frames.count - 1].isMapping { frames[frames.count - 1].expectsKey.toggle() }
    }

    /// Adds `nodes` to the document's expanded size; past the budget the document is refused.
    mutating func count(_ nodes: Int, line: Int) throws(Problem) {
      total += nodes
      guard total <= YAMLPreflight.maximumNodes else {
        throw Problem(
          line: line,
          message: "its aliases expand to more than \(YAMLPreflight.maximumNodes) values (an alias bomb?)")
      }
    }

    static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let pointer else { return nil }
      return String(cString: pointer)
    }
  }
}
