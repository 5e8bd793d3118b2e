// swift-tools-version: 6.0
import PackageDescription

// The simulator's cores compile optimised in every build, debug included: the statistical
// tests against PyTorch (Training) and the lessons' lab checks train thousands of steps, and
// unoptimised Swift is ~50× slower there. `-O` comes after SwiftPM's `-Onone`, so it wins;
// `-enable-testing` is still passed, so `@testable import` keeps working.
let optimisedEvenInDebug: [SwiftSetting] = [.unsafeFlags(["-O"])]
// The per-row hot paths (a scheduler's step, a number into the output buffer) live in small
// classes whose every property access paid a dynamic exclusivity check — about 16 % of a
// million-row `schedule --format csv`. These two targets never overlap accesses (the tests
// run with checks on in the other targets that drive them), so the checks are off here.
let uncheckedExclusivity = "-enforce-exclusivity=unchecked"

// Pure cores (no I/O except where named), one app in the middle, one thin terminal edge.
let package = Package(
  name: "lrlab",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "lrlab", targets: ["lrlab"]),
    .library(name: "Schedulers", targets: ["Schedulers"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
  ],
  targets: [
    // torch.optim.lr_scheduler, PyTorch-exact. No I/O.
    .target(name: "Schedulers", swiftSettings: [.unsafeFlags(["-O", uncheckedExclusivity])]),
    // Numbers to text fast (the runtime's shortest round-trip digits), streamed to a file.
    .target(name: "FastFormat", swiftSettings: [.unsafeFlags([uncheckedExclusivity])]),
    // The PyTorch subset people paste, read into schedulers and optimizer configs.
    .target(
      name: "TorchSnippet",
      dependencies: ["Schedulers", "FastFormat", .product(name: "BigInt", package: "BigInt")]),
    // `lrlab doctor`: a whole training script's loop, read (never run) and checked.
    .target(name: "Doctor", dependencies: ["TorchSnippet", "Schedulers", "Markdown"]),
    // Toy models, SGD/Adam(W), the training loop, the LR range test.
    .target(
      name: "Training", dependencies: ["Schedulers", "TorchSnippet", "FastFormat"],
      swiftSettings: optimisedEvenInDebug),
    // The Markdown subset: typed model, parser, sanitiser. Shared by Lessons and TerminalUI.
    .target(name: "Markdown"),
    // Lesson files, quizzes, labs, linter, progress store.
    .target(
      name: "Lessons",
      dependencies: ["Markdown", "TorchSnippet", .product(name: "Yams", package: "Yams")]),
    // Cell buffer, text layout, widgets, braille charts. No ncurses here.
    .target(name: "TerminalUI", dependencies: ["Markdown"]),
    // Charts to keep: standalone SVG of schedules, runs, range tests and sweeps. No I/O.
    .target(name: "Plots", dependencies: ["TerminalUI", "TorchSnippet", "Training"]),
    .systemLibrary(
      name: "CNcursesw", pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]),
    // Model / Msg / update / view: every screen, pure.
    .target(
      name: "App",
      dependencies: [
        "TerminalUI", "Lessons", "Markdown", "Schedulers", "TorchSnippet", "Training", "Doctor",
        "Plots",
      ]),
    // The executable: CLI commands, the ncurses backend, the main loop.
    .executableTarget(
      name: "lrlab",
      dependencies: [
        "App", "TerminalUI", "Lessons", "Schedulers", "TorchSnippet", "Training", "CNcursesw",
        "Doctor", "Plots", "FastFormat",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // The fuzz entry points (snippet reader, lesson/Markdown parser, progress decoder), shared
    // by the libFuzzer build (scripts/fuzz.sh) and the property tests.
    .target(name: "FuzzTargets", dependencies: ["TorchSnippet", "Lessons", "Markdown"]),
    // `scripts/fuzz.sh` builds this with -sanitize=fuzzer; plainly built, it replays inputs.
    .executableTarget(name: "lrlab-fuzz", dependencies: ["FuzzTargets"]),
    // Benchmarks: `swift run -c release lrlab-bench …`. Not tests.
    .executableTarget(
      name: "lrlab-bench",
      dependencies: [
        "App", "TerminalUI", "Lessons", "Schedulers", "TorchSnippet", "Training", "GoldenFixtures",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // The PyTorch golden sequences, shared by the scheduler and snippet tests.
    .target(
      name: "GoldenFixtures", dependencies: ["Training"], path: "Tests/GoldenFixtures",
      resources: [
        .copy("torch_schedules.json"), .copy("hf_schedules.json"), .copy("hf_extra_schedules.json"),
        .copy("torch_toy_sine.json"), .copy("README.md"),
      ]),
    .testTarget(name: "SchedulersTests", dependencies: ["Schedulers", "GoldenFixtures"]),
    .testTarget(
      name: "TorchSnippetTests",
      dependencies: ["TorchSnippet", "Schedulers", "GoldenFixtures", "FastFormat"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "DoctorTests", dependencies: ["Doctor", "TorchSnippet", "Lessons"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "TrainingTests",
      dependencies: ["Training", "Schedulers", "TorchSnippet", "GoldenFixtures"]),
    .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
    .testTarget(name: "FastFormatTests", dependencies: ["FastFormat"]),
    .testTarget(
      name: "PlotsTests", dependencies: ["Plots", "Training", "TorchSnippet", "TerminalUI"]),
    .testTarget(
      name: "LessonsTests", dependencies: ["Lessons", "Markdown"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "Markdown"]),
    .testTarget(
      name: "AppTests", dependencies: ["App", "TerminalUI", "Lessons"],
      resources: [.copy("Golden")]),
    .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets", "Lessons"]),
    // Drives the built binary: the CLI contracts, and the TUI inside tmux.
    .testTarget(name: "EndToEndTests", dependencies: ["lrlab"]),
  ]
)
