import Foundation

/// A strict JSON syntax check that says where the first problem is (line:column) and what it is,
/// so a damaged progress file is reported precisely ("truncated", "number out of range") rather
/// than as "not a JSON object". It only validates; decoding is Foundation's. Iterative (no
/// recursion), linear time, bounded nesting.
public enum JSONSyntax {
  public struct Problem: Error, Equatable, CustomStringConvertible, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): \(message)" }
  }

  /// Deeper nesting than this is refused (no progress file needs it).
  public static let maxDepth = 64

  /// nil when `data` is one well-formed JSON value whose top level is an object.
  public static func problem(in data: Data) -> Problem? {
    let bytes = [UInt8](data)
    var checker = Checker(bytes: bytes)
    return checker.run()
  }

  private struct Checker {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func position(_ at: Int) -> (Int, Int) {
      var line = 1
      var column = 1
      var k = 0
      let end = min(at, bytes.count)
      while k < end {
        if bytes[k] == 0x0A {
          line += 1
          column = 1
        } else if bytes[k] & 0xC0 != 0x80 {
          column += 1
        }
        k += 1
      }
      return (line, column)
    }

    func fail(_ message: String, at: Int? = nil) -> Problem {
      let (line, column) = position(at ?? i)
      return Problem(line: line, column: column, message: message)
    }

    func unexpected() -> Problem {
      guard i < bytes.count else {
        return fail("unexpected end of file (the file is truncated)")
      }
      let b = bytes[i]
      let shown =
        (0x21...0x7E).contains(b)
        ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
      return fail("unexpected \(shown)")
    }

    mutating func skipSpace() {
      while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    enum Container { case object, array }

    mutating func run() -> Problem? {
      skipSpace()
      guard i < bytes.count else { return fail("empty file") }
      guard bytes[i] == UInt8(ascii: "{") else {
        return fail("not a JSON object (the top level must be {…})")
      }
      var stack: [Container] = []
      if let problem = value(stack: &stack) { return problem }
      skipSpace()
      if i < bytes.count { return fail("unexpected text after the end of the object") }
      return nil
    }

    /// Parses one value (iteratively for containers).
    mutating func value(stack: inout [Container]) -> Problem? {
      // States: expecting a value; after a value inside a container.
      var expectingValue = true
      var expectingKey = false
      let base = stack.count
      while true {
        skipSpace()
        if expectingKey {
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
              return fail("a comma must be followed by a key")
            }
            return i < bytes.count ? fail("expected a \"key\"") : unexpected()
          }
          if let problem = string() { return problem }
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
            return i < bytes.count ? fail("expected ':' after the key") : unexpected()
          }
          i += 1
          expectingKey = false
          expectingValue = true
          continue
        }
        if expectingValue {
          guard i < bytes.count else { return unexpected() }
          switch bytes[i] {
          case UInt8(ascii: "{"):
            guard stack.count < maxDepth else { return fail("nested more than \(maxDepth) deep") }
            stack.append(.object)
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
              i += 1
              stack.removeLast()
              expectingValue = false
            } else {
              expectingKey = true
            }
            if !expectingValue && stack.count == base { return nil }
            continue
          case UInt8(ascii: "["):
            guard stack.count < maxDepth else { return fail("nested more than \(maxDepth) deep") }
            stack.append(.array)
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
              i += 1
              stack.removeLast()
              expectingValue = false
              if stack.count == base { return nil }
            }
            continue
          case UInt8(ascii: "\""):
            if let problem = string() { return problem }
          case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let problem = number() { return problem }
          case UInt8(ascii: "t"):
            if let problem = literal("true") { return problem }
          case UInt8(ascii: "f"):
            if let problem = literal("false") { return problem }
          case UInt8(ascii: "n"):
            if let problem = literal("null") { return problem }
          default:
            return unexpected()
          }
          expectingValue = false
          if stack.count == base { return nil }
          continue
        }
        // After a value inside a container.
        guard i < bytes.count else { return unexpected() }
        let top = stack[stack.count - 1]
        let close = top == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          if top == .object { expectingKey = true } else { expectingValue = true }
          skipSpace()
          if top == .array, i < bytes.count, bytes[i] == close {
            return fail("a comma must be followed by a value")
          }
          continue
        }
        if bytes[i] == close {
          i += 1
          stack.removeLast()
          if stack.count == base { return nil }
          continue
        }
        return fail(top == .object ? "expected ',' or '}'" : "expected ',' or ']'")
      }
    }

    mutating func literal(_ word: String) -> Problem? {
      for b in word.utf8 {
        guard i < bytes.count else { return unexpected() }
        guard bytes[i] == b else { return unexpected() }
        i += 1
      }
      return nil
    }

    mutating func string() -> Problem? {
      let start = i
      i += 1
      while i < bytes.count {
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "\""):
          i += 1
          // The bytes must be UTF-8.
          if String(validating: bytes[start..<i], as: UTF8.self) == nil {
            return fail("invalid UTF-8 in a string", at: start)
          }
          return nil
        case UInt8(ascii: "\\"):
          i += 1
          guard i < bytes.count else { return unexpected() }
          switch bytes[i] {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            i += 1
          case UInt8(ascii: "u"):
            i += 1
            for _ in 0..<4 {
              guard i < bytes.count else { return unexpected() }
              guard
                (bytes[i] >= 0x30 && bytes[i] <= 0x39)
                  || (bytes[i] | 0x20 >= 0x61 && bytes[i] | 0x20 <= 0x66)
              else {
                return fail("invalid \\u escape")
              }
              i += 1
            }
          default:
            return fail("invalid escape in a string")
          }
        case 0x00..<0x20:
          return fail("control character in a string")
        default:
          i += 1
        }
      }
      return fail("unexpected end of file in a string (the file is truncated)")
    }

    mutating func number() -> Problem? {
      let start = i
      if bytes[i] == UInt8(ascii: "-") { i += 1 }
      func digits(_ i: inout Int) -> Int {
        let s = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        return i - s
      }
      guard i < bytes.count else { return unexpected() }
      if bytes[i] == UInt8(ascii: "0") {
        i += 1
      } else if digits(&i) == 0 {
        return unexpected()
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
        i += 1
        if digits(&i) == 0 { return unexpected() }
      }
      if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
        i += 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
          i += 1
        }
        if digits(&i) == 0 { return unexpected() }
      }
      let text = String(decoding: bytes[start..<i], as: UTF8.self)
      if let value = Double(text), !value.isFinite {
        return fail("number \(text) is out of range", at: start)
      }
      return nil
    }
  }
}
