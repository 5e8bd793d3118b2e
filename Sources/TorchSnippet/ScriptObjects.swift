import Schedulers

/// A `def` or `lambda`: its parameters with the defaults evaluated when it was defined, its
/// body, and the enclosing function's locals it closes over.
final class PythonFunction {
  enum Body {
    case expression(Expr)
    case statements([Statement])
  }

  let name: String
  let parameters: FunctionParameters
  let body: Body
  let defaults: [String: PyValue]
  /// The enclosing function's locals when this one was made (a snapshot: closures over names
  /// assigned later in the enclosing function are not seen).
  let captured: [String: PyValue]
  /// The decorators' names (`staticmethod`, …); decorators are never applied.
  var decorators: [String] = []
  /// Where it was defined, and whether anything called it (for `--verbose`).
  var line = 0
  var column = 0
  var called = false

  init(
    name: String, parameters: FunctionParameters, body: Body, defaults: [String: PyValue],
    captured: [String: PyValue]
  ) {
    self.name = name
    self.parameters = parameters
    self.body = body
    self.defaults = defaults
    self.captured = captured
  }

  var isLambda: Bool { name == "<lambda>" }
}

/// `functools.partial(function, *args, **keywords)`.
final class Partial {
  let function: PyValue
  let arguments: [PyValue]
  let keywords: [(String, PyValue)]

  init(function: PyValue, arguments: [PyValue], keywords: [(String, PyValue)]) {
    self.function = function
    self.arguments = arguments
    self.keywords = keywords
  }
}

/// A class the script defines: its class attributes and methods.
final class ClassObject {
  let name: String
  let bases: [PyValue]
  var attributes: [String: PyValue]
  /// Derives from nn.Module (its instances are networks).
  let isModule: Bool
  /// Decorated with `@dataclass`: the annotated fields, in order, are its `__init__`.
  let dataclassFields: [String]?

  init(
    name: String, bases: [PyValue], attributes: [String: PyValue], isModule: Bool,
    dataclassFields: [String]?
  ) {
    self.name = name
    self.bases = bases
    self.attributes = attributes
    self.isModule = isModule
    self.dataclassFields = dataclassFields
  }

  /// A class attribute or method, looked up through the bases.
  func lookup(_ name: String) -> PyValue? {
    if let value = attributes[name] { return value }
    for case .userClass(let base) in bases {
      if let value = base.lookup(name) { return value }
    }
    return nil
  }
}

/// An instance of a script's class (not a network), or a namespace such as argparse's.
final class PyObject {
  let className: String
  let cls: ClassObject?
  var attributes: [String: PyValue] = [:]
  /// For `argparse.ArgumentParser`: the options added so far, (dest, default).
  var arguments: [(dest: String, value: PyValue)]?
  /// Its `__init__` skipped something: a missing attribute may be one lrlab did not read.
  var incomplete = false

  init(className: String, cls: ClassObject? = nil) {
    self.className = className
    self.cls = cls
  }
}

/// One parameter tensor.
final class Parameter {
  var requiresGrad = true
}

/// An nn.Module: its own parameters and its sub-modules, in registration order (PyTorch's
/// `named_parameters()` order). A lenient network (`model`, a pretrained model lrlab cannot
/// see inside) grows a sub-network for any attribute asked of it, so `model.fc.parameters()`
/// works on it.
final class Network {
  let typeName: String
  /// How it is shown in param-group names: the variable or attribute it was first given.
  var name: String
  var hasName: Bool
  var parameters: [(name: String, parameter: Parameter)] = []
  var children: [(name: String, network: Network)] = []
  /// Attributes that are neither parameters nor sub-modules (a script class's `self.x = 3`).
  var attributes: [String: PyValue] = [:]
  let lenient: Bool
  /// Its `__init__` skipped something.
  var incomplete = false
  /// The script's class, for its methods.
  let cls: ClassObject?

  init(typeName: String, name: String? = nil, lenient: Bool = false, cls: ClassObject? = nil) {
    self.typeName = typeName
    self.name = name ?? typeName
    self.hasName = name != nil
    self.lenient = lenient
    self.cls = cls
  }

  /// A network with a weight and a bias (a layer, or a lenient network's own parameters).
  static func layer(
    _ typeName: String, name: String? = nil, lenient: Bool = false, bias: Bool = true
  )
    -> Network
  {
    let network = Network(typeName: typeName, name: name, lenient: lenient)
    network.parameters.append(("weight", Parameter()))
    if bias { network.parameters.append(("bias", Parameter())) }
    return network
  }

  func child(_ name: String) -> Network? {
    children.first { $0.name == name }?.network
  }

  /// Registers (or replaces) a sub-module.
  func setChild(_ name: String, _ network: Network) {
    if !network.hasName {
      network.name = name
      network.hasName = true
    }
    if let index = children.firstIndex(where: { $0.name == name }) {
      children[index].network = network
    } else {
      children.append((name, network))
    }
  }

  func setParameter(_ name: String, _ parameter: Parameter) {
    if let index = parameters.firstIndex(where: { $0.name == name }) {
      parameters[index].parameter = parameter
    } else {
      parameters.append((name, parameter))
    }
  }

  /// `named_parameters()`: each parameter once (the first name it is reached by), own
  /// parameters first, then each sub-module's, depth first. Bounded against cycles.
  func namedParameters() -> [(name: String, parameter: Parameter)] {
    var seen: Set<ObjectIdentifier> = []
    var visited: Set<ObjectIdentifier> = []
    var result: [(name: String, parameter: Parameter)] = []
    func walk(_ network: Network, _ prefix: String) {
      guard visited.insert(ObjectIdentifier(network)).inserted else { return }
      for (name, parameter) in network.parameters
      where seen.insert(ObjectIdentifier(parameter)).inserted {
        result.append((prefix + name, parameter))
      }
      for (name, child) in network.children { walk(child, prefix + name + ".") }
    }
    walk(self, "")
    return result
  }
}
