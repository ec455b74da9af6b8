import CorridorModel
import CorridorRegistry
import CorridorWire

// The lists methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerLists(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "CreateList") { (request: CreateListRequest, context) in
            try await registry.createList(request, actor: context.actor)
        }
        router.registerUnary(prefix + "SelectList") { (request: SelectListRequest, context) in
            try await registry.selectList(request, actor: context.actor)
        }
        router.registerUnary(prefix + "SubmitList") { (request: ListActionRequest, context) in
            try await registry.submitList(request, actor: context.actor)
        }
        router.registerUnary(prefix + "ApproveList") { (request: ApproveListRequest, context) in
            try await registry.approveList(request, actor: context.actor)
        }
        router.registerUnary(prefix + "StrikeEntry") { (request: StrikeEntryRequest, context) in
            try await registry.strikeEntry(request, actor: context.actor)
        }
        router.registerUnary(prefix + "TopUpList") { (request: ListActionRequest, context) in
            try await registry.topUpList(request, actor: context.actor)
        }
        router.registerUnary(prefix + "CloseList") { (request: ListActionRequest, context) in
            try await registry.closeList(request, actor: context.actor)
        }
        router.registerUnary(prefix + "GetList") { (request: GetRequest, _) in
            try await registry.getList(request)
        }
        router.registerUnary(prefix + "ListLists") { (request: ListListsRequest, _) in
            try await registry.listLists(request)
        }
        router.registerUnary(prefix + "GetListVersion") { (request: GetListVersionRequest, _) in
            try await registry.getListVersion(request)
        }
        router.registerUnary(prefix + "DiffList") { (request: DiffListRequest, _) in
            try await registry.diffList(request)
        }
        router.registerUnary(prefix + "LeftOut") { (request: LeftOutRequest, _) in
            try await registry.leftOut(request)
        }
    }
}
