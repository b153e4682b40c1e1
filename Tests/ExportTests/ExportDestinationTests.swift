import Export
import Foundation
import Testing
import TestSupport

@Suite struct ExportDestinationTests {
    @Test func refusesTheWatchedFolderItsSubfoldersAndSymlinksIntoThem() throws {
        let root = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let runs = root + "/runs"
        try FileManager.default.createDirectory(atPath: runs + "/olmo", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: runs + "/olmo")
        for folder in [runs, runs + "/olmo", runs + "/new/figures", root + "/link", root + "/link/sub", runs + "/../runs/olmo"] {
            #expect(throws: ExportDestinationError.self) { try ExportDestination(folder: folder, watchedRoots: [runs]) }
        }
        do {
            _ = try ExportDestination(folder: root + "/link", watchedRoots: [runs])
        } catch let error as ExportDestinationError {
            #expect("\(error)".contains("inside the watched run folder"))
            #expect("\(error)".contains("/runs/olmo"))
        }
        // A sibling whose name merely starts the same is not inside.
        #expect(throws: Never.self) { try ExportDestination(folder: root + "/runs-figures", watchedRoots: [runs]) }
    }

    @Test func neverOverwritesButNumbersTheNewFile() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let destination = try ExportDestination(folder: folder, watchedRoots: [])
        let first = try destination.write(Array("one".utf8), stem: "frontier", fileExtension: "spec.json")
        let second = try destination.write(Array("two".utf8), stem: "frontier", fileExtension: "spec.json")
        let third = try destination.write(Array("three".utf8), stem: "frontier", fileExtension: "spec.json")
        #expect(first.hasSuffix("/frontier.spec.json"))
        #expect(second.hasSuffix("/frontier-1.spec.json"))
        #expect(third.hasSuffix("/frontier-2.spec.json"))
        #expect(String(decoding: FileManager.default.contents(atPath: first)!, as: UTF8.self) == "one")
        #expect(String(decoding: FileManager.default.contents(atPath: third)!, as: UTF8.self) == "three")
    }

    @Test func doesNotWriteThroughAnExistingSymlink() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("precious".utf8).write(to: URL(fileURLWithPath: folder + "/precious.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/figure.svg", withDestinationPath: folder + "/precious.txt")
        let written = try ExportDestination(folder: folder, watchedRoots: []).write(Array("<svg/>".utf8), stem: "figure", fileExtension: "svg")
        #expect(written.hasSuffix("/figure-1.svg"))
        #expect(String(decoding: FileManager.default.contents(atPath: folder + "/precious.txt")!, as: UTF8.self) == "precious")
    }

    @Test func rejectsFileNamesThatLeaveTheFolder() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let destination = try ExportDestination(folder: folder, watchedRoots: [])
        #expect(throws: ExportDestinationError.invalidFileName("../escape.svg")) {
            try destination.write([0], stem: "../escape", fileExtension: "svg")
        }
    }

    @Test func exporterWritesEveryFormatAndSaysWhere() throws {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let exporter = FigureExporter(sink: try ExportDestination(folder: folder + "/out", watchedRoots: [folder + "/runs"]))
        let paths = try exporter.export(SyntheticFigures.isoFLOP(), grid: ScreenTextTests.panel(), formats: ExportFormat.allCases,
                                        stem: "isoflop")
        let names = paths.map { ($0 as NSString).lastPathComponent }
        #expect(names == ["isoflop.svg", "isoflop.pdf", "isoflop.png", "isoflop.csv", "isoflop-parameters.csv", "isoflop.json",
                          "isoflop.spec.json", "isoflop.txt", "isoflop.ansi", "isoflop.html", "isoflop.screen.svg"])
        for path in paths { #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0) > 0) }
        #expect(throws: FigureExportError.noScreen(.txt)) {
            try exporter.export(SyntheticFigures.isoFLOP(), formats: [.txt], stem: "headless")
        }
    }
}
