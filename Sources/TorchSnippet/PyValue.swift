import BigInt
import Schedulers

/// The global names, shared by the top level, every function call and every lambda, with the
/// evaluation's bookkeeping: the call depth, the work budget, notes about what was skipped.
final class Environment {
  var names: [String: PyValue] = [:]
  /// Call depth, bounded like Python's recursion limit.
  var callDepth = 0
  /// Builds optimizers and schedulers; nil once the snippet is built (step-time lambdas never
  /// construct).
  weak var constructor: (any ConstructorHandler)?
  /// What reading a script skipped, for `--verbose`.
  var notes: [SnippetNote] = []
  /// Statements that could not be read, kept in case nothing else explains a missing scheduler.
  var deferred: [SnippetError] = []
  var budget = WorkBudget()
  /// `len(DataLoader(...))`: the context's batches per epoch.
  var trainLoaderLength = 8
  /// How many statements were skipped so far (an `__init__` that skipped some is incomplete).
  var skipCount = 0
  /// Each optimizer's constructor defaults (`optimizer.defaults`).
  var optimizerDefaults: [ObjectIdentifier: ParamGroup] = [:]
  /// Opaque values bound to names, for a better error when no scheduler was built.
  var opaqueBindings: [(name: String, value: Opaque)] = []

  func note(_ message: String, line: Int, column: Int) {
    guard notes.count < 1000 else { return }
    notes.append(SnippetNote(line: line, column: column, message: message))
  }
}

/// Something a script held that lrlab does not evaluate (a data set, `os.environ`, a call into
/// a module it does not model). It flows through the evaluation untouched; only when the
/// optimizer or a scheduler needs its value does it become an error, at the place it came from.
final class Opaque {
  /// How it reads in an error: "DataLoader(...)", "the loop variable 'epoch'".
  let description: String
  let line: Int
  let column: Int
  /// The error that made a statement unreadable, when that is where it came from.
  let error: SnippetError?
  /// The network it stands for once its `.parameters()` are asked for.
  var network: Network?
  var attributes: [String: Opaque] = [:]

  init(_ description: String, line: Int, column: Int, error: SnippetError? = nil) {
    self.description = description
    self.line = line
    self.column = column
    self.error = error
  }

  func refusal(_ lines: SourceLines) -> SnippetError {
    if let error { return error }
    return lines.error(
      "\(description) is not evaluated: lrlab reads the script without running it, and the "
        + "schedule depends on this value", line: line, column: column)
  }

  func attribute(_ name: String, line: Int, column: Int) -> Opaque {
    if let cached = attributes[name] { return cached }
    let derived = Opaque(
      "\(description).\(name)", line: self.line, column: self.column, error: error)
    attributes[name] = derived
    return derived
  }
}

/// A Python value of the subset.
enum PyValue {
  case int(Int)
  /// An int beyond 64 bits (never one that fits: those are `.int`).
  case bigInt(BigInt)
  case float(Double)
  case bool(Bool)
  case string(String)
  case none
  case ellipsis
  case list([PyValue])
  case tuple([PyValue])
  case set([PyValue])
  case dict([(key: PyValue, value: PyValue)])
  /// `a:b:c` in a subscript.
  case slice(Int?, Int?, Int?)
  /// `range(start, stop, step)`, never materialized unless iterated.
  case range(Int, Int, Int)
  /// A `def` or a `lambda`.
  case function(PythonFunction)
  /// `functools.partial(f, *args, **kwargs)`.
  case partial(Partial)
  /// `min`, `math.cos`, `torch.nn.Linear`, … (by qualified name).
  case builtin(String)
  /// `torch`, `torch.optim`, `math`, `os`, … (any module: unknown ones hold opaque members).
  case module(String)
  case schedulerClass(String)
  case optimizerClass(OptimizerState.Kind)
  /// A class the script defines.
  case userClass(ClassObject)
  /// An instance of a script's class that is not an nn.Module, or a namespace (argparse).
  case object(PyObject)
  /// An nn.Module: `model`, `nn.Linear(16, 8)`, an instance of a script's `nn.Module` class.
  case network(Network)
  /// One parameter tensor of a network.
  case parameter(Parameter)
  /// `model.parameters()` / `model.named_parameters()`: read when iterated or given to an
  /// optimizer.
  case parameters(Network, named: Bool)
  /// A bound method: `model.parameters`, `scheduler.get_last_lr`, `items.append`, a method of
  /// a script's class.
  case method(PyValue.Box, String)
  case optimizer(OptimizerState)
  case scheduler(SchedulerObject)
  /// `train_loader` and friends: only `len()` is meaningful.
  case loader(name: String, length: Int)
  /// An f-string's value: text that is never interpreted.
  case formatted
  /// A value lrlab does not evaluate (see `Opaque`).
  case opaque(Opaque)

