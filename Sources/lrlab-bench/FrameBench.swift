import App
import ArgumentParser
import Foundation
import Lessons
import TerminalUI

/// `lrlab-bench frame`: the cost of one lesson-reader frame at 200×60 — building it (`view`)
/// and diffing it against the previous frame (`Buffer.changes`), as the backend does per frame.
/// Idle CPU of the running app is measured by scripts/idle-cpu.sh (it needs a terminal).
struct FrameBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "frame", abstract: "Time to build and diff one lesson-reader frame at 200×60.")

  @Option(help: "Frames to time.") var frames = 2000
  @Option(help: "Terminal width.") var width = 200
  @Option(help: "Terminal height.") var height = 60

  func run() throws {
    let lesson = LessonParser.parse(contents: Self.lessonText, file: "bench.md")
    var model = AppModel(
      course: CourseSnapshot(lessons: [lesson]), capabilities: .full, width: width, height: height)
    let layoutStart = DispatchTime.now().uptimeNanoseconds
    _ = update(&model, .key(.enter))  // opens the lesson: lays it out for the width
    let layoutNs = DispatchTime.now().uptimeNanoseconds - layoutStart
    guard case .reader(let reader) = model.top else {
      throw ValidationError("the lesson did not open")
    }

    var previous = Buffer(width: width, height: height)
    var current = Buffer(width: width, height: height)
    view(model, into: &previous)
    var viewNs: [UInt64] = []
    var diffNs: [UInt64] = []
    var changedCells = 0
    for i in 0..<frames {
      // Scroll one line down (then back up at the end) so every frame differs.
      _ = update(&model, .key(i % 200 < 100 ? .down : .up))
      let t0 = DispatchTime.now().uptimeNanoseconds
      view(model, into: &current)
      let t1 = DispatchTime.now().uptimeNanoseconds
      let changes = current.changes(from: previous)
      let t2 = DispatchTime.now().uptimeNanoseconds
      changedCells += changes.reduce(0) { $0 + $1.cells.count }
      viewNs.append(t1 - t0)
      diffNs.append(t2 - t1)
      swap(&previous, &current)
    }
    func ms(_ ns: UInt64) -> String { String(format: "%.3f ms", Double(ns) / 1e6) }
    func stats(_ xs: [UInt64]) -> String {
      let sorted = xs.sorted()
      let mean = xs.reduce(0, +) / UInt64(max(1, xs.count))
      return
        "median \(ms(sorted[sorted.count / 2]))  mean \(ms(mean))  p99 \(ms(sorted[sorted.count * 99 / 100]))"
    }
    print("lesson: \(reader.layout.lineCount) lines at \(width)x\(height); layout \(ms(layoutNs))")
    print("view (build frame): \(stats(viewNs))")
    print("diff (changes):     \(stats(diffNs))")
    print("total per frame:    \(stats(zip(viewNs, diffNs).map { $0 + $1 }))")
    print("changed cells per frame (mean): \(changedCells / max(1, frames))")
  }

  /// A long lesson with every block kind (the bench must not depend on the course's files).
  static let lessonText: String = {
    var text = """
      ---
      id: bench
      title: A long lesson for the frame benchmark
      order: 1
      format_version: 1
      summary: Every block kind, repeated.
      ---
      # A long lesson for the frame benchmark

      """
    for i in 1...12 {
      text += """

        ## Section \(i): StepLR, *cosine* and **warmup**

        A scheduler changes the learning rate as training goes: `StepLR` multiplies it by `gamma` every `step_size` epochs, while [cosine annealing](https://pytorch.org/docs) follows a smooth curve down to `eta_min`. Warmup starts small and grows.

        - step after the optimizer, never before;
        - per batch for `OneCycleLR`, per epoch for most others;
          - nested: with `steps_per_epoch=len(train_loader)`.

        | scheduler | shape | steps |
        |:----------|:-----:|------:|
        | StepLR | staircase | epoch |
        | OneCycleLR | up then down | batch |

        ```python
        for epoch in range(30):
            for x, y in loader:
                optimizer.step()
            scheduler.step()
        ```

        ```quiz
        id: q\(i)
        question: Which scheduler halves the LR every 10 epochs?
        choices:
          - text: StepLR
            correct: true
          - text: CosineAnnealingLR
        ```

        ```lab id=lab\(i) model=sine epochs=30
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)
        ```

        > Stepping the scheduler first skips the first LR. 日本語のテキストも。

        """
    }
    return text
  }()
}
