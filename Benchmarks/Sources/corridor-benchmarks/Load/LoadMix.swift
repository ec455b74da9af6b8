import Foundation
import ArgumentParser

/// The unary calls the load generator makes, as an operations room makes
/// them: most calls read, a third write.
enum LoadCall: String, CaseIterable, Codable, Sendable {
    /// Registry/GetCase of a known case (its personal part too, so each is
    /// recorded on the audit trail first, as every personal read is).
    case get
    /// Registry/WaitingCases of one site, 50 rows: the daily question.
    case waiting
    /// Registry/RegisterCase of a new case with a personal part.
    case register
    /// Registry/SetCaseStatus: a waiting case withdrawn (with a reason), a
    /// withdrawn one back to waiting.
    case status
    /// Registry/GetList (`list show`: the list, its entries and summary),
    /// every fourth one Registry/ListLists.
    case list

    var isWrite: Bool { self == .register || self == .status }

    var rpcName: String {
        switch self {
        case .get: "GetCase"
        case .waiting: "WaitingCases"
        case .register: "RegisterCase"
        case .status: "SetCaseStatus"
        case .list: "GetList / ListLists"
        }
    }
}

/// Weights of the calls, `get=35,waiting=10,register=20,status=20,list=15`
/// (the default): any non-negative integers, not necessarily summing to 100.
struct LoadMix: ExpressibleByArgument, CustomStringConvertible, Sendable {
    static let standard = LoadMix(weights: [.get: 35, .waiting: 10, .register: 20, .status: 20, .list: 15])

    let weights: [LoadCall: Int]
    /// Cumulative weights in `LoadCall.allCases` order, for picking.
    private let cumulative: [(LoadCall, Int)]
    let total: Int

    init(weights: [LoadCall: Int]) {
        self.weights = weights
        var running = 0
        var cumulative: [(LoadCall, Int)] = []
        for call in LoadCall.allCases {
            let weight = weights[call] ?? 0
            guard weight > 0 else { continue }
            running += weight
            cumulative.append((call, running))
        }
        self.cumulative = cumulative
        total = running
    }

    init?(argument: String) {
        var weights: [LoadCall: Int] = [:]
        for part in argument.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let call = LoadCall(rawValue: String(pair[0]).trimmingCharacters(in: .whitespaces)),
                  let weight = Int(pair[1]), weight >= 0, weight <= 1_000_000 else { return nil }
            weights[call] = weight
        }
        self.init(weights: weights)
        guard total > 0 else { return nil }
    }

    var description: String {
        LoadCall.allCases.filter { (weights[$0] ?? 0) > 0 }.map { "\($0.rawValue)=\(weights[$0, default: 0])" }.joined(separator: ",")
    }

    /// The call for a uniformly random `draw`.
    func pick(_ draw: UInt64) -> LoadCall {
        let point = Int(draw % UInt64(total))
        for (call, upTo) in cumulative where point < upTo { return call }
        return cumulative[cumulative.count - 1].0
    }
}
