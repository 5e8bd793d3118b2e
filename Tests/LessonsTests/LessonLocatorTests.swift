import Foundation
import XCTest

@testable import Lessons

final class LessonLocatorTests: XCTestCase {
  func testExplicitDirectoriesWin() {
    XCTAssertEqual(
      LessonLocator.directories(explicit: ["/a", "/b"], environment: ["LRLAB_LESSONS": "/c"])
        .map(\.path), ["/a", "/b"])
  }

  func testEnvironmentVariableIsAPathList() {
    XCTAssertEqual(
      LessonLocator.directories(explicit: [], environment: ["LRLAB_LESSONS": "/c:/d"]).map(\.path),
      ["/c", "/d"])
  }

  func testBundledCourseFoundFromTheSourcePath() throws {
    let root = try temporaryDirectory(self)
    let fm = FileManager.default
    try fm.createDirectory(
      at: root.appendingPathComponent("Sources/Lessons"), withIntermediateDirectories: true)
    try fm.createDirectory(
      at: root.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
    try Data().write(to: root.appendingPathComponent("Package.swift"))
    let source = root.appendingPathComponent("Sources/Lessons/LessonLocator.swift").path
    XCTAssertEqual(
      LessonLocator.bundledDirectory(filePath: source)?.standardizedFileURL.path,
      root.appendingPathComponent("Lessons").standardizedFileURL.path)
  }
}
