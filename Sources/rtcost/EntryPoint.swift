import RTCostCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `rtcost` executable: a thin entry point over the ``RTCostCLI`` library.
@main
enum EntryPoint {
  static func main() async {
    exit(await RTCostCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
  }
}
