import Foundation
import Testing
@testable import BanTinKit

/// What an operator's mistakes do to the visit counter's files is said, and loses no counts that can be kept.
@Suite struct CounterLossTests {
    func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    /// A state file deleted (or lost in a restore) while its previous copy is there: the counter goes on from the
    /// copy, saying so, instead of from the baseline when the logs it counted are rotated away.
    @Test func aMissingStateGoesOnFromItsPreviousCopyAndSaysSo() throws {
        try withFolder { folder in
            let store = CounterStore(url: folder.appendingPathComponent("visits.json"))
            var state = CounterState()
            state.totalViews = 1200
            try store.save(state)
            state.totalViews = 1500
            try store.save(state)
            try FileManager.default.removeItem(at: store.url)
            let loaded = store.load()
            #expect(loaded.state.totalViews == 1200)
            #expect(loaded.canSave)
            #expect(loaded.diagnostics.count == 1)
            #expect(loaded.diagnostics.first?.message.contains("state is missing; going on from the copy") == true)
            #expect(loaded.diagnostics.first?.text.rendered(in: .vi).contains("không thấy tệp trạng thái") == true)
            // No state and no copy: the first build of a site, silent.
            try FileManager.default.removeItem(at: store.previousURL)
            #expect(store.load().diagnostics.isEmpty)
        }
    }

    /// Lost after its first save: the copy is the state before it (nothing counted), so the loss is said.
    @Test func aStateLostAfterItsFirstSaveIsSaid() throws {
        try withFolder { folder in
            let store = CounterStore(url: folder.appendingPathComponent("visits.json"))
            var state = CounterState()
            state.totalViews = 40
            try store.save(state)
            try FileManager.default.removeItem(at: store.url)
            let loaded = store.load()
            #expect(loaded.state.totalViews == 0)
            #expect(loaded.diagnostics.first?.message.contains("state is missing; going on from the copy") == true)
        }
    }

    /// A log cut back in place (same file, shorter than when it was read), then written to again: said.
    @Test(arguments: [5, 9])
    func aLogCutBackInPlaceIsAWarning(_ keptLines: Int) throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            try CounterFixtures.write(CounterFixtures.views(10), to: log)
            let first = CounterFixtures.ingest(folder)
            #expect(first.state.totalViews == 10)
            let kept = CounterFixtures.views(keptLines)
            let handle = try FileHandle(forWritingTo: log)
            try handle.truncate(atOffset: UInt64(kept.utf8.count))
            try handle.close()
            try CounterFixtures.append(CounterFixtures.views(2, from: 50, hour: 9), to: log)
            let second = CounterFixtures.ingest(folder, into: first.state)
            #expect(second.diagnostics.count == 1, "\(second.diagnostics)")
            #expect(second.diagnostics.first?.message.contains("cut back in place") == true)
            #expect(second.diagnostics.first?.file.hasSuffix("access.log") == true)
        }
    }

    /// Emptied in place and written to again (logrotate's copytruncate): a new log, counted, nothing to say.
    @Test func aLogEmptiedInPlaceIsANewLog() throws {
        try withFolder { folder in
            let log = folder.appendingPathComponent("access.log")
            try CounterFixtures.write(CounterFixtures.views(10), to: log)
            let first = CounterFixtures.ingest(folder)
            let handle = try FileHandle(forWritingTo: log)
            try handle.truncate(atOffset: 0)
            try handle.close()
            try CounterFixtures.append(CounterFixtures.views(4, from: 50, hour: 9), to: log)
            let second = CounterFixtures.ingest(folder, into: first.state)
            #expect(second.diagnostics.isEmpty)
            #expect(second.state.totalViews == 14)
        }
    }
}
