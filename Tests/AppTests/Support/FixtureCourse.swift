import App
import Foundation
import Lessons
import Markdown

/// A small course built from the model types (independent of the real Lessons/ and the parser):
/// every block kind, three quiz kinds, a lab, and a broken lesson.
enum FixtureCourse {
  static func p(_ line: Int) -> SourcePosition { SourcePosition(line: line, column: 1) }
  static func md(_ kind: BlockKind, _ line: Int = 1) -> LessonBlock {
    .markdown(Block(kind, at: p(line)))
  }
  static func text(_ s: String) -> [Inline] { [.text(s)] }

  static let singleQuiz = Quiz(
    id: "steplr/baseline",
    question: [.text("Which scheduler halves the LR every 10 epochs for a simple baseline?")],
    answer: .choices([
      QuizChoice(
        text: text("CosineAnnealingLR"), isCorrect: false,
        explanation: text("It follows a smooth cosine curve.")),
      QuizChoice(
        text: [.code("StepLR")], isCorrect: true,
        explanation: text("step_size=10, gamma=0.5 does exactly this.")),
      QuizChoice(text: text("ReduceLROnPlateau"), isCorrect: false),
      QuizChoice(text: text("OneCycleLR"), isCorrect: false),
    ]),
    explanation: text("StepLR multiplies the LR by gamma every step_size epochs."),
    hints: [text("Look for the scheduler named after the shape of its curve."), text("Stairs.")],
    position: p(30))

  static let multiQuiz = Quiz(
    id: "steplr/decays",
    question: text("Which of these lower the LR over time?"),
    answer: .choices([
      QuizChoice(text: text("StepLR"), isCorrect: true),
      QuizChoice(text: text("ConstantLR after its factor ends"), isCorrect: false),
      QuizChoice(text: text("ExponentialLR"), isCorrect: true),
    ]),
    explanation: nil, hints: [], position: p(40))

  static let numericQuiz = Quiz(
    id: "steplr/after-20",
    question: text(
      "With lr=0.1 and StepLR(step_size=10, gamma=0.5), what is the LR after 20 epochs?"),
    answer: .numeric(value: 0.025, tolerance: 1e-9),
    explanation: [.text("Two halvings: 0.1 × 0.5².")], hints: [text("Count the drops.")],
    position: p(50))

  static let lab = Lab(
    id: "steplr/steplr", title: "StepLR halves the LR every 10 epochs",
    code: "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n"
      + "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)\n",
    options: ["model": "sine", "epochs": "30"], expectations: [], position: p(60))

