import Schedulers

/// One parameter of a PyTorch constructor: its name and default (nil: required).
struct PythonParameter {
  var name: String
  var defaultValue: PyValue?
  var keywordOnly = false

  init(_ name: String, _ defaultValue: PyValue? = nil, keywordOnly: Bool = false) {
    self.name = name
    self.defaultValue = defaultValue
    self.keywordOnly = keywordOnly
  }
}

/// The arguments of one call bound to a signature, as Python binds them.
struct BoundArguments {
  struct Argument {
    var value: PyValue
    var explicit: Bool
    /// Where the argument was written (the call itself for defaults).
    var expr: Expr
  }

  var className: String
  var parameters: [PythonParameter]
  var values: [String: Argument]
  var call: Expr
  let lines: SourceLines

  subscript(name: String) -> PyValue { values[name]?.value ?? .none }

  func position(_ name: String) -> Expr { values[name]?.expr ?? call }

  /// A PyTorch error raised by the constructor, pointed at the argument it names (or the call).
  /// Without `name`, the caret goes to the explicit argument the message names, if any.
  func fail(_ error: SchedulerError, at name: String? = nil) -> SnippetError {
    let named =
      name
      ?? parameters.map(\.name).first { parameter in
        values[parameter]?.explicit == true && mentions(error.message, parameter)
      }
    let expr = named.map(position) ?? call
    return lines.error(
      error.description, line: expr.line, column: expr.column, pythonError: error)
  }

  /// Whether `message` has `word` as a whole identifier.
  func mentions(_ message: String, _ word: String) -> Bool {
    let isIdentifier: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" }
    var rest = message[...]
    while let range = rest.range(of: word) {
      let before =
        range.lowerBound == message.startIndex
        ? nil : message[message.index(before: range.lowerBound)]
      let after = range.upperBound == message.endIndex ? nil : message[range.upperBound]
      if !(before.map(isIdentifier) ?? false) && !(after.map(isIdentifier) ?? false) { return true }
      rest = message[range.upperBound...]
    }
    return false
  }

  /// An argument lrlab cannot represent (outside the subset, not a PyTorch error).
  func outside(_ message: String, at name: String) -> SnippetError {
    let expr = position(name)
    return lines.error(message, line: expr.line, column: expr.column)
  }

  /// Every parameter but the optimizer / schedulers, for display.
  var displayArguments: [SnippetArgument] {
    parameters.filter { !["optimizer", "schedulers", "params"].contains($0.name) }.map {
      parameter in
      let argument = values[parameter.name]
      let value = argument?.value ?? .none
      return SnippetArgument(
        name: parameter.name, valueText: value.repr, number: value.number,
        explicit: argument?.explicit ?? false)
    }
  }
}

/// Binds positional and keyword arguments to `parameters` with Python's TypeErrors.
func bindArguments(
  className: String, function: String = "__init__", parameters: [PythonParameter], call: Expr,
  positional: [(value: PyValue, expr: Expr)],
  keywords: [(name: String, value: PyValue, argument: KeywordArgument)], lines: SourceLines
) throws(SnippetError) -> BoundArguments {
  let qualified = "\(className).\(function)()"
  func typeError(_ message: String, _ expr: Expr) -> SnippetError {
    let error = SchedulerError.typeError(message)
    return lines.error(error.description, line: expr.line, column: expr.column, pythonError: error)
  }
  let positionalParameters = parameters.filter { !$0.keywordOnly }
  if positional.count > positionalParameters.count {
    let required = positionalParameters.filter { $0.defaultValue == nil }.count
    let range =
      required == positionalParameters.count
      ? "\(required + 1)" : "from \(required + 1) to \(positionalParameters.count + 1)"
    throw typeError(
      "\(qualified) takes \(range) positional arguments but \(positional.count + 1) were given",
      positional[positionalParameters.count].expr)
  }
  var values: [String: BoundArguments.Argument] = [:]
  for (parameter, argument) in zip(positionalParameters, positional) {
    values[parameter.name] = .init(value: argument.value, explicit: true, expr: argument.expr)
  }
  for keyword in keywords {
    guard parameters.contains(where: { $0.name == keyword.name }) else {
      // The caret goes under the keyword itself, with CPython 3.13's suggestion.
      var message = "\(qualified) got an unexpected keyword argument '\(keyword.name)'"
      if let suggestion = DidYouMean.suggest(keyword.name, among: parameters.map(\.name)) {
        message += ". Did you mean '\(suggestion)'?"
      }
      throw typeError(
        message,
        Expr(kind: .none, line: keyword.argument.line, column: keyword.argument.column))
    }
    if values[keyword.name] != nil {
      throw typeError(
        "\(qualified) got multiple values for argument '\(keyword.name)'", keyword.argument.value)
    }
    values[keyword.name] = .init(value: keyword.value, explicit: true, expr: keyword.argument.value)
  }
  let missing = parameters.filter { $0.defaultValue == nil && values[$0.name] == nil }.map(\.name)
  if !missing.isEmpty {
    let names = missing.map { "'\($0)'" }
    let list =
      names.count == 1
      ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    let plural = missing.count == 1 ? "argument" : "arguments"
    throw typeError(
      "\(qualified) missing \(missing.count) required positional \(plural): \(list)", call)
  }
  for parameter in parameters where values[parameter.name] == nil {
    if let defaultValue = parameter.defaultValue {
      values[parameter.name] = .init(value: defaultValue, explicit: false, expr: call)
    }
  }
  return BoundArguments(
    className: className, parameters: parameters, values: values, call: call, lines: lines)
}
