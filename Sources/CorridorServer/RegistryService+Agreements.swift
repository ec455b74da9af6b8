import CorridorModel
import CorridorRegistry
import CorridorWire

// The agreements methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerAgreements(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "RecordAgreement") { (request: RecordAgreementRequest, context) in
            try await registry.recordAgreement(request, actor: context.actor)
        }
        router.registerUnary(prefix + "UpdateAgreement") { (request: UpdateAgreementRequest, context) in
            try await registry.updateAgreement(request, actor: context.actor)
        }
        router.registerUnary(prefix + "SetAgreementStatus") { (request: SetAgreementStatusRequest, context) in
            try await registry.setAgreementStatus(request, actor: context.actor)
        }
        router.registerUnary(prefix + "RecordFulfilment") { (request: RecordFulfilmentRequest, context) in
            try await registry.recordFulfilment(request, actor: context.actor)
        }
        router.registerUnary(prefix + "GetAgreement") { (request: GetRequest, _) in
            try await registry.getAgreement(request)
        }
        router.registerUnary(prefix + "ListAgreements") { (request: ListAgreementsRequest, _) in
            try await registry.listAgreements(request)
        }
        router.registerUnary(prefix + "GetAgreementProgress") { (request: GetRequest, _) in
            try await registry.getAgreementProgress(request)
        }
    }
}
