/// # TorchSnippet: pasted PyTorch code in, optimizer and schedulers out
///
/// `SnippetProgram.parse(source)` reads the Python subset that scheduler code uses;
/// `program.build(SnippetContext(...))` evaluates it into an `OptimizerState` and the
/// `Schedulers` classes (running their constructors, so their validation and initial step);
/// `ScheduleRunner.run(built, steps:metrics:)` steps it into a `ScheduleTrace` (CSV, JSON or a
/// table). Nothing outside the subset is ever executed.
///
/// What is read — a few lines or a whole training script (model class, loaders,
/// `train_one_epoch`, `main`, `if __name__ == "__main__":`). Nothing is ever executed for real:
/// no file is opened, no module imported, no command line read.
/// - Evaluated: assignments (plain, tuple and `*rest`, annotated, augmented, to attributes of
///   the script's objects and to dict/list items), imports (any module: the ones lrlab does
///   not model hold opaque values), `if` / `elif` / `else`, `def` (nested, closures, defaults,
///   keyword-only, `*args`, `**kwargs`) and `class` (nn.Module subclasses are networks, others
///   objects, `@dataclass` fields), calls of the script's functions and classes,
///   `list.append` and friends, `argparse` (the defaults of `add_argument`), and the
///   expressions: numbers in every Python spelling, ints without limit, strings, lists,
///   tuples, sets, dicts (`**` merge), comprehensions and generator expressions, slices,
///   lambdas (defaults, `*args`), `functools.partial`, every operator, conditional
///   expressions; the builtins `min max abs float int len round pow bool range sum list tuple
///   set dict sorted reversed zip enumerate map filter any all isinstance str repr type
///   getattr hasattr` and `math`. `torch.nn` layers register PyTorch's parameters (`weight`,
///   `bias`, …) so `named_parameters()` has real names and layers are distinct parameter sets;
///   `torch.device`, `torch.manual_seed`, `.to(device)`, `.cuda()` are no-ops;
///   `DataLoader(...)` has `len()` = `SnippetContext.trainLoaderLength`.
/// - Skipped (noted in `BuiltSchedule.notes`): `for` loops (except over a network's
///   parameters: the weight-decay grouping and freezing idioms run), `while`, `with`, `try`,
///   an `if` whose condition is unknown, calls whose result nothing needs (`print`,
///   `scheduler.step()`, `loss.backward()`; their arguments are still evaluated, so
///   `sys.exit(main())` runs `main()`), `def`s never called. Names set there hold opaque
///   values, an error (at the place they came from) only if the optimizer or a scheduler needs
///   them.
/// - Refused: what changes an optimizer after construction (`param_groups[i]["lr"] = …`,
///   `add_param_group`), constructing schedulers inside a lambda, complex numbers.
/// - Python semantics: int and float are distinct (`/` is true division, `//` and `%` floor),
///   ints have no limit (`BigInt` beyond 64 bits; a float conversion that cannot hold is an
///   `OverflowError`), evaluation is left to right, errors are Python's, with CPython's "Did
///   you mean" for names, attributes and keyword arguments. `round(x, n)` scales by 10ⁿ.
/// - Bounds: an evaluation-step budget (`SnippetContext.evaluationSteps`, default
///   1,000,000 while building; 20,000 per lambda call while stepping), values of at most
///   1,000,000 items, calls nested at most 20 deep (`RecursionError`), brackets at most 60,
///   and a `CancellationFlag` the evaluator polls.
///
/// Lambdas look their global names up when called (Python's late binding); they run at
/// construction (the initial step) and at every step, and their errors become the step's
/// error.
///
/// Names bound before the snippet runs: `torch`, `math`, every scheduler class and `SGD`,
/// `Adam`, `AdamW` by their bare names; `model`, `backbone`, `head` (networks with a `weight`
/// and a `bias`, usable as parameter lists and through `.parameters()`; any attribute of them
/// is a sub-network whose parameters are part of theirs, e.g. `model.fc.parameters()`);
/// `__name__` (`"__main__"`); `train_loader` (`len(train_loader)` is
/// `SnippetContext.trainLoaderLength`, default 8: the simulator's 256 points in batches of 32);
/// `num_epochs` (`SnippetContext.numEpochs`, default 10). `optimizer`, when the snippet never
/// assigns it, is `SGD(model.parameters(), lr=defaultLR, momentum=0.9)` — momentum 0.9 as in
/// every optimizer line of the seed lesson, so its bare scheduler lines reproduce the golden
/// numbers and momentum-cycling schedulers work.
///
/// The scheduler stepped is the variable `scheduler` (a global, else the last scheduler
/// assigned to a local `scheduler`, as in a `main()`), else the last one constructed.
public enum TorchSnippetModule {}
