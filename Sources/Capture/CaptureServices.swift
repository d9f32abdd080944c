import Logging
public import ServiceLifecycle

/// `rtcost proxy` as a swift-service-lifecycle `Service`: listens, relays until a graceful shutdown
/// (SIGTERM), then closes every session with 1001 after a Realtime-shaped `error`, waits for them, and
/// writes what the recorder and the stats file still hold before it returns.
///
/// While the sessions close the listener stays open: `/healthz` answers 503, `/metrics` still
/// answers, and new WebSocket handshakes are refused with 503 (a load balancer or a Kubernetes
/// readiness probe sees a pod that is draining, not one that vanished). The listener closes once the
/// last session has ended, or at once if the service is cancelled.
public struct ProxyService: Service {
  public let proxy: ProxyServer
  private let onListening: @Sendable (Int) -> Void

  /// `onListening` hears the bound port (the one the system chose for port 0).
  public init(proxy: ProxyServer, onListening: @escaping @Sendable (Int) -> Void = { _ in }) {
    self.proxy = proxy
    self.onListening = onListening
  }

  public func run() async throws {
    let configuration = proxy.configuration
    let server = try await WebSocketServer.bind(
      host: configuration.host, port: configuration.port, limits: configuration.limits, handler: proxy)
    onListening(server.port)
    let proxy = self.proxy
    let checks = Task {
      // The fleet budget's periodic check: re-arms windows that fell back, fires rolling thresholds.
      let clock = ContinuousClock()
      while !Task.isCancelled {
        do { try await clock.sleep(for: .microseconds(configuration.settings.alertCheckInterval)) } catch {
          return
        }
        proxy.handleFleet(proxy.fleet.check(at: UTCTime.nowMicros()), model: configuration.defaultModel)
      }
    }
    await withTaskGroup(of: Bool.self) { group in
      group.addTask {
        await server.run()
        return true
      }
      group.addTask {
        do {
          try await gracefulShutdown()
        } catch {
          // Cancelled: stop listening now.
          server.close()
          return false
        }
        proxy.shutdown()
        await proxy.waitForSessions()
        server.close()
        return false
      }
      // The listener ended by itself (it failed): nothing is left to drain.
      if await group.next() == true { group.cancelAll() }
      await group.waitForAll()
    }
    checks.cancel()
    await proxy.finish()
  }
}

/// `rtcost serve` as a `Service`: plays a recording to every client until a graceful shutdown.
public struct ServeService: Service {
  public let server: FakeRealtimeServer
  public let host: String
  public let port: Int
  private let onListening: @Sendable (Int) -> Void

  public init(
    server: FakeRealtimeServer, host: String, port: Int,
    onListening: @escaping @Sendable (Int) -> Void = { _ in }
  ) {
    self.server = server
    self.host = host
    self.port = port
    self.onListening = onListening
  }

  public func run() async throws {
    let listener = try await WebSocketServer.bind(host: host, port: port, handler: server)
    let server = self.server
    onListening(listener.port)
    await withGracefulShutdownHandler {
      await listener.run()
    } onGracefulShutdown: {
      listener.close()
      server.closeAll()
    }
  }
}
