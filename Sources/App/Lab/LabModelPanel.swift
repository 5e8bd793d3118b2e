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
    var rows: [CodeRow] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let chars = Array(line)
      var start = 0
      repeat {
        rows.append(
          CodeRow(
            text: String(chars[start..<min(start + w, chars.count)]), style: style.app.code,
            cursor: nil))
        start += w
      } while start < chars.count
    }
    return rows
  }
}
