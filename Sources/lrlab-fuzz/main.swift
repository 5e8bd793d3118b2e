import Foundation
import FuzzTargets

// Built two ways (see scripts/fuzz.sh):
// - with `-D LRLAB_LIBFUZZER -sanitize=fuzzer`: libFuzzer's driver (`LLVMFuzzerRunDriver`,
//   given this program's arguments) runs `LLVMFuzzerTestOneInput`; the target is chosen by
//   $LRLAB_FUZZ_TARGET;
// - plainly (as `swift build` does): `lrlab-fuzz TARGET FILE…` replays inputs (a corpus or a
//   crash) through the same entry point.

#if LRLAB_LIBFUZZER
  let fuzzTarget: FuzzEntry.Target = {
    let name = ProcessInfo.processInfo.environment["LRLAB_FUZZ_TARGET"] ?? ""
    guard let target = FuzzEntry.Target(rawValue: name) else {
      fatalError("set LRLAB_FUZZ_TARGET to snippet, lesson or progress")
    }
    return target
  }()

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzEntry.run(fuzzTarget, data)
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  _ = fuzzTarget
  var argc = CommandLine.argc
  var argv = CommandLine.unsafeArgv
  exit(runDriver(&argc, &argv, fuzzOneInput))
#else
  let arguments = Array(CommandLine.arguments.dropFirst())
  guard let name = arguments.first, let target = FuzzEntry.Target(rawValue: name) else {
    FileHandle.standardError.write(Data("usage: lrlab-fuzz snippet|lesson|progress FILE…\n".utf8))
    exit(2)
  }
  var count = 0
  for path in arguments.dropFirst() {
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    let files =
      isDirectory.boolValue
      ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map {
        path + "/" + $0
      } : [path]
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else { continue }
      FuzzEntry.run(target, data)
      count += 1
    }
  }
  print("\(count) inputs ran through \(name) without a failure")
#endif
