import Lessons

extension AppModel {
  /// Replaces the lesson read from the same file. A reader on it is laid out again at the same
  /// line; a broken edit shows its diagnostics from the top, and the fix returns to the line.
  public mutating func reloadLesson(_ lesson: Lesson) {
    guard let index = course.lessons.firstIndex(where: { $0.file == lesson.file }) else { return }
    course.lessons[index] = lesson
    for i in stack.indices {
      guard case .reader(var s) = stack[i], s.lessonIndex == index else { continue }
      let place = s.placeBeforeBrokenEdit ?? s.scroll
      s.layout = makeLayout(index)
      if lesson.isBroken {
        s.placeBeforeBrokenEdit = place
        s.scroll = 0
      } else {
        s.placeBeforeBrokenEdit = nil
        s.scroll = min(place, maxScroll(s))
      }
      if let f = s.focusedCard, f >= s.layout.cards.count { s.focusedCard = nil }
      stack[i] = .reader(s)
    }
  }

  /// Opens the lesson read from `file` (`lrlab lessons preview FILE`); false if there is none.
  public mutating func openLesson(file: String) -> Bool {
    guard let index = course.lessons.firstIndex(where: { $0.file == file }) else { return false }
    _ = openLesson(index)
    return true
  }
}
