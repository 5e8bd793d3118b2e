import Foundation
import Markdown
import XCTest

@testable import Lessons

/// The expect language, quantities, numeric-quiz tolerances and sources.
final class ExpectTests: XCTestCase {
  let at = SourcePosition(line: 3, column: 5)

  func parse(_ text: String) -> Expectation? {
    if case .success(let e) = Expectation.parse(text, at: at) { return e }
    return nil
  }

  func problem(_ text: String) -> Expectation.Problem? {
    if case .failure(let p) = Expectation.parse(text, at: at) { return p }
    return nil
  }

  /// An outcome: constant rate `lr` for `steps` steps (8 an epoch), val loss per epoch.
  func outcome(lrs: [Double], val: [Double], diverged: Int? = nil) -> LabRunOutcome {
    LabRunOutcome(
      model: "sine", stepsPerEpoch: 2, plannedSteps: lrs.count, lrs: [lrs],
      trainLoss: lrs.map { _ in 1 },
      epochs: val.enumerated().map {
        .init(
          epoch: $0.offset, lastStep: 2 * $0.offset + 1, trainLoss: 1, validationLoss: $0.element,
          taskALoss: nil)
      }, divergedAtStep: diverged, finalTrainLoss: 1, bestTrainLoss: 1,
      finalValidationLoss: val.last, bestValidationLoss: val.min(), bestValidationEpoch: nil,
      finalTaskALoss: nil)
  }

  func holds(_ text: String, _ o: LabRunOutcome, other: LabRunOutcome? = nil) -> Bool {
    guard let e = parse(text) else {
      XCTFail("does not parse: \(text)")
      return false
    }
    return e.holds { name, args, lab in
      ExpectQuantities.named(name)?.value(lab == nil ? o : (other ?? o), args)
    }
  }

  func testTheFormsTheCourseUses() {
    let o = outcome(lrs: [0.1, 0.1, 0.05, 0.05, 0.025, 0.025], val: [1.0, 0.5, 0.2])
    XCTAssertTrue(holds("final_lr < 0.03", o))
    XCTAssertFalse(holds("final_lr < 0.02", o))
    XCTAssertTrue(holds("0.02 < final_lr < 0.03", o))
    XCTAssertFalse(holds("0.03 < final_lr < 0.04", o))
    XCTAssertTrue(holds("lr_at_epoch(1) == 0.05", o))
    XCTAssertTrue(holds("lr_at_step(2) == 0.05", o))
    XCTAssertTrue(holds("max_lr == 0.1", o))
    XCTAssertTrue(holds("peak_step == 0", o))
    XCTAssertTrue(holds("lr_changes == 2", o))
    XCTAssertTrue(holds("diverges: false", o))
    XCTAssertTrue(holds("not diverges", o))
    XCTAssertFalse(holds("diverges", o))
    XCTAssertTrue(holds("final_val_loss * 5 == val_loss_at_epoch(0)", o))
    XCTAssertTrue(holds("best_val_loss < 25% * val_loss_at_epoch(0)", o))
    XCTAssertTrue(holds("steps_to_val_loss(0.5) == 4", o))
    XCTAssertTrue(holds("steps_to_val_loss(0.01) > 1e9", o), "never reached: +infinity")
    XCTAssertTrue(holds("(final_lr + 0.025) / 2 == 0.025", o))
    // No value (no divergence) fails any comparison.
    XCTAssertFalse(holds("diverged_at_step < 100", o))
    XCTAssertFalse(holds("diverged_at_step > 100", o))
    let blew = outcome(lrs: [0.3, 0.3, 0.3], val: [2], diverged: 2)
    XCTAssertTrue(holds("diverges: true", blew))
    XCTAssertTrue(holds("diverged_at_step == 2", blew))
    XCTAssertTrue(holds("lr_at_divergence == 0.3", blew))
  }

  func testComparisonsWithAnotherLab() {
    let mine = outcome(lrs: [0.1], val: [0.1])
    let other = outcome(lrs: [0.1], val: [0.4])
    XCTAssertTrue(holds("final_val_loss < lab:other.final_val_loss", mine, other: other))
    XCTAssertTrue(holds("lab:other.final_val_loss > 3 * final_val_loss", mine, other: other))
    XCTAssertFalse(holds("lab:other.final_val_loss > 5 * final_val_loss", mine, other: other))
    XCTAssertEqual(parse("lab:no-warmup.final_lr > final_lr")?.referencedLabs, ["no-warmup"])
  }

