import Doctor
import TerminalUI
import XCTest

@testable import App

/// A whole training script in the Lab: the doctor's findings beside the code, and the run
/// stepped as the script steps it.
final class LabDoctorTests: XCTestCase {
  let script = """
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, epochs=num_epochs, steps_per_epoch=len(train_loader))
    for epoch in range(12):
        for x, y in train_loader:
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        scheduler.step()
        print(scheduler.get_last_lr())
    """

  func testTheLabStepsTheScheduleAsTheScriptDoes() {
    var config = LabConfig()
    config.stepEvery = .batch
    let stepped = LabDoctor.stepping(config, code: script)
    XCTAssertEqual(stepped.stepEvery, .epoch)
    XCTAssertEqual(stepped.epochs, 12)
    XCTAssertEqual(stepped.mistake, .onecyclePerEpoch)
    let first = script.replacingOccurrences(
      of: "        optimizer.step()\n    scheduler.step()",
      with: "        optimizer.step()\n        scheduler.step()"
    )
    .replacingOccurrences(
      of: "    for x, y in train_loader:",
      with: "    scheduler.step()\n    for x, y in train_loader:")
    let order = LabDoctor.stepping(config, code: first)
    XCTAssertEqual(order.mistake, .schedulerFirst)
    // A bare snippet is not a script: left alone.
    let snippet = "scheduler = StepLR(optimizer, step_size=10)"
    XCTAssertEqual(LabDoctor.stepping(config, code: snippet), config)
  }

  func testPastedScriptShowsTheFindingBesideItsLineAndRunsPerEpoch() {
    var d = LabDriver(engine: .standard, width: 120, height: 40)
    d.key("e")
    // Select all of the old code away, then paste the script key by key.
    for _ in 0..<400 { d.key(.backspace) }
    for _ in 0..<400 { d.key(.delete) }
    for line in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.offset > 0 { d.key(.enter) }
      d.keys(String(line.element))
    }
    d.key(.escape)
    XCTAssertNil(d.lab.editor, d.lab.editor?.problem?.message ?? "")
    XCTAssertEqual(d.lab.config.effectiveStepEvery(), .epoch)
    let text = render(d.model).plainText()
    XCTAssertTrue(text.contains("E     scheduler.step()"), text)
    XCTAssertTrue(text.contains("error [per-batch-scheduler-stepped-per-epoch]"), text)
    XCTAssertTrue(d.lab.loopSummary.contains("every epoch"), d.lab.loopSummary)
  }
}
