import Foundation

/// The PyTorch reference sequences (`torch_schedules.json`, recorded from PyTorch 2.15; format in
/// README.md beside it), decoded for tests.
public struct GoldenFile: Decodable, Sendable {
  public let torch: String
  public let cases: [GoldenCase]

  /// `torch_schedules.json`, or `hf_schedules.json` (transformers, same case format).
  public static func load(_ name: String = "torch_schedules") throws -> GoldenFile {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json") else {
      throw CocoaError(.fileNoSuchFile)
    }
    return try JSONDecoder().decode(GoldenFile.self, from: Data(contentsOf: url))
  }
}

public struct GoldenCase: Decodable, Sendable {
  public struct RecordedError: Decodable, Sendable {
    /// 0: the constructor raised; k: the k-th `scheduler.step()` raised.
    public let atStep: Int
    public let type: String
    public let message: String
    enum CodingKeys: String, CodingKey {
      case atStep = "at_step"
      case type, message
    }
  }
  public let id: String
  public let tags: [String]?
  public let code: String
  public let steps: Int
  public let metrics: [Double]?
  /// `lr[k][g]`: group g's lr after k step pairs (k = 0: right after construction).
  public let lr: [[Double]]
  public let momentum: [[Double]]?
  public let error: RecordedError?

  enum CodingKeys: String, CodingKey {
    case id, tags, code, steps, metrics, lr, momentum, error
  }

  /// Cases whose constructor raised record no `lr` rows at all: decode them as empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    tags = try container.decodeIfPresent([String].self, forKey: .tags)
    code = try container.decode(String.self, forKey: .code)
    steps = try container.decode(Int.self, forKey: .steps)
    metrics = try container.decodeIfPresent([Double].self, forKey: .metrics)
    lr = try container.decodeIfPresent([[Double]].self, forKey: .lr) ?? []
    momentum = try container.decodeIfPresent([[Double]].self, forKey: .momentum)
    error = try container.decodeIfPresent(RecordedError.self, forKey: .error)
  }
}

/// PyTorch-exact matching as the golden README defines it: 1e-12 relative, or 1e-15 absolute.
public func goldenMatches(_ actual: Double, _ expected: Double) -> Bool {
  if actual == expected { return true }
  let diff = abs(actual - expected)
  return diff <= 1e-15 || diff <= 1e-12 * abs(expected)
}
