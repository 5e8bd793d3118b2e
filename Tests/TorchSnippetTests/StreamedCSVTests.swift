import FastFormat
import TorchSnippet
import XCTest

/// The streamed schedule CSV is byte for byte the trace's CSV.
final class StreamedCSVTests: XCTestCase {
  func check(_ snippet: String, steps: Int, metrics: [Double] = []) throws {
    let trace = ScheduleRunner.run(
      try SnippetProgram.parse(snippet).build(), steps: steps, metrics: metrics)
    let out = ByteOutput()
    let failure = ScheduleRunner.writeCSV(
      try SnippetProgram.parse(snippet).build(), steps: steps, metrics: metrics, to: out)
    XCTAssertEqual(out.string(), trace.csv(), snippet)
    XCTAssertEqual(failure, trace.failure)
  }

  func testStreamedCSVEqualsTheTraceCSV() throws {
    try check("scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=101)", steps: 100)
    try check(
      "scheduler = CyclicLR(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=7)", steps: 40)
    try check("scheduler = StepLR(optimizer, step_size=3, gamma=0.1)", steps: 400)
    try check(
      "scheduler = ReduceLROnPlateau(optimizer, patience=1)", steps: 12, metrics: [1, 1, 1, 0.5])
    try check(
      """
      optimizer = SGD([{"params": model.backbone.parameters(), "lr": 0.01}, {"params": model.head.parameters()}], lr=0.1, momentum=0.9)
      scheduler = OneCycleLR(optimizer, max_lr=[0.01, 0.1], total_steps=30)
      """, steps: 29)
    // OneCycleLR stepped past its end raises: the rows before it, and the same failure.
    try check("scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=10)", steps: 20)
  }
}
