import Schedulers

/// A `lambda`. Global names are looked up at call time (Python's late binding); `captured`
/// holds the enclosing lambda's parameters for nested lambdas.
final class LambdaFunction {
  let parameters: [String]
  let body: Expr
  let captured: [String: PyValue]

  init(parameters: [String], body: Expr, captured: [String: PyValue]) {
    self.parameters = parameters
    self.body = body
    self.captured = captured
  }
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

/// The global names, shared by the top level and every lambda.
final class Environment {
  var names: [String: PyValue] = [:]
  /// Lambda call depth, bounded like Python's recursion limit.
  var callDepth = 0
}

/// A Python value of the subset.
enum PyValue {
  case int(Int)
  case float(Double)
  case bool(Bool)
  case string(String)
  case none
  case list([PyValue])
  case tuple([PyValue])
  case dict([(key: PyValue, value: PyValue)])
  case lambda(LambdaFunction)
  /// A `def`.
  case function(PythonFunction)
  /// `min`, `math.cos`, … (by qualified name).
  case builtin(String)
  /// `torch`, `torch.optim`, `torch.optim.lr_scheduler`, `math`.
  case module(String)
  case schedulerClass(String)
  case optimizerClass(OptimizerState.Kind)
  /// `model`, `backbone`, `head`: a network; also usable directly as its parameter list.
  case network(String)
  /// `model.parameters()`.
  case parameters(String)
  /// `model.parameters` (the bound method, not yet called) and other methods.
  case method(PyValue.Box, String)
  case optimizer(OptimizerState)
  case scheduler(SchedulerObject)
  /// `train_loader` and friends: only `len()` is meaningful.
  case loader(name: String, length: Int)
  /// An f-string's value: text that is never interpreted.
  case formatted

  final class Box {
    let value: PyValue
    init(_ value: PyValue) { self.value = value }
  }

  /// Python's `type(x).__name__`.
  var typeName: String {
    switch self {
    case .int: return "int"
    case .float: return "float"
    case .bool: return "bool"
    case .string, .formatted: return "str"
    case .none: return "NoneType"
    case .list: return "list"
    case .tuple: return "tuple"
    case .dict: return "dict"
    case .lambda, .function: return "function"
    case .builtin: return "builtin_function_or_method"
    case .module: return "module"
    case .schedulerClass, .optimizerClass: return "type"
    case .network: return "Module"
    case .parameters: return "generator"
    case .method: return "method"
    case .optimizer(let optimizer): return optimizer.kind.rawValue
    case .scheduler(let object): return object.className
    case .loader: return "DataLoader"
    }
  }

  /// The value as a Python number (bools are ints), if it is one.
  var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .float(let x): return x
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  /// Python truthiness.
  var isTruthy: Bool {
    switch self {
    case .int(let i): return i != 0
    case .float(let x): return x != 0
    case .bool(let b): return b
    case .string(let s): return !s.isEmpty
    case .none: return false
    case .list(let items), .tuple(let items): return !items.isEmpty
    case .dict(let entries): return !entries.isEmpty
    default: return true
    }
  }
}
