import Foundation
import Lessons

/// Applies `msg` to `model`; returns the work the runtime must do. Pure.
///
/// Routing: Ctrl-C always quits. While help is shown, any key closes it. Resize re-lays out
/// every screen. Otherwise the message goes to the screen on top of the stack; keys it leaves
/// alone fall through to the global ones (`?` help, `q`/Esc back — or quit on Home).
public func update(_ model: inout AppModel, _ msg: Msg) -> [Effect] {
  defer { model.syncLabShelf() }
  let effects = route(&model, msg)
  model.applyProgress(effects)
  return effects
}

private func route(_ model: inout AppModel, _ msg: Msg) -> [Effect] {
  model.statusMessage = nil
  switch msg {
  case .key(.ctrlC):
    return [.quit]
  case .resize(let width, let height):
    let textHeight = model.readerTextArea.height
    model.width = max(0, width)
    model.height = max(0, height)
    model.relayout(previousTextHeight: textHeight)
    return model.forwardToLab(msg).effects
  case .tick(let now):
    model.now = now
    return model.forwardToLab(msg).effects
  case .progressSaveFailed(let message):
    model.statusMessage = message
    return []
  case .schedulePreviewLoaded(let labID, let result):
    for i in model.stack.indices {
      if case .schedulePreview(var s) = model.stack[i], s.lab.id == labID, s.content == .loading {
        switch result {
        case .success(let data): s.content = .loaded(data)
        case .failure(let error): s.content = .failed(error.message)
        }
        model.stack[i] = .schedulePreview(s)
      }
    }
    return []
  case .lab, .paste:
    return model.forwardToLab(msg).effects
  case .lessonReloaded(let lesson):
    model.reloadLesson(lesson)
    return []
  case .key, .mouse:
    break
  }

  if model.showsHelp {
    if case .key = msg { model.showsHelp = false }
    return []
  }
  if model.confirmingQuit {
    guard case .key(let key) = msg else { return [] }
    model.confirmingQuit = false
    return key == .char("q") || key == .char("y") || key == .char("Y") ? [.quit] : []
  }
  if model.isTooSmall {
    // The small screen says "q quits" (or goes back): no room to ask.
    if msg == .key(.char("q")) || msg == .key(.escape) {
      return model.stack.count > 1 ? model.goBack() : [.quit]
    }
    return []
  }

  let outcome = model.forwardToLab(msg)
  if outcome.handled { return outcome.effects }

  let top = model.stack.count - 1
  var effects: [Effect] = []
  switch model.stack[top] {
  case .home(var s):
    effects = model.updateHome(&s, msg)
    model.stack[top] = .home(s)
  case .reader(var s):
    effects = model.updateReader(&s, msg)
    // The reader may have been replaced by the next lesson.
    if case .reader(let now) = model.stack[top], now.lessonIndex == s.lessonIndex {
      model.stack[top] = .reader(s)
    }
  case .quiz(var s):
    effects = model.updateQuiz(&s, msg)
    // The quiz may have closed itself (Enter after a right answer).
    if model.stack.count - 1 == top { model.stack[top] = .quiz(s) }
  case .progress(var s):
    effects = model.updateProgressScreen(&s, msg)
    if case .progress = model.stack[top] { model.stack[top] = .progress(s) }
  case .schedulePreview(let s):
    // Enter: the same lab in the Lab screen, preconfigured from the lesson.
    if msg == .key(.enter) { effects = model.pushLab(s.lab) }
  case .lab:
    break
  }
  if case .key(let key) = msg, model.stack.count - 1 == top {
    switch key {
    case .char("?"):
      model.showsHelp = true
    case .char("q"), .escape:
      return model.goBack()
    default: break
    }
  }
  return effects
}

extension AppModel {
  /// Opens the Lab on top of the current screen (e.g. `lrlab lab` opens the app straight in it).
  public mutating func openLab(_ lab: LabState) {
    stack.append(.lab(lab))
    syncLabShelf()
  }

  /// Pops the top screen; on Home, asks whether to quit (Ctrl-C quits at once).
  mutating func goBack() -> [Effect] {
    guard stack.count > 1 else {
      confirmingQuit = true
      return []
    }
    stack.removeLast()
    // Progress may have changed on the screen just left (a quiz answered): refresh the cards.
    relayout()
    return []
  }

  /// Lays screens out again for the current size and progress.
  mutating func relayout(previousTextHeight: Int? = nil) {
    for i in stack.indices {
      switch stack[i] {
      case .reader(let s): stack[i] = .reader(relaid(s, previousTextHeight: previousTextHeight))
      case .progress(let s):
        var fresh = ProgressScreenState(model: self)
        fresh.selection = min(s.selection, max(0, fresh.items.count - 1))
        fresh.scroll = s.scroll
        stack[i] = .progress(fresh)
      default: break
      }
    }
  }

  /// Applies the progress changes in `effects` to the model's copy (the runtime saves them to
  /// the store with the same function); re-lays out the screens when anything changed.
  public mutating func applyProgress(_ effects: [Effect]) {
    let before = progress
    for case .saveProgress(let event) in effects {
      progress.apply(event, lessons: course.lessons, at: Self.appClock)
    }
    if progress != before { relayout() }
  }

  /// The pure core has no wall clock; the copy's dates are placeholders (the store's are real).
  static let appClock = Date(timeIntervalSince1970: 0)

  /// Gives `msg` to the Lab when it is on top; applies `close`.
  mutating func forwardToLab(_ msg: Msg) -> LabOutcome {
    guard case .lab(var lab) = top else { return LabOutcome(handled: false) }
    let outcome = lab.update(msg, context: labContext)
    stack[stack.count - 1] = .lab(lab)
    if outcome.close, stack.count > 1 { stack.removeLast() }
    return outcome
  }
}
