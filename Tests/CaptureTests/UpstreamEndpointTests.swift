import Capture
import Testing

@Suite("Capture: upstream URLs")
struct UpstreamEndpointTests {
  @Test func openAIDefaultAppendsTheClientPathAndQuery() {
    let url = UpstreamEndpoint.openAI.url(forClientPath: "/v1/realtime", query: "model=gpt-realtime")
    #expect(url.description == "wss://api.openai.com/v1/realtime?model=gpt-realtime")
    #expect(url.hostHeader == "api.openai.com")
    #expect(url.port == 443)
  }

  @Test func azureGAAndPreviewForms() throws {
    let ga = UpstreamEndpoint(base: try WebSocketURL("wss://res.openai.azure.com/openai/v1"))
    #expect(
      ga.url(forClientPath: "/v1/realtime", query: "model=my-deployment").description
        == "wss://res.openai.azure.com/openai/v1/realtime?model=my-deployment")
    let preview = UpstreamEndpoint(
      base: try WebSocketURL("https://res.openai.azure.com/openai/"),
      extraQuery: "api-version=2025-04-01-preview")
    #expect(
      preview.url(forClientPath: "/v1/realtime", query: "deployment=gpt-4o-realtime-preview").description
        == "wss://res.openai.azure.com/openai/realtime?deployment=gpt-4o-realtime-preview&api-version=2025-04-01-preview"
    )
  }

  @Test func localTestUpstreamKeepsItsPort() throws {
    let local = UpstreamEndpoint(base: try WebSocketURL("ws://127.0.0.1:9000/v1"))
    let url = local.url(forClientPath: "/v1/live/sessions", query: nil)
    #expect(url.description == "ws://127.0.0.1:9000/v1/live/sessions")
    #expect(url.hostHeader == "127.0.0.1:9000")
    #expect(!url.secure)
  }

  @Test func badURLsAreRefusedNamingTheOption() {
    #expect(throws: CaptureError("--upstream: 'ftp://x' is not a ws://, wss://, http:// or https:// URL")) {
      try WebSocketURL("ftp://x", option: "--upstream")
    }
    #expect(throws: CaptureError("--upstream: 'wss://host:99999/v1' has an invalid port '99999'")) {
      try WebSocketURL("wss://host:99999/v1", option: "--upstream")
    }
    #expect(
      throws: CaptureError(
        "--upstream: 'wss://sk-abc@host/v1' holds credentials; give keys with --api-key-env, never in a URL")
    ) {
      try WebSocketURL("wss://sk-abc@host/v1", option: "--upstream")
    }
  }

  @Test func queryValuesArePercentDecoded() throws {
    let url = try WebSocketURL("ws://127.0.0.1:1/v1/realtime?model=gpt%2Drealtime&x=1")
    #expect(url.queryValue("model") == "gpt-realtime")
    #expect(url.queryValue("missing") == nil)
  }
}