  final class Box {
    let value: PyValue
    init(_ value: PyValue) { self.value = value }
  }

  /// Python's `type(x).__name__`.
  var typeName: String {
    switch self {
    case .int, .bigInt: return "int"
    case .float: return "float"
    case .bool: return "bool"
    case .string, .formatted: return "str"
    case .none: return "NoneType"
    case .ellipsis: return "ellipsis"
    case .list: return "list"
    case .tuple: return "tuple"
    case .set: return "set"
    case .dict: return "dict"
    case .range: return "range"
    case .slice: return "slice"
    case .function: return "function"
    case .partial: return "functools.partial"
    case .builtin: return "builtin_function_or_method"
    case .module: return "module"
    case .schedulerClass, .optimizerClass, .userClass: return "type"
    case .object(let object): return object.className
    case .network(let network): return network.typeName
    case .parameter: return "Parameter"
    case .parameters: return "generator"
    case .method: return "method"
    case .optimizer(let optimizer): return optimizer.kind.rawValue
    case .scheduler(let object): return object.className
    case .loader: return "DataLoader"
    case .opaque: return "object"
    }
  }

  /// The value as a Python number (bools are ints), if it is one.
  var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .bigInt(let b): return Double(b)
    case .float(let x): return x
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  /// Python truthiness (nil for an opaque value, whose truth is unknown).
  var truth: Bool? {
    switch self {
    case .int(let i): return i != 0
    case .bigInt: return true
    case .float(let x): return x != 0
    case .bool(let b): return b
    case .string(let s): return !s.isEmpty
    case .none: return false
    case .list(let items), .tuple(let items), .set(let items): return !items.isEmpty
    case .dict(let entries): return !entries.isEmpty
    case .range(let start, let stop, let step): return rangeCount(start, stop, step) > 0
    case .opaque: return nil
    default: return true
    }
  }

  /// Python truthiness, an opaque value counting as true.
  var isTruthy: Bool { truth ?? true }

  var opaque: Opaque? {
    if case .opaque(let o) = self { return o }
    return nil
  }
}

/// How many items `range(start, stop, step)` has (step is never 0).
func rangeCount(_ start: Int, _ stop: Int, _ step: Int) -> Int {
  if step > 0 {
    guard start < stop else { return 0 }
    let span = UInt(bitPattern: stop &- start)
    return Int(clamping: (span - 1) / UInt(step) + 1)
  }
  guard start > stop else { return 0 }
  let span = UInt(bitPattern: start &- stop)
  return Int(clamping: (span - 1) / step.magnitude + 1)
}

/// A scheduler built by the snippet, with its construction record.
final class SchedulerObject {
  let scheduler: any LRScheduler
  let className: String

  init(_ scheduler: any LRScheduler) {
    self.scheduler = scheduler
    className = scheduler.className
  }
}

/// What `--verbose` reports: a statement read but not evaluated, and why.
public struct SnippetNote: Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String

  public var description: String { "line \(line), column \(column): \(message)" }
}
