import RTCostCLI

/// The `rtcost` executable: a thin entry point over the ``RTCostCLI`` library.
@main
enum EntryPoint {
  static func main() async {
    await RTCostCommand.main()
  }
}
