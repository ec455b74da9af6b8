import CorridorModel
import CorridorRegistry
import CorridorWire

// The agreements methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerAgreements(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "RecordAgreement") { (request: RecordAgreementRequest, context) in
            try await registry.recordAgreement(request.agreement, actor: context.actor)
        }
        router.registerUnary(prefix + "UpdateAgreement") { (request: UpdateAgreementRequest, context) in
            try await registry.updateAgreement(request.agreement, fields: request.fields, reason: request.reason, actor: context.actor)
        }
        router.registerUnary(prefix + "SetAgreementStatus") { (request: SetAgreementStatusRequest, context) in
            try await registry.setAgreementStatus(
                agreementID: request.agreementID, status: request.status, reason: request.reason, date: request.date, actor: context.actor
            )
        }
        router.registerUnary(prefix + "RecordFulfilment") { (request: RecordFulfilmentRequest, context) in
            try await registry.recordFulfilment(
                agreementID: request.agreementID, termID: request.termID, count: request.count, date: request.date, reason: request.reason,
                actor: context.actor
            )
        }
        router.registerUnary(prefix + "GetAgreement") { (request: GetRequest, _) in
            try await registry.getAgreement(request.id)
        }
        router.registerUnary(prefix + "ListAgreements") { (request: ListAgreementsRequest, _) in
            ListAgreementsResponse(agreements: try await registry.listAgreements(status: request.status))
        }
        router.registerUnary(prefix + "GetAgreementProgress") { (request: GetRequest, _) in
            try await registry.getAgreementProgress(request.id)
        }
    }
}
