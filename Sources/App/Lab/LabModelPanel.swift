/// The "the model" panel: the model and its data as PyTorch code, read-only — what the
/// exported script (`P`, `lrlab export --pytorch`) runs before the snippet.
extension LabState {
  func modelPanelLines(width: Int, style: LabStyle) -> [CodeRow] {
    let w = max(width, 10)
    guard let text = engine.modelCode(config) else {
      return [
        CodeRow(
          text: "# this model has no PyTorch definition (an exact expected-loss recursion)",
          style: style.app.dim, cursor: nil)
      ]
    }
    // Wrapped like the snippet: at a space, comma or bracket, continuation rows marked.
    let marker = Self.continuationMarker(unicode: style.unicode)
    var rows: [CodeRow] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let chars = Array(line)
      for (k, range) in Self.wrapRanges(chars, width: w).enumerated() {
        let prefix = k == 0 ? "" : marker
        rows.append(
          CodeRow(
            text: prefix + String(chars[range]), style: style.app.code, cursor: nil,
            markerWidth: prefix.count))
      }
    }
    return rows
  }
}
