// App architecture (Elm style). Kept as a comment here because SwiftPM warns about
// non-source files in a target.
//
// # App architecture (Elm style)
//
// - `AppModel` (Core/AppModel.swift): the whole state. `stack: [Screen]`, Home at the bottom;
//   `Screen` is `.home`, `.reader`, `.quiz`, `.schedulePreview`, `.lab(LabState)`.
// - `Msg` (Core/Msg.swift): `.key(Key)`, `.mouse(MouseEvent)`, `.resize(width:height:)`,
//   `.tick(Instant)`, `.schedulePreviewLoaded`, `.progressSaveFailed`, `.lab(LabMsg)`.
// - `update(&model, msg) -> [Effect]` (Core/Update.swift): pure. Effects: `.quit`,
//   `.saveProgress(ProgressEvent)`, `.previewSchedule(Lab)`, `.lab(LabEffect)`.
// - `view(model, into: &buffer)` (Core/View.swift): pure; title bar (row 0), the top screen in
//   `model.contentArea`, status line (last row), help overlay, or the "too small" screen.
// - Time: the runtime reads a `TickClock`; ticks carry the `Instant`; tests use `FakeClock`.
//
// ## The Lab hook (Sources/App/Lab/, owned by the Lab screen)
// - State: `Screen.lab(LabState)` on the stack. Entered from Home's "Lab" item
//   (`LabState(lab: nil)`). Enter on a lesson's lab card pushes `.lab(LabState(lab: lab))`
//   (`AppModel.openCard`); `s` there shows the schedule preview, whose Enter opens the Lab too.
//   `lrlab lab` can call `model.openLab(state)` before `runApp`.
// - Messages: while the Lab is on top, every `.key`, `.mouse`, `.resize`, `.tick` and `.lab`
//   message goes to `LabState.update(_:context:)` first (resize/tick/lab always; key/mouse unless
//   help is open or the terminal is too small). It returns `LabOutcome(handled:effects:close:)`;
//   `handled: false` lets the app apply `?` (help) and `q`/Esc (back). Ctrl-C always quits.
// - Drawing: `LabState.view(into:context:)` draws in `context.area` (between title bar and status
//   line); `keyHelp` feeds the help overlay, `statusKeys` the status line, `title` the title bar.
// - Ticks: declarative. The runtime asks `model.frameInterval` after every message; it is the top
//   Lab's `frameInterval` (nanoseconds, e.g. 33_333_333 for 30 fps) or nil. Return nil whenever
//   nothing animates (paused, finished): the runtime then blocks on input with no ticks at all.
// - Runtime work: put cases in `LabEffect`; the runtime (Sources/lrlab/Terminal/AppRuntime.swift)
//   hands each `.lab(effect)` to `LabEffectRunner.perform(_:send:)`, which can send `Msg.lab(...)`
//   back.
// - Learners' and lessons' code is never evaluated on the frame loop: with
//   `model.evaluatesInBackground` (set by the runtime) the Lab asks for `LabEffect.evaluate`
//   (`LabEvaluation`: check the editor's text, apply it, open a lesson's lab, start any run —
//   a knob, `b`, `0`, a preset — and the `P`/`S` files), the runtime's
//   `EvaluationWorker` thread runs `perform()`, and the answer comes back as `LabMsg.checked` /
//   `.prepared`, tagged with a generation so that only the latest answer for this Lab counts.
//   Schedule previews (`Effect.previewSchedule`) run on the same worker. Without a runtime
//   (tests, `lessons test`) the same work runs inline. Progress: return `.saveProgress(.requirementMet("ran:StepLR"))` etc., and
//   `.saveProgress(.labRunFinished(labID:))` once per finished run. `update` applies every
//   `saveProgress` event to `model.progress` (`LearnerProgress.apply`, the function the runtime
//   applies to the store), and every screen renders `model.summary` (Lessons' ProgressSummary).
