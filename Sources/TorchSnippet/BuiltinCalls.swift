import Schedulers

/// The builtins that take functions or iterate (`map`, `filter`, `sorted`, `sum`, `list`, …),
/// the torch no-ops, `functools.partial`, `argparse`, and the methods of lists, dicts and
/// strings.
extension ExpressionEvaluator {
  func callBuiltin(
    _ name: String, at expr: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    let args = positional.map(\.value)
    func keyword(_ key: String) -> PyValue? { keywords.first { $0.name == key }?.value }
    func unexpectedKeywords(allowing allowed: Set<String> = []) throws(SnippetError) {
      if let bad = keywords.first(where: { !allowed.contains($0.name) }) {
        var message = "\(name)() got an unexpected keyword argument '\(bad.name)'"
        if let suggestion = DidYouMean.suggest(bad.name, among: Array(allowed)) {
          message += ". Did you mean '\(suggestion)'?"
        }
        throw python(
          .typeError(message),
          at: Expr(kind: .none, line: bad.argument.line, column: bad.argument.column))
      }
    }
    func arity(_ range: ClosedRange<Int>) throws(SnippetError) {
      guard range.contains(args.count) else {
        let expected =
          range.lowerBound == range.upperBound
          ? "\(range.lowerBound)" : "at most \(range.upperBound)"
        throw python(
          .typeError(
            "\(name)() takes \(expected) argument\(range.upperBound == 1 ? "" : "s") (\(args.count) given)"
          ),
          at: expr)
      }
    }
    if Builtins.neverRun.contains(name) {
      return opaque("'\(name)(...)' (lrlab never runs it)", at: expr)
    }
    if Builtins.exceptionNames.contains(name) {
      let message: String
      if case .string(let s)? = args.first { message = s } else { message = "" }
      return .object(
        {
          let object = PyObject(className: name)
          object.attributes["args"] = .tuple(args)
          object.attributes["__message__"] = .string(message)
          return object
        }())
    }
    // Anything handed an opaque value gives an opaque result (nothing is ever run on it).
    if !name.contains(".") && name != "print" && name != "isinstance" && name != "hasattr"
      && name != "callable",
      let o = args.lazy.compactMap({ $0.opaque }).first
    {
      return .opaque(o)
    }
    switch name {
    case "torch.device":
      return opaque("torch.device(...)", at: expr)
    case "torch.manual_seed", "torch.cuda.manual_seed", "torch.cuda.manual_seed_all",
      "torch.set_float32_matmul_precision", "torch.set_default_dtype",
      "torch.use_deterministic_algorithms", "torch.set_num_threads", "torch.cuda.empty_cache":
      return .none
    case "torch.cuda.is_available":
      return .bool(false)
    case "torch.cuda.device_count":
      return .int(0)
    case "torch.compile":
      return args.first ?? .none
    case "torch.utils.data.DataLoader":
      environment.note(
        "DataLoader(...) is not run; len() of it is --steps-per-epoch "
          + "(\(environment.trainLoaderLength))", line: expr.line, column: expr.column)
      return .loader(name: "DataLoader", length: environment.trainLoaderLength)
    case "argparse.ArgumentParser":
      let parser = PyObject(className: "ArgumentParser")
      parser.arguments = []
      return .object(parser)
    case "functools.partial":
      guard let function = args.first else {
        throw python(.typeError("type 'partial' takes at least one argument"), at: expr)
      }
      return .partial(
        Partial(
          function: function, arguments: Array(args.dropFirst()),
          keywords: keywords.map { ($0.name, $0.value) }))
    case "print":
      return .none
    case "super":
      return opaque("super()", at: expr)
    case "range":
      try unexpectedKeywords()
      var ints: [Int] = []
      for (value, argExpr) in positional {
        guard case .int(let i) = PyArithmetic.Number(value) else {
          throw python(
            .typeError("'\(value.typeName)' object cannot be interpreted as an integer"),
            at: argExpr)
        }
        ints.append(i)
      }
      switch ints.count {
      case 1: return .range(0, ints[0], 1)
      case 2: return .range(ints[0], ints[1], 1)
      case 3:
        if ints[2] == 0 { throw python(.value("range() arg 3 must not be zero"), at: expr) }
        return .range(ints[0], ints[1], ints[2])
      default:
        throw python(
          .typeError(
            "range expected at \(ints.isEmpty ? "least 1" : "most 3") arguments, got \(ints.count)"),
          at: expr)
      }
    case "list", "tuple", "set", "frozenset":
      try unexpectedKeywords()
      try arity(0...1)
      let items =
        try args.first.map { value throws(SnippetError) in try iterate(value, at: expr) } ?? []
      try environment.budget.checkSize(items.count, at: expr, lines: lines)
      if name == "list" { return .list(items) }
      if name == "tuple" { return .tuple(items) }
      return .set(PyHashing.unique(items))
    case "dict":
      var builder = DictBuilder()
      if let first = args.first {
        if case .dict(let entries) = first {
          for (key, value) in entries {
            try at(expr) { () throws(SchedulerError) in try builder.set(key, value) }
          }
        } else {
          for pair in try iterate(first, at: expr) {
            let items = try unpack(
              pair, targets: [.name("k", line: 0, column: 0), .name("v", line: 0, column: 0)],
              line: expr.line, column: expr.column, lines: lines)
            try at(expr) { () throws(SchedulerError) in try builder.set(items[0], items[1]) }
          }
        }
      }
      for keyword in keywords {
        try at(expr) { () throws(SchedulerError) in
          try builder.set(.string(keyword.name), keyword.value)
        }
      }
      return .dict(builder.entries)
    case "sum":
      try unexpectedKeywords(allowing: ["start"])
      try arity(1...2)
      var total = args.count == 2 ? args[1] : (keyword("start") ?? .int(0))
      for item in try iterate(args[0], at: expr) {
        if case .opaque = item { return item }
        let running = total
        total = try at(expr) { () throws(SchedulerError) in
          try PyArithmetic.binary(.add, running, item)
        }
      }
      return total
    case "any", "all":
      try unexpectedKeywords()
      try arity(1...1)
      for item in try iterate(args[0], at: expr) {
        guard let truth = item.truth else { return item }
        if name == "any" && truth { return .bool(true) }
        if name == "all" && !truth { return .bool(false) }
      }
      return .bool(name == "all")
    case "map":
      try unexpectedKeywords()
      guard args.count >= 2 else {
        throw python(.typeError("map() must have at least two arguments."), at: expr)
      }
      let columns = try args.dropFirst().map { value throws(SnippetError) in
        try iterate(value, at: expr)
      }
      let count = columns.map(\.count).min() ?? 0
      var results: [PyValue] = []
      for index in 0..<count {
        results.append(
          try call(args[0], at: expr, positional: columns.map { ($0[index], expr) }, keywords: []))
      }
      return .list(results)
    case "filter":
      try unexpectedKeywords()
      try arity(2...2)
      var results: [PyValue] = []
      for item in try iterate(args[1], at: expr) {
        let keep: PyValue
        if case .none = args[0] {
          keep = item
        } else {
          keep = try call(args[0], at: expr, positional: [(item, expr)], keywords: [])
        }
        guard let truth = keep.truth else { return keep }
        if truth { results.append(item) }
      }
      return .list(results)
    case "zip":
      try unexpectedKeywords(allowing: ["strict"])
      let columns = try args.map { value throws(SnippetError) in try iterate(value, at: expr) }
      let count = columns.map(\.count).min() ?? 0
      return .list((0..<count).map { index in .tuple(columns.map { $0[index] }) })
    case "enumerate":
      try unexpectedKeywords(allowing: ["start"])
      try arity(1...2)
      let startValue = args.count == 2 ? args[1] : (keyword("start") ?? .int(0))
      guard case .int(let start) = PyArithmetic.Number(startValue) else {
        throw python(
          .typeError("'\(startValue.typeName)' object cannot be interpreted as an integer"),
          at: expr)
      }
      return .list(
        try iterate(args[0], at: expr).enumerated().map { .tuple([.int(start &+ $0), $1]) })
    case "sorted", "reversed":
      try unexpectedKeywords(allowing: name == "sorted" ? ["key", "reverse"] : [])
      try arity(1...1)
      var items = try iterate(args[0], at: expr)
      if name == "reversed" { return .list(items.reversed()) }
      var keys = items
      if let key = keyword("key"), !Builtins.isNone(key) {
        keys = []
        for item in items {
          keys.append(try call(key, at: expr, positional: [(item, expr)], keywords: []))
        }
      }
      var order = Array(items.indices)
      var failure: SchedulerError?
      order.sort { a, b in
        guard failure == nil else { return false }
        do throws(SchedulerError) { return try PyCompare.less(keys[a], keys[b], symbol: "<") } catch
        {
          failure = error
          return false
        }
      }
      if let failure { throw python(failure, at: expr) }
      items = order.map { items[$0] }
      if keyword("reverse")?.isTruthy == true { items.reverse() }
      return .list(items)
    case "isinstance":
      try arity(2...2)
      let types: [PyValue]
      if case .tuple(let many) = args[1] { types = many } else { types = [args[1]] }
      for type in types {
        switch type {
        case .builtin(let typeName):
          let matches: Bool
          switch (typeName, args[0]) {
          case ("int", .int), ("int", .bool), ("float", .float), ("bool", .bool),
            ("str", .string), ("str", .formatted), ("list", .list), ("tuple", .tuple),
            ("dict", .dict), ("set", .set):
            matches = true
          default: matches = false
          }
          if matches { return .bool(true) }
        case .userClass(let cls):
          switch args[0] {
          case .object(let object) where object.cls === cls: return .bool(true)
          case .network(let network) where network.cls === cls: return .bool(true)
          default: break
          }
        case .opaque(let o): return .opaque(o)
        default: break
        }
      }
      if case .opaque(let o) = args[0] { return .opaque(o) }
      return .bool(false)
    case "str", "repr":
      try arity(0...1)
      guard let value = args.first else { return .string("") }
      if case .string(let s) = value, name == "str" { return .string(s) }
      if case .bigInt(let b) = value, b.bitWidth > PyInt.maxPrintableBits {
        throw python(PyInt.tooManyDigits(Int(Double(b.bitWidth) * 0.30103)), at: expr)
      }
      return .string(name == "str" ? value.str : value.repr)
    case "type":
      try arity(1...1)
      switch args[0] {
      case .object(let object):
        return object.cls.map { .userClass($0) } ?? .builtin(object.className)
      case .network(let network):
        return network.cls.map { .userClass($0) } ?? .builtin(network.typeName)
      default: return .builtin(args[0].typeName)
      }
    case "hasattr", "getattr":
      try arity(name == "hasattr" ? 2...2 : 2...3)
      guard case .string(let attributeName) = args[1] else {
        throw python(.typeError("attribute name must be string"), at: expr)
      }
      do {
        let value = try attribute(args[0], attributeName, at: expr)
        return name == "hasattr" ? .bool(true) : value
      } catch let error where error.pythonError?.type == "AttributeError" {
        if name == "hasattr" { return .bool(false) }
        if args.count == 3 { return args[2] }
        throw error
      }
    case "callable":
      switch args.first {
      case .function?, .partial?, .builtin?, .userClass?, .schedulerClass?, .optimizerClass?,
        .method?:
        return .bool(true)
      case .opaque(let o)?: return .opaque(o)
      default: return .bool(false)
      }
    case "iter":
      return .list(try iterate(args.first ?? .none, at: expr))
    case "next":
      switch args.first {
      case .list(let items)? where !items.isEmpty: return items[0]
      default:
        if args.count == 2 { return args[1] }
        throw python(SchedulerError("StopIteration", ""), at: expr)
      }
    case "divmod":
      try arity(2...2)
      return .tuple([
        try at(expr) { () throws(SchedulerError) in
          try PyArithmetic.binary(.floorDivide, args[0], args[1])
        },
        try at(expr) { () throws(SchedulerError) in
          try PyArithmetic.binary(.modulo, args[0], args[1])
        },
      ])
    case "id", "hash", "setattr", "vars", "dir":
      return opaque("'\(name)(...)'", at: expr)
    case "min", "max":
      if let key = keyword("key") {
        let items = args.count == 1 ? try iterate(args[0], at: expr) : args
        guard var best = items.first else {
          if let fallback = keyword("default") { return fallback }
          throw python(.value("\(name)() iterable argument is empty"), at: expr)
        }
        var bestKey = try call(key, at: expr, positional: [(best, expr)], keywords: [])
        for item in items.dropFirst() {
          let itemKey = try call(key, at: expr, positional: [(item, expr)], keywords: [])
          let better = try at(expr) { () throws(SchedulerError) in
            name == "min"
              ? try PyCompare.less(itemKey, bestKey, symbol: "<")
              : try PyCompare.less(bestKey, itemKey, symbol: ">")
          }
          if better {
            best = item
            bestKey = itemKey
          }
        }
        return best
      }
      var values = args
      if args.count == 1, !(args[0].isNumberLike) { values = try iterate(args[0], at: expr) }
      if values.isEmpty, let fallback = keyword("default") { return fallback }
      let flattened = args.count == 1 && !args[0].isNumberLike ? [PyValue.list(values)] : values
      return try at(expr) { () throws(SchedulerError) in
        try Builtins.call(
          name, flattened, keywords: keywords.map(\.name).filter { $0 != "default" })
      }
    case "len":
      if args.count == 1, case .range(let a, let b, let c) = args[0] {
        return .int(rangeCount(a, b, c))
      }
      if args.count == 1, case .set(let items) = args[0] { return .int(items.count) }
      if args.count == 1, case .parameters = args[0] {
        throw python(.typeError("object of type 'generator' has no len()"), at: expr)
      }
      if args.count == 1, case .network(let network) = args[0] {
        return .int(network.children.count)
      }
      fallthrough
    default:
      if !keywords.isEmpty {
        try unexpectedKeywords(
          allowing: name == "round" ? ["ndigits"] : name == "int" ? ["base"] : [])
      }
      return try at(expr) { () throws(SchedulerError) in
        try Builtins.call(name, args, keywords: keywords.map(\.name))
      }
    }
  }
}

