import Foundation
import Markdown

/// The outcome of one answer to a quiz.
public struct QuizResult: Sendable, Equatable {
  public var isCorrect: Bool
  /// Correct choices the learner did not pick (0-based).
  public var missedChoices: [Int]
  /// Choices picked that are wrong (0-based).
  public var wrongChoices: [Int]
  public init(isCorrect: Bool, missedChoices: [Int] = [], wrongChoices: [Int] = []) {
    self.isCorrect = isCorrect
    self.missedChoices = missedChoices
    self.wrongChoices = wrongChoices
  }
}

public enum QuizGrader {
  /// Grades a set of picked choices (0-based). Exactly the correct set is right; a numeric quiz
  /// answered with choices is wrong.
  public static func grade(_ quiz: Quiz, choices picked: Set<Int>) -> QuizResult {
    guard case .choices(let choices) = quiz.answer else { return QuizResult(isCorrect: false) }
    let correct = Set(choices.indices.filter { choices[$0].isCorrect })
    let valid = picked.filter { choices.indices.contains($0) }
    let missed = correct.subtracting(valid).sorted()
    let wrong = picked.subtracting(correct).sorted()
    return QuizResult(
      isCorrect: missed.isEmpty && wrong.isEmpty, missedChoices: missed,
      wrongChoices: wrong)
  }

  /// Grades a number against a numeric quiz (absolute tolerance, inclusive).
  public static func grade(_ quiz: Quiz, number: Double) -> QuizResult {
    guard case .numeric(let value, let tolerance) = quiz.answer, number.isFinite else {
      return QuizResult(isCorrect: false)
    }
    return QuizResult(isCorrect: abs(number - value) <= tolerance)
  }

  /// Grades typed text against a numeric quiz ("0.025", "2.5e-2", " 0.025 "); nil if the text
  /// is not a number.
  public static func grade(_ quiz: Quiz, text: String) -> QuizResult? {
    guard let number = parseNumber(text) else { return nil }
    return grade(quiz, number: number)
  }

  /// Reads a decimal number as a learner types it; nil if it is not one.
  public static func parseNumber(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
    guard !trimmed.isEmpty, let value = Double(trimmed), value.isFinite else { return nil }
    return value
  }
}
