import Foundation

// rtcost-bench generate PATH [MEGABYTES]   writes a synthetic recording (default 256 MB)
// rtcost-bench measure PATH [RUNS]         times wc -l, a newline count and the reader on PATH
// rtcost-bench read PATH                   runs the reader once (for perf stat and profilers)
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  FileHandle.standardError.write(Data("usage: rtcost-bench generate PATH [MB] | measure PATH [RUNS]\n".utf8))
  exit(2)
}
do {
  switch arguments[1] {
  case "generate":
    try Generate.run(path: arguments[2], megabytes: arguments.count > 3 ? Int(arguments[3]) ?? 256 : 256)
  case "read": try Measure.readOnly(path: arguments[2])
  case "measure": try Measure.run(path: arguments[2], runs: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3)
  default:
    FileHandle.standardError.write(Data("unknown command \(arguments[1])\n".utf8))
    exit(2)
  }
} catch {
  FileHandle.standardError.write(Data("rtcost-bench: \(error)\n".utf8))
  exit(1)
}
