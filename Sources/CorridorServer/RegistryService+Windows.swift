import CorridorModel
import CorridorRegistry
import CorridorWire

// The windows methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerWindows(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "AnnounceWindow") { (request: AnnounceWindowRequest, context) in
            try await registry.announceWindow(request, actor: context.actor)
        }
        router.registerUnary(prefix + "SetWindowStatus") { (request: SetWindowStatusRequest, context) in
            try await registry.setWindowStatus(request, actor: context.actor)
        }
        router.registerUnary(prefix + "GetWindow") { (request: GetRequest, _) in
            try await registry.getWindow(request)
        }
        router.registerUnary(prefix + "ListWindows") { (request: ListWindowsRequest, _) in
            try await registry.listWindows(request)
        }
        router.registerUnary(prefix + "ActiveWindows") { (request: ActiveWindowsRequest, _) in
            try await registry.activeWindows(request)
        }
    }
}
