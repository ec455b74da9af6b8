import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal,
/// so pipes and logs stay clean.
final class ProgressLine {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var lastDrawnPercent = -1

    init(total: Int, label: String) {
        self.total = max(1, total)
        self.label = label
        self.enabled = isatty(2) == 1 && total > 1
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let percent = done * 100 / total
        guard percent != lastDrawnPercent else { return }
        lastDrawnPercent = percent
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% (\(done)/\(total))".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