  func testSeedCounts() {
    let e = parse("diverges on 4/5 seeds")
    XCTAssertEqual(e?.requiredSeeds, 4)
    XCTAssertEqual(e?.seedCount, 5)
    XCTAssertNil(parse("final_lr < 1")?.seedCount)
    XCTAssertNotNil(problem("diverges on 6/5 seeds"))
    XCTAssertNotNil(problem("diverges on 4 seeds"))
  }

  func testBadSyntaxAndUnknownNamesPointAtTheirColumn() {
    XCTAssertEqual(
      problem("final_lrr < 3"),
      .init(message: "unknown quantity 'final_lrr'; did you mean 'final_lr'?", offset: 0))
    XCTAssertEqual(
      problem("final_lr < "), .init(message: "the expectation ends too early", offset: 11))
    XCTAssertEqual(problem("final_lr = 3")?.offset, 9)
    XCTAssertEqual(problem("final_lr")?.offset, 8)
    XCTAssertEqual(
      problem("lr_at_step < 3")?.message, "'lr_at_step' needs one argument: lr_at_step(step)")
    XCTAssertEqual(problem("final_lr(2) < 3")?.message, "'final_lr' takes no arguments")
    XCTAssertNotNil(problem("final_lr: true"), "only yes/no quantities take true/false")
    XCTAssertNotNil(problem("0.1 < final_lr > 0.2"), "a range must point one way")
    XCTAssertNotNil(problem("final_lr < 1 and more"))
    XCTAssertNotNil(problem("lab:.final_lr < 1"))
  }

  func testLessonCheckReportsExpectErrorsAtFileLineColumn() {
    let text = """
      ---
      id: t
      title: T
      order: 1
      format_version: 1
      ---

      ```lab id=a model=sine epochs=3
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)
      ```

      ```expect
      - final_lr < 1
      - "task_a_loss < 1"
      - final_lr < lab:b.final_lr
      - final_lr < lab:bb.final_lr
      - final_lrr < 1
      ```

      ```lab id=bbb model=sine epochs=3
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)
      ```

      """
    let lesson = LessonParser.parse(contents: text, file: "t.md")
    XCTAssertEqual(
      lesson.diagnostics.map(\.description).sorted(),
      [
        "t.md:15:4: error: 'task_a_loss' exists only on the finetune model (lab 'a' trains 'sine')",
        "t.md:16:3: error: no lab 'b' in this lesson",
        "t.md:17:3: error: no lab 'bb' in this lesson; did you mean 'lab:bbb'?",
        "t.md:18:3: error: expect 'final_lrr < 1': unknown quantity 'final_lrr'; did you mean 'final_lr'?",
      ])
    XCTAssertEqual(lesson.labs[0].expects.count, 4)
  }

  func testSignificantDigitsAcceptWhatTheQuestionAsksFor() {
    let tol = QuizParser.significantDigitsTolerance(0.03486784401, digits: 6)
    for ok in [0.0348678, 0.03486784, 0.034867844, 0.0348679] {
      XCTAssertLessThanOrEqual(abs(ok - 0.03486784401), tol, "\(ok)")
    }
    for bad in [0.034867, 0.0348670, 0.03487] {
      XCTAssertGreaterThan(abs(bad - 0.03486784401), tol, "\(bad)")
    }
  }

  func testNumericSourcesAreRecomputedWithTheRealSchedulers() {
    let code = """
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=5)
      """
    let call = LessonTest.snippetQuantity(
      code: code, .quantity(name: "first_change_step", arguments: [], lab: nil), steps: 20,
      trainLoaderLength: 8, epochs: 10, metric: 1.0)
    XCTAssertEqual(try call.get(), 7)
    let exp = LessonTest.snippetQuantity(
      code: """
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
        """, .quantity(name: "lr_at_step", arguments: [10], lab: nil), steps: 10,
      trainLoaderLength: 8, epochs: 10, metric: nil)
    XCTAssertEqual(try exp.get(), 0.1 * pow(0.9, 10), accuracy: 1e-15)
  }

