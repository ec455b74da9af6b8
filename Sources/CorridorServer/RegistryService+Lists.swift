import CorridorModel
import CorridorRegistry
import CorridorWire

// The lists methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerLists(_ registry: Registry, on router: inout MethodRouter) {
        let rpc = Corridor_V1_Registry.self
        router.register(rpc.createList) { request, context in
            let list = try request.list.map { try EvacuationList(proto: $0) }
            return Corridor_V1_EvacuationList(context.withholding.list(try await registry.createList(list, actor: context.actor)))
        }
        router.register(rpc.selectList) { request, context in
            Corridor_V1_SelectListResponse(context.withholding.selection(try await registry.selectList(
                listID: request.listID, policyVersion: request.policyVersion, asOf: request.asOf, actor: context.actor
            )))
        }
        router.register(rpc.submitList) { request, context in
            Corridor_V1_EvacuationList(context.withholding.list(try await registry.submitList(listID: request.listID, reason: request.reason, actor: context.actor)))
        }
        router.register(rpc.approveList) { request, context in
            Corridor_V1_EvacuationList(context.withholding.list(try await registry.approveList(listID: request.listID, partyID: request.partyID, actor: context.actor)))
        }
        router.register(rpc.strikeEntry) { request, context in
            Corridor_V1_EvacuationList(context.withholding.list(try await registry.strikeEntry(
                listID: request.listID, caseID: request.caseID, partyID: request.partyID, reason: request.reason, topUp: request.topUp,
                actor: context.actor
            )))
        }
        router.register(rpc.topUpList) { request, context in
            Corridor_V1_EvacuationList(context.withholding.list(try await registry.topUpList(listID: request.listID, reason: request.reason, actor: context.actor)))
        }
        router.register(rpc.closeList) { request, context in
            Corridor_V1_EvacuationList(context.withholding.list(try await registry.closeList(listID: request.listID, reason: request.reason, actor: context.actor)))
        }
        router.register(rpc.getList) { request, context in
            Corridor_V1_ListSummary(context.withholding.summary(try await registry.getList(request.id)))
        }
        router.register(rpc.listLists) { request, context in
            let status = try EvacuationList.Status(proto: request.status, field: "corridor.v1.ListListsRequest.status")
            let withholding = context.withholding
            return Corridor_V1_ListListsResponse(
                lists: try await registry.listLists(agreementID: request.agreementID, status: status).map { Corridor_V1_ListSummary(withholding.summary($0)) }
            )
        }
        router.register(rpc.getListVersion) { request, context in
            Corridor_V1_ListVersion(context.withholding.version(try await registry.getListVersion(listID: request.listID, version: request.version)))
        }
        router.register(rpc.diffList) { request, context in
            Corridor_V1_DiffListResponse(context.withholding.diff(try await registry.diffList(
                listID: request.listID, fromVersion: request.fromVersion, toVersion: request.toVersion
            )))
        }
        router.register(rpc.leftOut) { request, context in
            var response = try await registry.leftOut(listID: request.listID, limit: request.limit, offset: request.offset)
            response.leftOut = context.withholding.leftOut(response.leftOut)
            return Corridor_V1_LeftOutResponse(response)
        }
    }
}
