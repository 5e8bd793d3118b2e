/// Reads a number option the way a person writes one: decimal, optionally signed, with an
/// optional fraction and exponent, and finite. `Double(_:)` alone also takes `0x1p-3`, `inf`,
/// `nan` and `1e400` (→ infinity), none of which is a learning rate.
enum DecimalNumber {
  static func parse(_ text: String) -> Double? {
    var digitsBefore = 0
    var digitsAfter = 0
    var exponentDigits = 0
    var state = 0  // 0 sign/int, 1 fraction, 2 exponent sign, 3 exponent digits
    for (i, c) in text.utf8.enumerated() {
      switch (state, c) {
      case (0, UInt8(ascii: "+")) where i == 0, (0, UInt8(ascii: "-")) where i == 0: continue
      case (0, UInt8(ascii: "0")...UInt8(ascii: "9")): digitsBefore += 1
      case (0, UInt8(ascii: ".")): state = 1
      case (1, UInt8(ascii: "0")...UInt8(ascii: "9")): digitsAfter += 1
      case (0, UInt8(ascii: "e")), (0, UInt8(ascii: "E")), (1, UInt8(ascii: "e")),
        (1, UInt8(ascii: "E")):
        state = 2
      case (2, UInt8(ascii: "+")), (2, UInt8(ascii: "-")): state = 3
      case (2, UInt8(ascii: "0")...UInt8(ascii: "9")), (3, UInt8(ascii: "0")...UInt8(ascii: "9")):
        state = 3
        exponentDigits += 1
      default: return nil
      }
    }
    guard digitsBefore + digitsAfter > 0, state < 2 || exponentDigits > 0 else { return nil }
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }
}
