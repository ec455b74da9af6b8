import CorridorModel
import CorridorRegistry
import CorridorWire

// The lists methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerLists(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "CreateList") { (request: CreateListRequest, context) in
            try await registry.createList(request.list, actor: context.actor)
        }
        router.registerUnary(prefix + "SelectList") { (request: SelectListRequest, context) in
            try await registry.selectList(listID: request.listID, policyVersion: request.policyVersion, asOf: request.asOf, actor: context.actor)
        }
        router.registerUnary(prefix + "SubmitList") { (request: ListActionRequest, context) in
            try await registry.submitList(listID: request.listID, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "ApproveList") { (request: ApproveListRequest, context) in
            try await registry.approveList(listID: request.listID, partyID: request.partyID, actor: context.actor)
        }
        router.registerUnary(prefix + "StrikeEntry") { (request: StrikeEntryRequest, context) in
            try await registry.strikeEntry(
                listID: request.listID, caseID: request.caseID, partyID: request.partyID, reason: request.reason, topUp: request.topUp,
                actor: context.actor
            )
        }
        router.registerUnary(prefix + "TopUpList") { (request: ListActionRequest, context) in
            try await registry.topUpList(listID: request.listID, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "CloseList") { (request: ListActionRequest, context) in
            try await registry.closeList(listID: request.listID, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "GetList") { (request: GetRequest, _) in
            try await registry.getList(request.id)
        }
        router.registerUnary(prefix + "ListLists") { (request: ListListsRequest, _) in
            ListListsResponse(lists: try await registry.listLists(agreementID: request.agreementID, status: request.status))
        }
        router.registerUnary(prefix + "GetListVersion") { (request: GetListVersionRequest, _) in
            try await registry.getListVersion(listID: request.listID, version: request.version)
        }
        router.registerUnary(prefix + "DiffList") { (request: DiffListRequest, _) in
            try await registry.diffList(listID: request.listID, fromVersion: request.fromVersion, toVersion: request.toVersion)
        }
        router.registerUnary(prefix + "LeftOut") { (request: LeftOutRequest, _) in
            try await registry.leftOut(listID: request.listID, limit: request.limit, offset: request.offset)
        }
    }
}