extension PyValue {
  var isNumberLike: Bool { number != nil }

  /// `str(x)`.
  var str: String {
    switch self {
    case .string(let s): return s
    case .formatted: return "…"
    default: return repr
    }
  }
}

extension Builtins {
  static func methods(of value: PyValue) -> [String] {
    switch value {
    case .list:
      return [
        "append", "extend", "insert", "pop", "remove", "clear", "index", "count", "copy",
        "sort", "reverse",
      ]
    case .tuple: return ["index", "count"]
    case .dict:
      return ["keys", "values", "items", "get", "update", "pop", "setdefault", "copy", "clear"]
    case .set: return ["add", "update", "discard", "remove", "copy", "union", "intersection"]
    case .string:
      return [
        "lower", "upper", "strip", "lstrip", "rstrip", "split", "join", "startswith",
        "endswith", "replace", "format", "title", "capitalize", "find", "count", "isdigit",
        "rsplit", "splitlines", "zfill", "center", "ljust", "rjust", "encode",
      ]
    default: return []
    }
  }

  /// A method call on a list, dict, set, tuple or string: the result, and the container's new
  /// value for the mutating ones (`append`, `update`, …).
  static func method(
    _ base: PyValue, _ name: String, _ args: [PyValue], keywords: [(String, PyValue)]
  ) throws(SchedulerError) -> (result: PyValue, updated: PyValue?) {
    func need(_ count: ClosedRange<Int>) throws(SchedulerError) {
      guard count.contains(args.count) else {
        throw .typeError("\(name)() takes \(count.upperBound) argument(s) (\(args.count) given)")
      }
    }
    switch base {
    case .list(var items):
      switch name {
      case "append":
        try need(1...1)
        items.append(args[0])
        return (.none, .list(items))
      case "extend":
        try need(1...1)
        switch args[0] {
        case .list(let more), .tuple(let more), .set(let more): items += more
        default: throw .typeError("'\(args[0].typeName)' object is not iterable")
        }
        return (.none, .list(items))
      case "insert":
        try need(2...2)
        guard case .int(let i) = PyArithmetic.Number(args[0]) else {
          throw .typeError("'\(args[0].typeName)' object cannot be interpreted as an integer")
        }
        let index = i < 0 ? max(0, items.count + i) : min(i, items.count)
        items.insert(args[1], at: index)
        return (.none, .list(items))
      case "pop":
        try need(0...1)
        guard !items.isEmpty else { throw .init("IndexError", "pop from empty list") }
        var index = items.count - 1
        if case .int(let i)? = args.first.flatMap(PyArithmetic.Number.init) {
          index = i < 0 ? items.count + i : i
        }
        guard index >= 0 && index < items.count else {
          throw .init("IndexError", "pop index out of range")
        }
        let value = items.remove(at: index)
        return (value, .list(items))
      case "remove":
        try need(1...1)
        guard let index = items.firstIndex(where: { PyCompare.equal($0, args[0]) }) else {
          throw .value("list.remove(x): x not in list")
        }
        items.remove(at: index)
        return (.none, .list(items))
      case "clear": return (.none, .list([]))
      case "copy": return (.list(items), nil)
      case "reverse": return (.none, .list(items.reversed()))
      case "sort":
        var failure: SchedulerError?
        items.sort { a, b in
          do throws(SchedulerError) { return try PyCompare.less(a, b, symbol: "<") } catch {
            failure = error
            return false
          }
        }
        if let failure { throw failure }
        if keywords.contains(where: { $0.0 == "reverse" && $0.1.isTruthy }) { items.reverse() }
        return (.none, .list(items))
      case "index", "count":
        try need(1...1)
        if name == "count" {
          return (.int(items.filter { PyCompare.equal($0, args[0]) }.count), nil)
        }
        guard let index = items.firstIndex(where: { PyCompare.equal($0, args[0]) }) else {
          throw .value("\(args[0].repr) is not in list")
        }
        return (.int(index), nil)
      default: break
      }
    case .tuple(let items):
      if name == "count" {
        return (.int(items.filter { PyCompare.equal($0, args.first ?? .none) }.count), nil)
      }
      if name == "index", let target = args.first,
        let index = items.firstIndex(where: { PyCompare.equal($0, target) })
      {
        return (.int(index), nil)
      }
      throw .value("tuple.index(x): x not in tuple")
    case .dict(let entries):
      var builder = DictBuilder(entries)
      switch name {
      case "keys": return (.list(entries.map(\.key)), nil)
      case "values": return (.list(entries.map(\.value)), nil)
      case "items": return (.list(entries.map { .tuple([$0.key, $0.value]) }), nil)
      case "get":
        try need(1...2)
        if let index = PyHashing.find(args[0], in: entries) { return (entries[index].value, nil) }
        return (args.count == 2 ? args[1] : .none, nil)
      case "copy": return (.dict(entries), nil)
      case "clear": return (.none, .dict([]))
      case "update":
        if case .dict(let more)? = args.first {
          for (key, value) in more { try builder.set(key, value) }
        }
        for (key, value) in keywords { try builder.set(.string(key), value) }
        return (.none, .dict(builder.entries))
      case "setdefault":
        try need(1...2)
        if let index = PyHashing.find(args[0], in: entries) { return (entries[index].value, nil) }
        let value = args.count == 2 ? args[1] : .none
        try builder.set(args[0], value)
        return (value, .dict(builder.entries))
      case "pop":
        try need(1...2)
        guard let index = PyHashing.find(args[0], in: entries) else {
          if args.count == 2 { return (args[1], nil) }
          throw .init("KeyError", args[0].repr)
        }
        var remaining = entries
        let removed = remaining.remove(at: index)
        return (removed.value, .dict(remaining))
      default: break
      }
    case .set(let items):
      switch name {
      case "add":
        try need(1...1)
        return (.none, .set(PyHashing.unique(items + [args[0]])))
      case "update", "union":
        var all = items
        for arg in args {
          switch arg {
          case .list(let more), .tuple(let more), .set(let more): all += more
          default: throw .typeError("'\(arg.typeName)' object is not iterable")
          }
        }
        return name == "update"
          ? (.none, .set(PyHashing.unique(all))) : (.set(PyHashing.unique(all)), nil)
      case "discard", "remove":
        try need(1...1)
        return (.none, .set(items.filter { !PyCompare.equal($0, args[0]) }))
      case "copy": return (.set(items), nil)
      default: break
      }
    case .string(let s):
      func text(_ value: PyValue) throws(SchedulerError) -> String {
        guard case .string(let t) = value else {
          throw .typeError("must be str, not \(value.typeName)")
        }
        return t
      }
      switch name {
      case "lower": return (.string(s.lowercased()), nil)
      case "upper": return (.string(s.uppercased()), nil)
      case "title", "capitalize": return (.string(s.capitalized), nil)
      case "strip", "lstrip", "rstrip":
        var scalars = Substring(s)
        if name != "rstrip" { scalars = scalars.drop { $0.isWhitespace } }
        if name != "lstrip" {
          while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        }
        return (.string(String(scalars)), nil)
      case "startswith", "endswith":
        try need(1...1)
        let candidates: [PyValue]
        if case .tuple(let many) = args[0] { candidates = many } else { candidates = [args[0]] }
        for candidate in candidates {
          let t = try text(candidate)
          if name == "startswith" ? s.hasPrefix(t) : s.hasSuffix(t) { return (.bool(true), nil) }
        }
        return (.bool(false), nil)
      case "split", "rsplit":
        if let separator = args.first, !isNone(separator) {
          let t = try text(separator)
          guard !t.isEmpty else { throw .value("empty separator") }
          return (.list(s.components(separatedBy: t).map { .string($0) }), nil)
        }
        return (
          .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }), nil
        )
      case "join":
        try need(1...1)
        let items: [PyValue]
        switch args[0] {
        case .list(let xs), .tuple(let xs), .set(let xs): items = xs
        default: throw .typeError("can only join an iterable")
        }
        var parts: [String] = []
        for item in items { parts.append(try text(item)) }
        return (.string(parts.joined(separator: s)), nil)
      case "replace":
        try need(2...3)
        return (.string(s.replacingOccurrences(try text(args[0]), try text(args[1]))), nil)
      case "find":
        try need(1...1)
        let t = try text(args[0])
        guard let range = s.range(of: t) else { return (.int(-1), nil) }
        return (.int(s.unicodeScalars.distance(from: s.startIndex, to: range.lowerBound)), nil)
      case "count":
        try need(1...1)
        let t = try text(args[0])
        return (
          .int(t.isEmpty ? s.unicodeScalars.count + 1 : s.components(separatedBy: t).count - 1), nil
        )
      case "isdigit": return (.bool(!s.isEmpty && s.allSatisfy(\.isNumber)), nil)
      default: return (.formatted, nil)
      }
    default: break
    }
    throw .init("AttributeError", "'\(base.typeName)' object has no attribute '\(name)'")
  }
}
