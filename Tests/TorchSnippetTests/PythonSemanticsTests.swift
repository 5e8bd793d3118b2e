import Schedulers
import XCTest

@testable import TorchSnippet

/// Python's numbers and operators as the subset evaluates them.
final class PythonSemanticsTests: XCTestCase {
  func value(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
      return try evaluate(expression).repr
    } catch {
      return "error: \(error.message)"
    }
  }

  func testNumberSpellings() {
    XCTAssertEqual(value("1e-3"), "0.001")
    XCTAssertEqual(value(".5"), "0.5")
    XCTAssertEqual(value("5."), "5.0")
    XCTAssertEqual(value("1_000"), "1000")
    XCTAssertEqual(value("1_000.5e1_0"), "10005000000000.0")
    XCTAssertEqual(value("0x10"), "16")
    XCTAssertEqual(value("0o17"), "15")
    XCTAssertEqual(value("0b101"), "5")
    XCTAssertEqual(value("1E5"), "100000.0")
    XCTAssertEqual(value("1e16"), "1e+16")
    XCTAssertEqual(value("1e-5"), "1e-05")
    XCTAssertEqual(value("0.0001"), "0.0001")
    XCTAssertEqual(value("123456789012345678.0"), "1.2345678901234568e+17")
  }

  func testIntAndFloatArithmetic() {
    XCTAssertEqual(value("7 / 2"), "3.5")
    XCTAssertEqual(value("4 / 2"), "2.0")
    XCTAssertEqual(value("7 // 2"), "3")
    XCTAssertEqual(value("-7 // 2"), "-4")
    XCTAssertEqual(value("7 // -2"), "-4")
    XCTAssertEqual(value("-7 % 3"), "2")
    XCTAssertEqual(value("7 % -3"), "-2")
    XCTAssertEqual(value("-7.5 // 2"), "-4.0")
    XCTAssertEqual(value("-7.5 % 2"), "0.5")
    XCTAssertEqual(value("2 ** 10"), "1024")
    XCTAssertEqual(value("2 ** -1"), "0.5")
    XCTAssertEqual(value("-2 ** 2"), "-4")
    XCTAssertEqual(value("2 ** 3 ** 2"), "512")
    XCTAssertEqual(value("0.95 ** 3"), "0.8573749999999999")
    XCTAssertEqual(value("True + 1"), "2")
    XCTAssertEqual(value("1 + 2.0"), "3.0")
    XCTAssertEqual(value("0.1 + 0.2"), "0.30000000000000004")
    XCTAssertEqual(value("'a' + 'b'"), "'ab'")
  }

  func testDivisionByZeroAndOverflow() {
    XCTAssertEqual(value("1 / 0"), "error: ZeroDivisionError: division by zero")
    XCTAssertEqual(value("1.0 / 0"), "error: ZeroDivisionError: float division by zero")
    XCTAssertEqual(value("1 // 0"), "error: ZeroDivisionError: integer division or modulo by zero")
    XCTAssertEqual(value("1 % 0"), "error: ZeroDivisionError: integer modulo by zero")
    XCTAssertEqual(
      value("0.0 ** -1"), "error: ZeroDivisionError: 0.0 cannot be raised to a negative power")
    XCTAssertEqual(
      value("10.0 ** 400"), "error: OverflowError: (34, 'Numerical result out of range')")
    XCTAssertEqual(value("2 ** 64"), "18446744073709551616")
    XCTAssertEqual(value("math.exp(1000)"), "error: OverflowError: math range error")
    XCTAssertEqual(value("math.log(0)"), "error: ValueError: math domain error")
    XCTAssertEqual(value("math.sqrt(-1)"), "error: ValueError: math domain error")
  }

  func testComparisonsAndLogic() {
    XCTAssertEqual(value("1 < 2 < 3"), "True")
    XCTAssertEqual(value("1 < 3 < 2"), "False")
    XCTAssertEqual(value("1 == 1.0"), "True")
    XCTAssertEqual(value("None is None"), "True")
    XCTAssertEqual(value("2 in [1, 2]"), "True")
    XCTAssertEqual(value("3 not in (1, 2)"), "True")
    XCTAssertEqual(value("0 or 5"), "5")
    XCTAssertEqual(value("0 and 5"), "0")
    XCTAssertEqual(value("not []"), "True")
    XCTAssertEqual(value("1 if 0 else 2"), "2")
    XCTAssertEqual(value("'a' != 'b'"), "True")
  }

  func testBuiltinsAndMath() {
    XCTAssertEqual(value("min(3, 1, 2)"), "1")
    XCTAssertEqual(value("max([1.5, 2])"), "2")
    XCTAssertEqual(value("max(1, 1.0)"), "1")
    XCTAssertEqual(value("abs(-3)"), "3")
    XCTAssertEqual(value("float(2)"), "2.0")
    XCTAssertEqual(value("int(-2.7)"), "-2")
    XCTAssertEqual(value("round(2.5)"), "2")
    XCTAssertEqual(value("round(3.5)"), "4")
    XCTAssertEqual(value("len(train_loader)"), "8")
    XCTAssertEqual(value("num_epochs"), "10")
    XCTAssertEqual(value("math.cos(math.pi)"), "-1.0")
    XCTAssertEqual(value("math.floor(2.5)"), "2")
    XCTAssertEqual(value("math.ceil(2.1)"), "3")
    XCTAssertEqual(value("math.log(8, 2)"), "3.0")
    XCTAssertEqual(value("max()"), "error: TypeError: max expected at least 1 argument, got 0")
    XCTAssertEqual(value("min([])"), "error: ValueError: min() iterable argument is empty")
  }

  func testCollectionsAndStrings() {
    XCTAssertEqual(value("[1, 'a', None, True]"), "[1, 'a', None, True]")
    XCTAssertEqual(value("(1,)"), "(1,)")
    XCTAssertEqual(value("{'lr': 1e-05, 'params': 1}"), "{'lr': 1e-05, 'params': 1}")
    XCTAssertEqual(value("\"it's\""), "\"it's\"")
    XCTAssertEqual(value("'a' 'b'"), "'ab'")
    XCTAssertEqual(value("r'\\n'"), "'\\\\n'")
    XCTAssertEqual(value("[1, 2][-1]"), "2")
  }

  func testLambdas() {
    XCTAssertEqual(value("(lambda a, b: a * b)(3, 4)"), "12")
    XCTAssertEqual(value("(lambda a: lambda b: a - b)(10)(3)"), "7")
    XCTAssertEqual(value("(lambda: 1)()"), "1")
    XCTAssertEqual(value("(lambda s: s)(s=2)"), "2")
    XCTAssertEqual(
      value("(lambda s: s)()"),
      "error: TypeError: <lambda>() missing 1 required positional argument: 's'")
    XCTAssertEqual(
      value("(lambda s: s)(1, 2)"),
      "error: TypeError: <lambda>() takes 1 positional argument but 2 were given")
    XCTAssertEqual(value("(1)(2)"), "error: TypeError: 'int' object is not callable")
  }

  /// Python looks a lambda's globals up when it runs, so a later assignment counts from then on;
  /// a ZeroDivisionError inside the lambda is the step's error.
  func testLambdaLateBindingAndErrorsAtStepTime() throws {
    let built = try XCTUnwrap(
      build(
        """
        warmup = 2
        scheduler = LambdaLR(optimizer, lambda s: 1 / (warmup - s))
        """))
    let trace = ScheduleRunner.run(built, steps: 5)
    XCTAssertEqual(trace.rows.map { $0.lr[0] }, [0.05, 0.1])
    XCTAssertEqual(trace.failure?.step, 2)
    XCTAssertEqual(trace.failure?.error, SchedulerError("ZeroDivisionError", "division by zero"))
  }

  func testRecursiveLambdaIsStoppedNotCrashed() throws {
    let built = try XCTUnwrap(
      build(
        """
        f = lambda s: f(s)
        scheduler = MultiplicativeLR(optimizer, lambda s: 0.5)
        g = LambdaLR(optimizer, f) if False else None
        """))
    XCTAssertEqual(built.className, "MultiplicativeLR")
    let error = buildError("f = lambda s: f(s)\nscheduler = LambdaLR(optimizer, f)")
    XCTAssertEqual(error?.pythonError?.type, "RecursionError")
  }
}
