import Schedulers

/// `torch.nn` layers and containers as networks: the parameters they register (PyTorch's
/// names), never what they compute.
extension ExpressionEvaluator {
  /// Layers without parameters of their own.
  static let parameterlessLayers: Set<String> = [
    "ReLU", "ReLU6", "GELU", "SiLU", "Mish", "Tanh", "Sigmoid", "Softmax", "LogSoftmax",
    "Softplus", "LeakyReLU", "ELU", "SELU", "CELU", "Hardtanh", "Hardswish", "Hardsigmoid",
    "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "Flatten", "Unflatten",
    "Identity", "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d",
    "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d",
    "AdaptiveMaxPool2d", "Upsample", "PixelShuffle", "ZeroPad2d", "ConstantPad2d", "Module",
    "Threshold", "Softmin", "Tanhshrink", "Softsign", "GLU",
  ]

  func makeLayer(
    _ name: String, at expr: Expr, positional: [(value: PyValue, expr: Expr)],
    keywords: [(name: String, value: PyValue, argument: KeywordArgument)]
  ) throws(SnippetError) -> PyValue {
    func keyword(_ key: String) -> PyValue? { keywords.first { $0.name == key }?.value }
    switch name {
    case "Parameter":
      let parameter = Parameter()
      if let flag = keyword("requires_grad") ?? (positional.count > 1 ? positional[1].value : nil) {
        parameter.requiresGrad = flag.isTruthy
      }
      return .parameter(parameter)
    case "Sequential", "ModuleList":
      let network = Network(typeName: name)
      var items = positional.map(\.value)
      if name == "ModuleList", let first = items.first { items = try iterate(first, at: expr) }
      if name == "Sequential", items.count == 1, case .dict(let entries) = items[0] {
        for case (.string(let key), .network(let child)) in entries { network.setChild(key, child) }
        return .network(network)
      }
      for (index, item) in items.enumerated() {
        if case .network(let child) = item {
          network.setChild(String(index), child)
        } else if case .opaque = item {
          network.setChild(
            String(index), Network.layer("Module", name: String(index), lenient: true))
        }
      }
      return .network(network)
    case "ModuleDict", "ParameterDict":
      let network = Network(typeName: name)
      if case .dict(let entries)? = positional.first?.value {
        for (key, value) in entries {
          guard case .string(let childName) = key else { continue }
          switch value {
          case .network(let child): network.setChild(childName, child)
          case .parameter(let parameter): network.setParameter(childName, parameter)
          default: break
          }
        }
      }
      return .network(network)
    case "ParameterList":
      let network = Network(typeName: name)
      if let first = positional.first?.value {
        for (index, item) in try iterate(first, at: expr).enumerated() {
          if case .parameter(let parameter) = item {
            network.setParameter(String(index), parameter)
          }
        }
      }
      return .network(network)
    case _ where Self.parameterlessLayers.contains(name) || name.hasSuffix("Loss"):
      return .network(Network(typeName: name))
    case "LSTM", "GRU", "RNN":
      let network = Network(typeName: name)
      let layers =
        keyword("num_layers").flatMap { value -> Int? in
          if case .int(let i) = value { return i }
          return nil
        } ?? (positional.count > 2 ? (positional[2].value.number.map { Int($0) } ?? 1) : 1)
      let hasBias = keyword("bias")?.isTruthy ?? true
      for layer in 0..<max(1, min(layers, 64)) {
        for kind in ["weight_ih", "weight_hh"] + (hasBias ? ["bias_ih", "bias_hh"] : []) {
          network.parameters.append(("\(kind)_l\(layer)", Parameter()))
        }
      }
      return .network(network)
    case "MultiheadAttention":
      let network = Network(typeName: name)
      for parameterName in ["in_proj_weight", "in_proj_bias"] {
        network.parameters.append((parameterName, Parameter()))
      }
      network.setChild("out_proj", Network.layer("NonDynamicallyQuantizableLinear"))
      return .network(network)
    case "Embedding", "EmbeddingBag", "PReLU":
      return .network(Network.layer(name, bias: false))
    default:
      // Linear, Conv*, BatchNorm*, LayerNorm, GroupNorm, …: a weight and (unless bias=False or
      // elementwise_affine=False) a bias.
      let hasBias =
        (keyword("bias") ?? PyValue.bool(true)).isTruthy
        && (keyword("elementwise_affine") ?? .bool(true)).isTruthy
        && (keyword("affine") ?? .bool(true)).isTruthy
      let network = Network.layer(name, bias: hasBias)
      if name == "Linear", positional.count >= 2 {
        network.attributes["in_features"] = positional[0].value
        network.attributes["out_features"] = positional[1].value
      }
      return .network(network)
    }
  }
}
