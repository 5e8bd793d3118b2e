import Schedulers
import TorchSnippet
import XCTest

/// Each way a snippet can be rejected, with the position the caret points at.
final class SnippetErrorTests: XCTestCase {
  func assertError(
    _ source: String, _ message: String, line: Int, column: Int, python: String? = nil,
    file: StaticString = #filePath, testLine: UInt = #line
  ) {
    guard let error = buildError(source) else {
      XCTFail("built without error: \(source)", file: file, line: testLine)
      return
    }
    XCTAssertEqual(error.message, message, file: file, line: testLine)
    XCTAssertEqual(error.line, line, "line of \(message)", file: file, line: testLine)
    XCTAssertEqual(error.column, column, "column of \(message)", file: file, line: testLine)
    XCTAssertEqual(error.pythonError?.type, python, file: file, line: testLine)
  }

  func testRenderingPutsTheCaretUnderTheSpot() throws {
    let error = try XCTUnwrap(
      buildError(
        "optimizer = SGD(model.parameters(), lr=0.1)\nscheduler = StepLR(optimizer, step_size=$)"))
    XCTAssertEqual(
      error.rendered(),
      """
      error: invalid character '$' (U+0024)
        --> line 2, column 41
         | scheduler = StepLR(optimizer, step_size=$)
         |                                         ^
      """)
  }

  func testWebPasteArtifacts() throws {
    // A byte-order mark and no-break-space indentation are read as Python reads them / as spaces.
    let source = "\u{FEFF}if True:\n\u{A0}\u{A0}\u{A0}\u{A0}scheduler = StepLR(optimizer, 2)"
    XCTAssertEqual(build(source)?.className, "StepLR")
    assertError(
      "x = \u{201C}a\u{201D}", "invalid character '\u{201C}' (U+201C)", line: 1, column: 5)
    assertError("x = 1\u{0}", "invalid non-printable character U+0000", line: 1, column: 6)
  }

  func testLexicalErrors() {
    assertError("x = 'abc", "unterminated string literal", line: 1, column: 5)
    assertError("x = \"\"\"abc", "unterminated triple-quoted string literal", line: 1, column: 5)
    assertError("x = (1,\n 2", "'(' was never closed", line: 1, column: 5)
    assertError("x = 1)", "unmatched ')'", line: 1, column: 6)
    assertError(
      "x = [1, 2)", "closing parenthesis ')' does not match opening parenthesis '['", line: 1,
      column: 10)
    assertError("x = 1_", "invalid decimal literal", line: 1, column: 5)
    assertError("x = 1x", "invalid decimal literal", line: 1, column: 5)
    assertError("x = 3j", "complex numbers are outside the supported subset", line: 1, column: 5)
    assertError(
      "x = 007",
      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
      line: 1, column: 5)
    assertError(
      "x = b'1'\nscheduler = StepLR(optimizer, x)",
      "a bytes literal is not evaluated: lrlab reads the script without running it, and the "
        + "schedule depends on this value", line: 1, column: 5)
    assertError(
      "x = 1 \\ 2", "unexpected character after line continuation character", line: 1, column: 7)
    assertError(
      "if True:\n    x = 1\n  y = 2", "unindent does not match any outer indentation level",
      line: 3, column: 3)
  }

  func testSyntaxErrors() {
    assertError("x = ", "invalid syntax: expected an expression", line: 1, column: 5)
    assertError("x = 1 +", "invalid syntax: expected an expression", line: 1, column: 8)
    assertError(
      "x = f(a=1, 2)", "positional argument follows keyword argument", line: 1, column: 12)
    assertError("x = f(a=1, a=2)", "keyword argument repeated: a", line: 1, column: 12)
    assertError("x = 1 if y", "invalid syntax: expected 'else'", line: 1, column: 11)
    assertError("  x = 1", "unexpected indent", line: 1, column: 3)
    assertError("for x in y\n    pass", "invalid syntax: expected ':'", line: 1, column: 11)
    assertError("else:\n  pass", "'else' without a matching 'if'", line: 1, column: 1)
    assertError("x = 1 2", "invalid syntax: unexpected number", line: 1, column: 7)
  }

