import CorridorTestSupport
import Foundation
import Glibc

/// Builds the data directories a power cut at a `CrashState` could leave.
enum CrashImage {
    static let pageSize = 4096
    /// What storage writes whole (the disk model: docs/STORAGE.md, "Power loss").
    static let sectorSize = 512

    /// Which of the pending pages and name changes an image keeps.
    enum Choice: String, Sendable {
        /// Nothing pending made it: the durable state alone.
        case none
        /// Everything pending made it: the state as the store left it.
        case all
        /// Each pending page kept, lost or torn (some of its sectors new, the
        /// rest old, or zeros where the file grew), each name change kept or not.
        case random
    }

    /// Writes one image of `state` into `directory` (which must exist and be empty).
    static func write(_ state: CrashState, choice: Choice, into directory: String, using generator: inout SeededGenerator) throws {
        var names = state.durableNames
        for parent in state.pendingChanges.keys.sorted() {
            for change in state.pendingChanges[parent] ?? [] {
                switch choice {
                case .none: continue
                case .all: change.apply(to: &names)
                case .random: if generator.next(below: 2) == 0 { change.apply(to: &names) }
                }
            }
        }
        // A name is there only when every directory above it is.
        func reachable(_ name: String) -> Bool {
            var parent = PowerLossRecorder.parent(name)
            while !parent.isEmpty {
                guard names[parent] == .directory else { return false }
                parent = PowerLossRecorder.parent(parent)
            }
            return true
        }
        var contents: [UInt64: [UInt8]] = [:]
        for name in names.keys.sorted() where reachable(name) {
            let path = directory + "/" + name
            switch names[name]! {
            case .directory:
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            case .file(let inode):
                try FileManager.default.createDirectory(atPath: PowerLossRecorder.parent(path), withIntermediateDirectories: true)
                // Two names of one file (a segment linked from its temporary
                // name) show the same bytes.
                if contents[inode] == nil {
                    contents[inode] = bytes(of: state.files[inode] ?? FileContents(durable: [], current: []), choice: choice, using: &generator)
                }
                guard FileManager.default.createFile(atPath: path, contents: Data(contents[inode]!)) else {
                    throw TestSupportError("cannot write crash image file \(path)")
                }
            }
        }
    }

    /// The bytes a power cut may leave of one file: all of what is durable,
    /// and of each pending page none, all, or some of its sectors.
    static func bytes(of file: FileContents, choice: Choice, using generator: inout SeededGenerator) -> [UInt8] {
        let length: Int
        if file.current.count == file.durable.count {
            length = file.current.count
        } else {
            switch choice {
            case .none: length = file.durable.count
            case .all: length = file.current.count
            case .random: length = generator.next(below: 2) == 0 ? file.durable.count : file.current.count
            }
        }
        // Where the file grew, what never reached the disk reads as zeros.
        var image = Array(file.durable.prefix(length))
        if image.count < length { image += [UInt8](repeating: 0, count: length - image.count) }
        var page = 0
        while page < length {
            let end = min(page + pageSize, length)
            defer { page = end }
            let newest = (page..<end).map { $0 < file.current.count ? file.current[$0] : 0 }
            guard !image[page..<end].elementsEqual(newest) else { continue }
            let keep: Bool?
            switch choice {
            case .none: keep = false
            case .all: keep = true
            case .random:
                switch generator.next(below: 5) {
                case 0, 1: keep = false
                case 2, 3: keep = true
                default: keep = nil
                }
            }
            if let keep {
                if keep { image.replaceSubrange(page..<end, with: newest) }
                continue
            }
            // Torn: each sector whole, new or old.
            var sector = page
            while sector < end {
                let sectorEnd = min(sector + sectorSize, end)
                if generator.next(below: 2) == 0 {
                    image.replaceSubrange(sector..<sectorEnd, with: newest[(sector - page)..<(sectorEnd - page)])
                }
                sector = sectorEnd
            }
        }
        return image
    }
}

/// How many images the power-loss suite builds in all: about 1,200 by
/// default (under a minute in a debug build on a busy machine); more with
/// CORRIDOR_POWERLOSS_IMAGES=100000.
enum PowerLossBudget {
    static var totalImages: Int {
        ProcessInfo.processInfo.environment["CORRIDOR_POWERLOSS_IMAGES"].flatMap(Int.init) ?? 1_200
    }

    /// Images per crash state with something pending, for one scenario's
    /// share of the budget: the two extremes and at least one random subset.
    /// A state with nothing pending gets one image: every other would be the same.
    static func imagesPerState(_ states: [CrashState], share: Double) -> Int {
        let pending = states.filter(\.hasPending).count
        return max(3, (Int(Double(totalImages) * share) - (states.count - pending)) / max(1, pending))
    }
}

/// Images tried, by kind of crash point, printed at the end of each scenario.
struct ImageTally: CustomStringConvertible {
    private(set) var byKind: [String: Int] = [:]
    private(set) var total = 0
    var failures: [String] = []
    /// Images whose recovery cut a torn or unfinished tail (the simulation
    /// reaching the paths a power cut exercises, not only clean ones).
    var cutTails = 0

    mutating func count(_ kind: String) {
        byKind[kind, default: 0] += 1
        total += 1
    }

    var description: String {
        "\(total) crash images recovered (\(cutTails) with a torn or unfinished tail cut), by kind of crash point:"
            + byKind.keys.sorted().map { "\n  \(byKind[$0]!)\t\($0)" }.joined()
    }
}
