import Foundation
import Markdown
import TorchSnippet

/// `lrlab lessons test`: runs every lab of a course on several seeds (through `runLab`, which
/// the app provides: the Lab's own start and simulator), checks every `expect`, and
/// recomputes every numeric quiz that names its source.
public enum LessonTest {
  /// Runs one lab on one seed to its end; the error is why the Lab could not run it.
  public typealias LabRunner = @Sendable (Lab, Int) -> Result<LabRunOutcome, LabRunError>

  public struct LabRunError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
  }

  public struct SeedResult: Sendable, Equatable {
    public var seed: Int
    public var passed: Bool
    /// The value of the expect's first quantity on this seed (nil: none, or the lab failed).
    public var value: Double?
    /// "final_lr = 0.0051" (every quantity it names), or why the run failed.
    public var detail: String
  }

  public struct ExpectResult: Sendable, Equatable {
    public var file: String
    public var position: SourcePosition
    /// The lab's full id ("lesson/lab").
    public var lab: String
    public var text: String
    public var passed: Bool
    /// Seeds that must hold (`on K/N seeds`; else all).
    public var required: Int
    public var seeds: [SeedResult]

    /// `FILE:LINE:COL: error: expect 'final_lr < 0.004' failed on seed 3: final_lr = 0.0051`.
    public var failureLine: String? {
      guard !passed else { return nil }
      let failed = seeds.filter { !$0.passed }
      let head = "\(file):\(position.line):\(position.column): error: expect '\(text)' failed"
      guard let first = failed.first else { return head }
      if required < seeds.count {
        let held = seeds.count - failed.count
        return head
          + " on \(failed.count) of \(seeds.count) seeds (held on \(held), needs \(required)); seed \(first.seed): \(first.detail)"
      }
      var line = head + " on seed \(first.seed): \(first.detail)"
      if failed.count > 1 {
        line +=
          " (also on seed\(failed.count > 2 ? "s" : "") "
          + failed.dropFirst().map { String($0.seed) }.joined(separator: ", ") + ")"
      }
      return line
    }
  }

  public struct QuizResult: Sendable, Equatable {
    public var file: String
    public var position: SourcePosition
    public var id: String
    public var passed: Bool
    public var answer: Double
    public var computed: Double?
    public var tolerance: Double
    public var message: String?

    public var failureLine: String? {
      guard !passed else { return nil }
      let head = "\(file):\(position.line):\(position.column): error: quiz '\(id)'"
      if let message { return head + ": \(message)" }
      return head
        + " answer \(Expectation.format(answer)) is wrong: the source computes \(computed.map { "\($0)" } ?? "nothing") (tolerance \(Expectation.format(tolerance)))"
    }
  }

  public struct Report: Sendable, Equatable {
    public var expects: [ExpectResult]
    public var quizzes: [QuizResult]
    /// Problems that stop the test: the course does not load, a lesson is broken.
    public var problems: [Diagnostic]
    public var passed: Bool {
      problems.isEmpty && expects.allSatisfy(\.passed) && quizzes.allSatisfy(\.passed)
    }
    /// Numeric quizzes that do not name a source (reported, not failed).
    public var unsourcedQuizzes: [String]
    public var labRuns: Int
  }

  /// One job: a lab on one seed.
  struct Job: Hashable {
    var lab: String
    var seed: Int
  }

  /// The seeds of a lab: its own (`seed=`, else 0) and the next `count - 1`.
  public static func seeds(of lab: Lab, count: Int) -> [Int] {
    let base = lab.options["seed"].flatMap { Int($0) } ?? 0
    return (0..<max(1, count)).map { base + $0 }
  }

  /// Runs the course. `progress(done, total)` is called after each lab run (from any thread).
  public static func run(
    course: Course, seeds defaultSeeds: Int, runLab: @escaping LabRunner,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) -> Report {
    var problems = course.diagnostics.filter { $0.severity == .error }
    problems += course.lessons.flatMap(\.diagnostics).filter { $0.severity == .error }
    // Every (lab, seed) any expect or quiz needs, run once each.
    var labsByID: [String: Lab] = [:]
    var jobs: [Job] = []
    var seen: Set<Job> = []
    func need(_ lab: Lab, _ seed: Int) {
      let job = Job(lab: lab.id, seed: seed)
      if seen.insert(job).inserted { jobs.append(job) }
    }
    for lesson in course.lessons {
      let labs = Dictionary(lesson.labs.map { ($0.shortID, $0) }, uniquingKeysWith: { a, _ in a })
      for lab in lesson.labs {
        labsByID[lab.id] = lab
        if lab.expects.isEmpty { need(lab, seeds(of: lab, count: 1)[0]) }  // every lab runs
        for expect in lab.expects {
          let count = expect.seedCount ?? defaultSeeds
          for (i, seed) in seeds(of: lab, count: count).enumerated() {
            need(lab, seed)
            for other in expect.referencedLabs {
              if let o = labs[other] { need(o, seeds(of: o, count: count)[i]) }
            }
          }
        }
      }
      for quiz in lesson.quizzes {
        if let source = quiz.source, case .lab(let id, _) = source.kind, let lab = labs[id] {
          need(lab, seeds(of: lab, count: 1)[0])
        }
      }
    }
    let outcomes = runAll(jobs, labsByID, runLab, progress)
    var expects: [ExpectResult] = []
    var quizzes: [QuizResult] = []
    var unsourced: [String] = []
    for lesson in course.lessons {
      let labs = Dictionary(lesson.labs.map { ($0.shortID, $0) }, uniquingKeysWith: { a, _ in a })
      for lab in lesson.labs {
        for expect in lab.expects {
          let count = expect.seedCount ?? defaultSeeds
          var results: [SeedResult] = []
          for (i, seed) in seeds(of: lab, count: count).enumerated() {
            results.append(
              evaluate(expect, lab: lab, seed: seed, index: i, count: count, labs: labs, outcomes))
          }
          let required = expect.requiredSeeds ?? results.count
          let held = results.filter(\.passed).count
          expects.append(
            ExpectResult(
              file: lesson.file, position: expect.position, lab: lab.id, text: expect.text,
              passed: held >= required, required: required, seeds: results))
        }
      }
      for quiz in lesson.quizzes {
        guard case .numeric(let answer, let tolerance) = quiz.answer else { continue }
        guard let source = quiz.source else {
          unsourced.append(quiz.id)
          continue
        }
        let computed: Result<Double, LabRunError>
        switch source.kind {
        case .snippet(let code, let expr, let steps, let loader, let epochs, let metric):
          computed = snippetQuantity(
            code: code, expr, steps: steps, trainLoaderLength: loader, epochs: epochs,
            metric: metric)
        case .lab(let id, let expr):
          if let lab = labs[id] {
            let seed = seeds(of: lab, count: 1)[0]
            switch outcomes[Job(lab: lab.id, seed: seed)] ?? .failure(LabRunError("not run")) {
            case .failure(let e):
              computed = .failure(LabRunError("lab '\(id)' cannot run: \(e.message)"))
            case .success(let outcome):
              let value = Expectation.evaluate(expr) { name, args, _ in
                ExpectQuantities.named(name)?.value(outcome, args)
              }
              computed =
                value.map { .success($0) }
                ?? .failure(LabRunError("'\(Expectation.describe(expr))' has no value on this run"))
            }
          } else {
            computed = .failure(LabRunError("no lab '\(id)' in this lesson"))
          }
        }
        switch computed {
        case .success(let value):
          quizzes.append(
            QuizResult(
              file: lesson.file, position: source.position, id: quiz.id,
              passed: abs(value - answer) <= tolerance, answer: answer, computed: value,
              tolerance: tolerance, message: nil))
        case .failure(let e):
          quizzes.append(
            QuizResult(
              file: lesson.file, position: source.position, id: quiz.id, passed: false,
              answer: answer, computed: nil, tolerance: tolerance, message: e.message))
        }
      }
    }
    return Report(
      expects: expects, quizzes: quizzes, problems: problems, unsourcedQuizzes: unsourced,
      labRuns: jobs.count)
  }

  static func evaluate(
    _ expect: Expectation, lab: Lab, seed: Int, index: Int, count: Int, labs: [String: Lab],
    _ outcomes: [Job: Result<LabRunOutcome, LabRunError>]
  ) -> SeedResult {
    func outcome(_ name: String?) -> Result<LabRunOutcome, LabRunError> {
      guard let name else {
        return outcomes[Job(lab: lab.id, seed: seed)] ?? .failure(LabRunError("not run"))
      }
      guard let other = labs[name] else { return .failure(LabRunError("no lab '\(name)'")) }
      let s = seeds(of: other, count: count)[index]
      return outcomes[Job(lab: other.id, seed: s)] ?? .failure(LabRunError("not run"))
    }
    var failures: [String] = []
    var details: [String] = []
    var firstValue: Double?
    var firstSet = false
    let value: (String, [Double], String?) -> Double? = { name, args, labName in
      switch outcome(labName) {
      case .failure(let e):
        let which = labName.map { "lab '\($0)'" } ?? "the lab"
        let m = "\(which) cannot run: \(e.message)"
        if !failures.contains(m) { failures.append(m) }
        return nil
      case .success(let o):
        return ExpectQuantities.named(name)?.value(o, args)
      }
    }
    let passed = expect.holds(value)
    for ref in expect.references {
      let v = value(ref.name, ref.arguments, ref.lab)
      if !firstSet {
        firstValue = v
        firstSet = true
      }
      let label = Expectation.describe(
        .quantity(name: ref.name, arguments: ref.arguments, lab: ref.lab))
      let shown = v.map { q -> String in
        ExpectQuantities.named(ref.name)?.isBoolean == true
          ? (q == 1 ? "true" : "false") : Expectation.format(q)
      }
      let item = "\(label) = \(shown ?? "no value")"
      if !details.contains(item) { details.append(item) }
    }
    let detail =
      failures.isEmpty ? details.joined(separator: ", ") : failures.joined(separator: "; ")
    return SeedResult(seed: seed, passed: passed, value: firstValue, detail: detail)
  }

  /// Runs the jobs on every core; results by job.
  static func runAll(
    _ jobs: [Job], _ labs: [String: Lab], _ runLab: @escaping LabRunner,
    _ progress: (@Sendable (Int, Int) -> Void)?
  ) -> [Job: Result<LabRunOutcome, LabRunError>] {
    final class Results: @unchecked Sendable {
      let lock = NSLock()
      var values: [Result<LabRunOutcome, LabRunError>?]
      var done = 0
      init(_ n: Int) { values = Array(repeating: nil, count: n) }
    }
    let results = Results(jobs.count)
    let labList = jobs.map { labs[$0.lab] }
    let seeds = jobs.map(\.seed)
    let total = jobs.count
    DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
      let r: Result<LabRunOutcome, LabRunError> =
        labList[i].map { runLab($0, seeds[i]) } ?? .failure(LabRunError("no such lab"))
      results.lock.lock()
      results.values[i] = r
      results.done += 1
      let done = results.done
      results.lock.unlock()
      progress?(done, total)
    }
    var out: [Job: Result<LabRunOutcome, LabRunError>] = [:]
    for (i, job) in jobs.enumerated() { out[job] = results.values[i] }
    return out
  }

  /// A schedule quantity of a snippet stepped `steps` times as `lrlab schedule` steps it: the
  /// rows become the outcome's steps (row s: the rate after s calls).
  public static func snippetQuantity(
    code: String, _ expr: Expectation.Expr, steps: Int, trainLoaderLength: Int, epochs: Int,
    metric: Double?
  ) -> Result<Double, LabRunError> {
    let built: BuiltSchedule
    do {
      built = try SnippetProgram.parse(code).build(
        SnippetContext(trainLoaderLength: trainLoaderLength, numEpochs: epochs))
    } catch {
      return .failure(LabRunError("the source snippet cannot run: \(error.message)"))
    }
    let trace = ScheduleRunner.run(built, steps: steps, metrics: metric.map { [$0] } ?? [])
    if let failure = trace.failure {
      return .failure(
        LabRunError("the source snippet raises at step \(failure.step): \(failure.error)"))
    }
    let groups = max(1, trace.groupCount)
    let outcome = LabRunOutcome(
      model: "schedule", stepsPerEpoch: 1, plannedSteps: steps,
      lrs: (0..<groups).map { g in trace.rows.map { g < $0.lr.count ? $0.lr[g] : .nan } },
      trainLoss: [], epochs: [], divergedAtStep: nil, finalTrainLoss: nil, bestTrainLoss: nil,
      finalValidationLoss: nil, bestValidationLoss: nil, bestValidationEpoch: nil,
      finalTaskALoss: nil)
    let value = Expectation.evaluate(expr) { name, args, _ in
      ExpectQuantities.named(name)?.value(outcome, args)
    }
    return value.map { .success($0) }
      ?? .failure(LabRunError("'\(Expectation.describe(expr))' has no value on this schedule"))
  }

  /// `{"passed", "expects": [{"file", "line", "lab", "text", "passed", "seeds": [{"seed",
  /// "passed", "value"}]}], "quizzes": [{"file", "line", "id", "passed", "answer",
  /// "computed"}]}` (plus `column`, `detail` per seed, `problems`).
  public static func json(_ report: Report) -> String {
    func number(_ v: Double?) -> Any {
      guard let v, v.isFinite else { return NSNull() }
      return v
    }
    let object: [String: Any] = [
      "passed": report.passed,
      "expects": report.expects.map { e -> [String: Any] in
        [
          "file": e.file, "line": e.position.line, "column": e.position.column, "lab": e.lab,
          "text": e.text, "passed": e.passed,
          "seeds": e.seeds.map { s -> [String: Any] in
            ["seed": s.seed, "passed": s.passed, "value": number(s.value), "detail": s.detail]
          },
        ]
      },
      "quizzes": report.quizzes.map { q -> [String: Any] in
        [
          "file": q.file, "line": q.position.line, "column": q.position.column, "id": q.id,
          "passed": q.passed, "answer": q.answer, "computed": number(q.computed),
        ]
      },
      "problems": report.problems.map(\.description),
    ]
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// "62 expects held on 5 seeds each, 15 numeric quizzes verified (310 lab runs)" or the
  /// failure counts.
  public static func summary(_ report: Report) -> String {
    let failedExpects = report.expects.filter { !$0.passed }.count
    let failedQuizzes = report.quizzes.filter { !$0.passed }.count
    func plural(_ n: Int, _ word: String) -> String {
      "\(n) \(word)\(n == 1 ? "" : (word.hasSuffix("quiz") ? "zes" : "s"))"
    }
    var parts = [
      "\(plural(report.expects.count, "expect")): \(report.expects.count - failedExpects) held, \(failedExpects) failed",
      "\(plural(report.quizzes.count, "verified quiz")): \(report.quizzes.count - failedQuizzes) right, \(failedQuizzes) wrong",
    ]
    if !report.unsourcedQuizzes.isEmpty {
      parts.append("\(plural(report.unsourcedQuizzes.count, "numeric quiz")) without a source")
    }
    if !report.problems.isEmpty { parts.append(plural(report.problems.count, "lesson error")) }
    return parts.joined(separator: "; ") + " (\(plural(report.labRuns, "lab run")))"
  }
}
