/// A text serialisation of a buffer for golden-frame files: the text grid, a grid of style
/// letters ("." is the plain style), and a legend naming each letter's style.
public struct StyledDump: Sendable, Equatable {
  public var text: String
  public var styles: String
  public var legend: String

  /// The three parts joined as one golden file body.
  public var combined: String {
    "--- text\n" + text + "\n--- styles\n" + styles + "\n--- legend\n" + legend + "\n"
  }
}

extension Buffer {
  /// Text and style letters, one line per row (text rows keep their trailing spaces trimmed; style
  /// rows are trimmed of trailing "."). Letters are assigned in order of first appearance
  /// (row-major), so the dump is deterministic.
  public func styledText() -> StyledDump {
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var keys: [Style: Character] = [.plain: "."]
    var order: [Style] = []
    var styleLines: [String] = []
    for y in 0..<height {
      var line = ""
      for x in 0..<width where self[x, y].width != 0 {
        let style = self[x, y].style
        var key = keys[style]
        if key == nil {
          let next: Character = order.count < letters.count ? letters[order.count] : "?"
          keys[style] = next
          order.append(style)
          key = next
        }
        line.append(key ?? "?")
        if self[x, y].width == 2 { line.append(key ?? "?") }
      }
      while line.last == "." { line.removeLast() }
      styleLines.append(line)
    }
    let legend = order.map { "\(keys[$0] ?? "?") = \($0.debugName)" }.joined(separator: "\n")
    return StyledDump(
      text: plainText(), styles: styleLines.joined(separator: "\n"), legend: legend)
  }
}

extension Color {
  /// Short name for golden files: "default", "ansi3", "idx208".
  public var debugName: String {
    switch self {
    case .default: return "default"
    case .ansi(let n): return "ansi\(n)"
    case .indexed(let n): return "idx\(n)"
    }
  }
}

extension Style {
  /// Short description for golden files, e.g. "fg=idx39 bg=default bold,underline".
  public var debugName: String {
    var names: [String] = []
    if attributes.contains(.bold) { names.append("bold") }
    if attributes.contains(.dim) { names.append("dim") }
    if attributes.contains(.italic) { names.append("italic") }
    if attributes.contains(.underline) { names.append("underline") }
    if attributes.contains(.reverse) { names.append("reverse") }
    var text = "fg=\(foreground.debugName) bg=\(background.debugName)"
    if !names.isEmpty { text += " " + names.joined(separator: ",") }
    return text
  }

  /// `other` layered on top: its non-default colours replace ours, attributes are combined.
  public func merged(with other: Style) -> Style {
    Style(
      foreground: other.foreground == .default ? foreground : other.foreground,
      background: other.background == .default ? background : other.background,
      attributes: attributes.union(other.attributes))
  }
}
