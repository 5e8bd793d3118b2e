import Schedulers
import XCTest

@testable import TorchSnippet

/// Builds `source`, failing the test (with the rendered error) when it does not build.
func build(
  _ source: String, _ context: SnippetContext = SnippetContext(), file: StaticString = #filePath,
  line: UInt = #line
) -> BuiltSchedule? {
  do {
    return try SnippetProgram.parse(source).build(context)
  } catch {
    XCTFail("did not build:\n\(error.rendered())", file: file, line: line)
    return nil
  }
}

/// The error `source` raises when parsed or built (nil when it builds).
func buildError(_ source: String, _ context: SnippetContext = SnippetContext()) -> SnippetError? {
  do {
    _ = try SnippetProgram.parse(source).build(context)
    return nil
  } catch {
    return error
  }
}

/// The error `source` raises when only parsed.
func parseError(_ source: String) -> SnippetError? {
  do {
    _ = try SnippetProgram.parse(source)
    return nil
  } catch {
    return error
  }
}

/// Evaluates one expression of the subset at the top level.
func evaluate(_ expression: String) throws(SnippetError) -> PyValue {
  let source = "x = " + expression
  let program = try SnippetProgram.parse(source)
  guard case .assign(_, let value) = program.statements[0].kind else {
    throw SnippetError("not an assignment", line: 1, column: 1)
  }
  let builder = SnippetBuilder(lines: SourceLines(source), context: SnippetContext())
  return try builder.evaluator.evaluate(value)
}

/// The lr column of `steps` steps.
func lrs(_ built: BuiltSchedule, steps: Int, group: Int = 0) -> [Double] {
  ScheduleRunner.run(built, steps: steps).rows.map { $0.lr[group] }
}