  static let stepLesson = Lesson(
    id: "steplr", title: "StepLR: the staircase", order: 10, formatVersion: 1, prerequisites: [],
    summary: "Drop the LR by a factor every few epochs.", file: "Lessons/10-steplr.md",
    blocks: [
      md(
        .paragraph([
          .text("A "), .strong([.text("scheduler")]),
          .text(" changes the learning rate as training goes. "),
          .emphasis([.text("StepLR")]), .text(" multiplies it by "), .code("gamma"),
          .text(" every "), .code("step_size"), .text(" epochs — a staircase. See "),
          .link(text: [.text("the docs")], destination: "https://pytorch.org/docs"), .text("."),
        ])),
      md(.heading(level: 2, content: text("When to use it"))),
      md(
        .bulletList([
          ListItem(blocks: [Block(.paragraph(text("A simple, strong baseline.")), at: p(5))]),
          ListItem(blocks: [
            Block(.paragraph(text("When you know roughly when progress stalls.")), at: p(6))
          ]),
          ListItem(
            checked: true, blocks: [Block(.paragraph(text("Read the PyTorch source")), at: p(7))]),
        ])),
      md(
        .code(
          FencedCode(
            language: "python", arguments: "",
            text: "for epoch in range(30):\n    train_one_epoch()\n    scheduler.step()\n",
            fencePosition: p(9), contentLine: 10))),
      .quiz(singleQuiz),
      md(.heading(level: 2, content: text("The numbers"))),
      md(
        .table(
          Table(
            alignments: [.left, .right],
            header: [text("epoch"), text("lr")],
            rows: [
              [text("0–9"), text("0.1")], [text("10–19"), text("0.05")],
              [text("20–29"), text("0.025")],
            ]))),
      md(.quote([Block(.paragraph(text("Step after the optimizer, never before.")), at: p(20))])),
      .quiz(multiQuiz),
      .quiz(numericQuiz),
      md(.heading(level: 2, content: text("Try it"))),
      .lab(lab),
      .checkpoint(
        Checkpoint(
          id: "steplr/ran", text: text("Run StepLR in the lab."), requires: ["ran:StepLR"],
          position: p(70))),
      .checkpoint(
        Checkpoint(
          id: "steplr/chart", text: text("Read the staircase off the LR chart."),
          requires: ["viewed:lr-plot"], position: p(71))),
      .checkpoint(
        Checkpoint(
          id: "steplr/own-lab", text: text("Run this lesson's lab to its end."),
          requires: ["ran-lab:steplr/steplr"], position: p(72))),
      md(
        .orderedList(
          start: 1,
          items: [
            ListItem(blocks: [
              Block(.paragraph(text("Pick step_size from your epoch budget.")), at: p(72))
            ]),
            ListItem(blocks: [
              Block(.paragraph(text("Pick gamma so the last LR is small enough.")), at: p(73))
            ]),
          ])),
      md(.thematicBreak),
      md(.paragraph(text("Next: cosine annealing, the smooth version. 日本語 wide text works too."))),
    ],
    diagnostics: [])

  static let introLesson = Lesson(
    id: "intro", title: "Why schedule the learning rate?", order: 1, formatVersion: 1,
    prerequisites: [],
    summary: "The fine-tuning story, and what a scheduler does.", file: "Lessons/01-intro.md",
    blocks: [
      md(
        .paragraph(
          text(
            "You fine-tune a model; a constant LR either crawls or forgets. A schedule does both: fast first, careful later."
          )))
    ],
    diagnostics: [])

  static let brokenLesson = Lesson(
    id: "broken", title: "A lesson with a mistake", order: 90, formatVersion: 1, prerequisites: [],
    summary: nil, file: "Lessons/90-broken.md",
    blocks: [md(.paragraph(text("Half a lesson.")))],
    diagnostics: [
      Diagnostic(
        file: "Lessons/90-broken.md", position: SourcePosition(line: 12, column: 3),
        severity: .error,
        message: "quiz 'q1' has no correct choice")
    ])

  static let course = CourseSnapshot(lessons: [introLesson, stepLesson, brokenLesson])

  static func model(
    width: Int = 80, height: Int = 24, capabilities: DisplayCapabilities = .full,
    progress: LearnerProgress = LearnerProgress()
  ) -> AppModel {
    AppModel(
      course: course, progress: progress, capabilities: capabilities, width: width, height: height)
  }

  /// A progress file meeting two of the StepLR lesson's three checkpoints (by its events, as
  /// an imported file may), with the first quiz answered wrong.
  static var twoCheckpoints: LearnerProgress {
    var progress = LearnerProgress()
    let date = Date(timeIntervalSince1970: 1_800_000_000)
    progress.recordOpened(lessonID: "steplr", at: date)
    progress.recordEvent("ran:StepLR", at: date)
    progress.recordEvent("viewed:lr-plot", at: date)
    progress.recordQuiz(
      id: "steplr/baseline", choices: [0], result: QuizResult(isCorrect: false), at: date)
    return progress
  }

  static let previewData = SchedulePreviewData(
    className: "StepLR", groupNames: ["group 0"],
    lrs: [(0..<30).map { 0.1 * pow(0.5, Double($0 / 10)) }])
}
