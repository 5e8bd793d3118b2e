/// # TorchSnippet: pasted PyTorch code in, optimizer and schedulers out
///
/// `SnippetProgram.parse(source)` reads the Python subset that scheduler code uses;
/// `program.build(SnippetContext(...))` evaluates it into an `OptimizerState` and the
/// `Schedulers` classes (running their constructors, so their validation and initial step);
/// `ScheduleRunner.run(built, steps:metrics:)` steps it into a `ScheduleTrace` (CSV, JSON or a
/// table). Nothing outside the subset is ever executed.
///
/// What the subset holds:
/// - statements: assignments (`a = b = 1`, `warmup, total = 10, 100`, `x += 1`), imports of
///   `torch`, `math`, `torch.optim`, `torch.optim.lr_scheduler` (`from … import X` / `*`),
///   expression statements, `if` / `elif` / `else` (run), `for` / `while` / `with` blocks
///   (parsed, never run), and `def` functions whose bodies hold assignments, `if` chains and
///   `return` (HuggingFace's `lr_lambda` style; parameters may have defaults and annotations);
/// - expressions: numbers in every Python spelling (`1e-3`, `.5`, `5.`, `1_000`, `0x10`,
///   `0o17`, `0b101`), strings (f-strings are accepted and never interpreted), lists, tuples,
///   dicts, `True` / `False` / `None`, attribute access, calls with positional and keyword
///   arguments, subscripts, `lambda`, `+ - * / // % **`, unary `-` / `+`, comparisons (chained,
///   `in`, `is`), `and` / `or` / `not`, conditional expressions; `min max abs float int len
///   round pow bool` and `math.cos sin tan exp log log2 log10 sqrt floor ceil fabs pow`,
///   `math.pi e tau inf nan`.
/// - Python semantics: int and float are distinct (`/` is true division, `//` and `%` floor,
///   `int ** int` stays int), evaluation is left to right, errors are Python's
///   (`ZeroDivisionError: division by zero`, …). Ints are 64-bit: where Python would grow a big
///   int, an `OverflowError` is raised instead. `round(x, n)` scales by 10ⁿ (CPython rounds the
///   exact decimal; they differ only on ties that are not representable).
///
/// What runs and what does not:
/// - Top-level assignments and bare constructor calls (`StepLR(optimizer, 2)`) are evaluated in
///   order. Other expression statements (`scheduler.step()`, `optimizer.step()`, `print(...)`,
///   `train_one_epoch(...)`) and every block body are parsed, never run: stepping is the
///   runner's job. A block header whose body lost its indentation (text copied from a web page,
///   as in the seed lesson) takes every following line as its body.
/// - Lambdas look their global names up when called (Python's late binding); they run at
///   construction (the initial step) and at every step, and their errors become the step's
///   error. Calls nest at most 32 deep (`RecursionError`), brackets at most 60.
///
/// Names bound before the snippet runs: `torch`, `math`, every scheduler class and `SGD`,
/// `Adam`, `AdamW` by their bare names; `model`, `backbone`, `head` (networks: usable as
/// parameter lists and through `.parameters()`; any attribute of a network is another one,
/// e.g. `model.fc.parameters()`; `torch.nn` layers such as `nn.Linear(2, 1)` build one too);
/// `__name__` (`"__main__"`); `train_loader` (`len(train_loader)` is
/// `SnippetContext.trainLoaderLength`, default 8: the simulator's 256 points in batches of 32);
/// `num_epochs` (`SnippetContext.numEpochs`, default 10). `optimizer`, when the snippet never
/// assigns it, is `SGD(model.parameters(), lr=defaultLR, momentum=0.9)` — momentum 0.9 as in
/// every optimizer line of the seed lesson, so its bare scheduler lines reproduce the golden
/// numbers and momentum-cycling schedulers work.
///
/// The scheduler stepped is the variable `scheduler`, else the last one constructed.
public enum TorchSnippetModule {}