  func testOutsideTheSubset() {
    assertError(
      "import os\nscheduler = StepLR(optimizer, os.cpu_count())",
      "'os.cpu_count'(...) is not evaluated: lrlab reads the script without running it, and "
        + "the schedule depends on this value", line: 2, column: 34)
    assertError(
      "from os import path\nscheduler = StepLR(optimizer, path)",
      "'path' (from os) is not evaluated: lrlab reads the script without running it, and the "
        + "schedule depends on this value", line: 1, column: 1)
    assertError(
      "x = 1 @ 2", "TypeError: unsupported operand type(s) for @: 'int' and 'int'", line: 1,
      column: 7, python: "TypeError")
    assertError(
      "optimizer.param_groups[0]['lr'] = 0.1",
      "assigning to an optimizer's param groups is outside the supported subset: give each "
        + "group's values to the optimizer", line: 1, column: 26)
    assertError(
      "x = print('hi')\nscheduler = StepLR(optimizer, x)",
      "step_size must be an integer here, got None (NoneType)", line: 2, column: 31)
    assertError(
      "x = scheduler.step()",
      "NameError: name 'scheduler' is not defined", line: 1, column: 5, python: "NameError")
    assertError(
      "x = (" + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 201),
      "too deeply nested", line: 1, column: 35)
    assertError(
      "x = 1",
      "no scheduler in the snippet: expected a line such as "
        + "`scheduler = StepLR(optimizer, step_size=10)`", line: 1, column: 1)
  }

  func testPythonErrorsWhileBuilding() {
    assertError(
      "x = 1 / 0", "ZeroDivisionError: division by zero", line: 1, column: 7,
      python: "ZeroDivisionError")
    assertError(
      "x = undefined_name", "NameError: name 'undefined_name' is not defined", line: 1, column: 5,
      python: "NameError")
    assertError(
      "a, b = 1, 2, 3", "ValueError: too many values to unpack (expected 2)", line: 1, column: 1,
      python: "ValueError")
    assertError(
      "x = [1][3]", "IndexError: list index out of range", line: 1, column: 8, python: "IndexError")
    assertError(
      "x = {'a': 1}['b']", "KeyError: 'b'", line: 1, column: 13, python: "KeyError")
    assertError(
      "x = 'a' < 1", "TypeError: '<' not supported between instances of 'str' and 'int'", line: 1,
      column: 11, python: "TypeError")
  }

  func testPyTorchArgumentErrors() {
    assertError(
      "scheduler = StepLR(optimizer, step_size=3, foo=1)",
      "TypeError: StepLR.__init__() got an unexpected keyword argument 'foo'", line: 1, column: 44,
      python: "TypeError")
    assertError(
      "scheduler = StepLR(optimizer, step_sise=3)",
      "TypeError: StepLR.__init__() got an unexpected keyword argument 'step_sise'. "
        + "Did you mean 'step_size'?", line: 1, column: 31, python: "TypeError")
    assertError(
      "scheduler = StepLr(optimizer, step_size=3)",
      "NameError: name 'StepLr' is not defined. Did you mean: 'StepLR'?", line: 1, column: 13,
      python: "NameError")
    assertError(
      "scheduler = torch.optim.lr_scheduler.StepLr(optimizer, step_size=3)",
      "AttributeError: module 'torch.optim.lr_scheduler' has no attribute 'StepLr'. "
        + "Did you mean: 'StepLR'?", line: 1, column: 38, python: "AttributeError")
    assertError(
      "from torch.optim.lr_scheduler import CosineAnealingLR",
      "ImportError: cannot import name 'CosineAnealingLR' from 'torch.optim.lr_scheduler'. "
        + "Did you mean: 'CosineAnnealingLR'?", line: 1, column: 1, python: "ImportError")
    assertError(
      "scheduler = StepLR(optimizer, 2)\nx = scheduler.get_last_lrr()",
      "AttributeError: 'StepLR' object has no attribute 'get_last_lrr'. "
        + "Did you mean: 'get_last_lr'?", line: 2, column: 15, python: "AttributeError")
    assertError(
      "scheduler = StepLR(optimizer)",
      "TypeError: StepLR.__init__() missing 1 required positional argument: 'step_size'", line: 1,
      column: 13, python: "TypeError")
    assertError(
      "scheduler = CyclicLR(optimizer)",
      "TypeError: CyclicLR.__init__() missing 2 required positional arguments: 'base_lr' and 'max_lr'",
      line: 1, column: 13, python: "TypeError")
    assertError(
      "scheduler = StepLR(optimizer, 3, 0.1, -1, 5)",
      "TypeError: StepLR.__init__() takes from 3 to 5 positional arguments but 6 were given",
      line: 1, column: 43, python: "TypeError")
    assertError(
      "scheduler = StepLR(optimizer, 3, step_size=4)",
      "TypeError: StepLR.__init__() got multiple values for argument 'step_size'", line: 1,
      column: 44, python: "TypeError")
    assertError(
      "scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=5.0)",
      "ValueError: Expected positive integer T_0, but got 5.0", line: 1, column: 56,
      python: "ValueError")
    assertError(
      "scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=10, pct_start=1)",
      "ValueError: Expected float between 0 and 1 pct_start, but got 1", line: 1, column: 73,
      python: "ValueError")
    assertError(
      "scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=10.0)",
      "ValueError: Expected positive integer total_steps, but got 10.0", line: 1, column: 59,
      python: "ValueError")
    assertError(
      "scheduler = StepLR(model, 3)", "TypeError: Module is not an Optimizer", line: 1,
      column: 20, python: "TypeError")
    assertError(
      "scheduler = StepLR(optimizer, step_size=2.5)",
      "lrlab reads step_size as an integer, got 2.5", line: 1, column: 41)
  }

  func testOptimizerErrors() {
    assertError(
      "optimizer = torch.optim.SGD(model.parameters(), lr=-1)",
      "ValueError: Invalid learning rate: -1", line: 1, column: 52, python: "ValueError")
    assertError(
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=-0.5)",
      "ValueError: Invalid momentum value: -0.5", line: 1, column: 66, python: "ValueError")
    assertError(
      "optimizer = torch.optim.Adam(model.parameters(), betas=(0.9, 1.0))",
      "ValueError: Invalid beta parameter at index 1: 1.0", line: 1, column: 56,
      python: "ValueError")
    assertError(
      "optimizer = torch.optim.SGD([], lr=0.1)",
      "ValueError: optimizer got an empty parameter list", line: 1, column: 29,
      python: "ValueError")
    assertError(
      "optimizer = torch.optim.SGD([{'lr': 0.1}], lr=0.1)", "KeyError: 'params'", line: 1,
      column: 29, python: "KeyError")
    assertError(
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, nesterov=True)",
      "ValueError: Nesterov momentum requires a momentum and zero dampening", line: 1, column: 25,
      python: "ValueError")
    assertError(
      "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, betas=(0.9, 0.99))",
      "TypeError: SGD.__init__() got an unexpected keyword argument 'betas'", line: 1, column: 57,
      python: "TypeError")
  }
}