  /// Lessons/README.md documents every quantity of the one table, and nothing else.
  func testTheReadmeListsEveryQuantity() throws {
    guard let dir = LessonLocator.bundledDirectory() else { throw XCTSkip("no Lessons/") }
    let readme = try String(
      contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)
    let rows = readme.split(separator: "\n").filter {
      $0.hasSuffix("|") && ($0.contains("| schedule |") || $0.contains("| run |"))
    }
    let documented = rows.compactMap { row -> String? in
      guard let open = row.firstIndex(of: "`"),
        let close = row[row.index(after: open)...].firstIndex(of: "`")
      else { return nil }
      return String(row[row.index(after: open)..<close])
    }
    XCTAssertEqual(documented, ExpectQuantities.all.map(\.signature))
    for (row, q) in zip(rows, ExpectQuantities.all) {
      XCTAssertTrue(row.contains(q.summary), "README row for \(q.name) says: \(row)")
    }
  }

  func testDidYouMeanForClassesKeywordsOptionsAndBlockNames() {
    let text = """
      ---
      id: d
      title: D
      order: 1
      format_version: 1
      ---

      ```lab id=a model=sine epochs=3
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.StepLRR(optimizer, step_size=1)
      ```

      ```lab id=b modle=sine epochs=3 step-every=epochs
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_sise=1)
      ```

      ```qiuz
      id: q
      ```

      ```quiz
      id: q2
      question: Which?
      choices:
        - text: A # cut here
          correct: "true"
        - text: B
      ```

      """
    let messages = LessonParser.parse(contents: text, file: "d.md").diagnostics.map(\.description)
    for expected in [
      "d.md:10:38: error: lab snippet: AttributeError: module 'torch.optim.lr_scheduler' has no attribute 'StepLRR'. Did you mean: 'StepLR'?",
      "d.md:13:13: warning: unknown lab option 'modle'; did you mean 'model'?",
      "d.md:13:33: error: lab option 'step-every' must be one of batch, epoch (got 'epochs'); did you mean 'epoch'?",
      "d.md:15:56: error: lab snippet: TypeError: StepLR.__init__() got an unexpected keyword argument 'step_sise'. Did you mean 'step_size'?",
      "d.md:18:1: error: unknown block '```qiuz'; did you mean '```quiz'? (as written, the learner sees its text as a code box)",
      "d.md:26:13: warning: ' #' starts a YAML comment, so this value stops at 'A'; put the whole value in quotes",
      "d.md:27:14: error: choice 'correct' is the quoted string \"true\", not a boolean; write correct: true without quotes",
    ] {
      XCTAssertTrue(messages.contains(expected), "missing: \(expected)\nin: \(messages)")
    }
  }

  func testMarkdownTheReaderShowsRawIsAWarningSayingWhatTheLearnerSees() {
    let text = """
      ---
      id: m
      title: M
      order: 1
      format_version: 1
      ---

      Some <b>bold</b>, an ![image](x.png), a [ref][r], a note[^1] and `<code>` (fine).
      <!-- a comment -->

      Setext
      ===

          indented code

      | a | b |
      |---|---|
      | 1 | 2 | 3 |

      - a list item

          continued under the item (fine)

      [r]: https://example.com
      """
    let messages = LessonParser.parse(contents: text, file: "m.md").diagnostics.map(\.description)
    XCTAssertEqual(
      messages,
      [
        "m.md:8:6: warning: HTML is not rendered: the learner sees the tag '<b>' as text",
        "m.md:8:22: warning: images are not shown: the learner sees '![…](…)' as text",
        "m.md:8:46: warning: reference links are not supported: the learner sees '[text][ref]' as text; use [text](url)",
        "m.md:8:57: warning: footnotes are not supported: the learner sees '[^…]' as text",
        "m.md:9:1: warning: HTML comments are not hidden: the learner sees '<!-- … -->' as text",
        "m.md:12:1: warning: setext headings ('===' under a line) are not supported: the learner sees the '=' line as text; use '# Heading'",
        "m.md:14:1: warning: indented code is not supported: the learner sees these lines as a plain paragraph; use a ``` fence",
        "m.md:18:1: warning: this table row has 3 cells but the header has 2: the learner sees the extra cells dropped",
        "m.md:24:1: warning: reference-link definitions are not supported: the learner sees this line as text; use [text](url)",
      ])
  }
}
