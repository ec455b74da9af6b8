import CorridorModel
import CorridorRegistry
import CorridorWire

// The agreements methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerAgreements(_ registry: Registry, on router: inout MethodRouter) {
        let rpc = Corridor_V1_Registry.self
        router.register(rpc.recordAgreement) { request, context in
            let agreement = try request.agreement.map { try Agreement(proto: $0) }
            return Corridor_V1_Agreement(try await registry.recordAgreement(agreement, actor: context.actor))
        }
        router.register(rpc.updateAgreement) { request, context in
            let agreement = try request.agreement.map { try Agreement(proto: $0) }
            return Corridor_V1_Agreement(try await registry.updateAgreement(
                agreement, fields: request.fields, reason: request.reason, actor: context.actor
            ))
        }
        router.register(rpc.setAgreementStatus) { request, context in
            let status = try Agreement.Status(proto: request.status, field: "corridor.v1.SetAgreementStatusRequest.status")
            return Corridor_V1_Agreement(try await registry.setAgreementStatus(
                agreementID: request.agreementID, status: status, reason: request.reason, date: request.date, actor: context.actor
            ))
        }
        router.register(rpc.recordFulfilment) { request, context in
            Corridor_V1_AgreementProgress(try await registry.recordFulfilment(
                agreementID: request.agreementID, termID: request.termID, count: request.count, date: request.date, reason: request.reason,
                actor: context.actor
            ))
        }
        router.register(rpc.getAgreement) { request, _ in
            Corridor_V1_Agreement(try await registry.getAgreement(request.id))
        }
        router.register(rpc.listAgreements) { request, _ in
            let status = try Agreement.Status(proto: request.status, field: "corridor.v1.ListAgreementsRequest.status")
            return Corridor_V1_ListAgreementsResponse(agreements: try await registry.listAgreements(status: status).map(Corridor_V1_Agreement.init))
        }
        router.register(rpc.getAgreementProgress) { request, _ in
            Corridor_V1_AgreementProgress(try await registry.getAgreementProgress(request.id))
        }
    }
}
