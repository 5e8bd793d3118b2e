import Markdown

/// Collects the diagnostics of one file; every message is sanitised (it may quote the input).
struct DiagnosticSink {
  let file: String
  var items: [Diagnostic] = []

  init(file: String) { self.file = file }

  mutating func error(_ position: SourcePosition, _ message: String) {
    add(position, .error, message)
  }

  mutating func warning(_ position: SourcePosition, _ message: String) {
    add(position, .warning, message)
  }

  mutating func add(_ position: SourcePosition, _ severity: Diagnostic.Severity, _ message: String)
  {
    items.append(
      Diagnostic(
        file: Sanitizer.cleanLine(file), position: position, severity: severity,
        message: Sanitizer.cleanLine(message)))
  }
}

/// Quotes untrusted text for a message: at most 60 characters, sanitised by the sink.
func quoted(_ text: String) -> String {
  let short = text.count > 60 ? String(text.prefix(57)) + "..." : text
  return "'\(short)'"
}
