import TerminalUI

/// Draws into a fresh buffer and returns it.
func drawn(width: Int, height: Int, _ draw: (inout Buffer, Rect) -> Void) -> Buffer {
  var buffer = Buffer(width: width, height: height)
  draw(&buffer, buffer.area)
  return buffer
}

/// Lines of styled text as plain strings.
func plain(_ lines: [StyledText]) -> [String] { lines.map(\.plainText) }
