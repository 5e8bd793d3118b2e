struct SourceLines: Sendable {
  let lines: [String]
  init(_ source: String) {
    lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }
}
struct Statement: Sendable {}
struct Token {}
struct Lexer {
  let source: String
  let lines: SourceLines
  func tokenize() throws(SnippetError) -> [Token] { [] }
}
struct Parser {
  let tokens: [Token]
  let lines: SourceLines
  mutating func parseProgram() throws(SnippetError) -> [Statement] { [] }
}
struct Evaluator {
  let lines: SourceLines
  let context: SnippetContext
  mutating func run(_ statements: [Statement]) throws(SnippetError) -> BuiltSchedule {
    throw SnippetError("not built yet", line: 1, column: 1)
  }
}
