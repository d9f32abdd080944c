import AudioIO
import RealtimeEvents

extension ScenarioLoader {
  /// The keys of one `audio_inputs:` entry.
  static let audioInputKeys = [
    "wav", "at", "use", "genuine", "repeat_daily", "response_audio", "response_text_tokens",
  ]

  /// `audio_inputs:`, a list of WAV files as mic input; each file is read and analysed here with
  /// the VAD settings of `scenario.session`, so a missing or refused file is a load error.
  static func audioInputs(
    _ cursor: YAMLCursor, scenario: Scenario, baseDirectory: String
  ) throws(ScenarioError) -> [AudioInput] {
    try cursor.list().map { entry throws(ScenarioError) in
      try audioInput(entry, scenario: scenario, baseDirectory: baseDirectory)
    }
  }

  static func audioInput(
    _ cursor: YAMLCursor, scenario: Scenario, baseDirectory: String
  ) throws(ScenarioError) -> AudioInput {
    let map = try cursor.mapping(allowed: audioInputKeys)
    let wavNode = try map.require("wav")
    let wav = try wavNode.string()
    let atNode = try map.require("at")
    let at = try atNode.duration()
    guard at < scenario.horizon else {
      throw atNode.error("must be before the end of the horizon, got \(atNode.shown)")
    }
    let useNode = try map.require("use")
    let use = LocalAudioMarker.Use(rawValue: try useNode.choice(["ambient", "utterance"]))!
    if use == .ambient, !scenario.session.turnDetection.micStreams {
      throw useNode.error(
        "ambient audio needs a VAD (session.turn_detection server_vad or semantic_vad); with push to "
          + "talk use: utterance")
    }
    let genuine: Bool
    if let node = map["genuine"] {
      genuine = try node.bool()
    } else if use == .ambient {
      throw ScenarioError(
        file: cursor.file, line: cursor.line, keyPath: cursor.path + ".genuine",
        message: "is required for ambient audio (true: speech to the agent, false: noise such as a TV)")
    } else {
      genuine = true
    }
    let vad: VADParameters
    do {
      vad = try scenario.session.vadParameters()
    } catch {
      throw cursor.error("the session's VAD settings cannot analyse audio: \(error)")
    }
    let clip: AudioClip
    do {
      clip = try AudioClip.load(
        path: AudioStimuli.resolve(wav, relativeTo: baseDirectory), use: use, vad: vad)
    } catch {
      throw wavNode.error(error.description)
    }
    var input = AudioInput(
      wav: wav, clip: clip, at: at, genuine: genuine, repeatDaily: try map["repeat_daily"]?.bool() ?? false)
    if let node = map["response_audio"] { input.responseAudio = try distribution(node, kind: .duration) }
    if let node = map["response_text_tokens"] {
      input.responseTextTokens = try distribution(node, kind: .count)
    }
    return input
  }
}
