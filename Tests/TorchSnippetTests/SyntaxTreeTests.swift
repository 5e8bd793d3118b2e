import Foundation
import TorchSnippet
import XCTest

/// The syntax tree is public (no `@testable`): analyses walk a script's loops, calls and
/// definitions with their positions.
final class SyntaxTreeTests: XCTestCase {
  func testLoopsCallsAndDefinitionsKeepTheirPositions() throws {
    let url = try XCTUnwrap(
      Bundle.module.url(
        forResource: "train_classifier", withExtension: "py", subdirectory: "Fixtures"))
    let program = try SnippetProgram.parse(try String(contentsOf: url, encoding: .utf8))
    var definitions: [String: Int] = [:]
    var loops: [Int] = []
    var stepCalls: [Int] = []
    func walk(_ expr: Expr) {
      if case .call(let callee, let arguments, _) = expr.kind {
        if case .attribute(_, "step") = callee.kind { stepCalls.append(expr.line) }
        walk(callee)
        arguments.forEach(walk)
      }
    }
    func walk(_ statements: [Statement]) {
      for statement in statements {
        switch statement.kind {
        case .function(let definition):
          definitions[definition.name] = statement.line
          walk(definition.body)
        case .classDefinition(let definition):
          definitions[definition.name] = statement.line
          walk(definition.body)
        case .forLoop(_, _, let body, _):
          loops.append(statement.line)
          walk(body)
        case .ifChain(let branches, let orElse):
          branches.forEach { walk($0.body) }
          walk(orElse)
        case .with(_, let body): walk(body)
        case .tryBlock(let body, let handlers, _, let finally):
          walk(body)
          handlers.forEach { walk($0.body) }
          walk(finally)
        case .expression(let expr): walk(expr)
        default: break
        }
      }
    }
    walk(program.statements)
    XCTAssertEqual(definitions["train_one_epoch"], 66)
    XCTAssertEqual(definitions["Classifier"], 39)
    XCTAssertEqual(definitions["main"], 109)
    XCTAssertEqual(loops, [69, 85, 139])
    XCTAssertEqual(stepCalls, [75, 76])
  }
}
